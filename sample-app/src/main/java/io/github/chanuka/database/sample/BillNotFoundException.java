package io.github.chanuka.database.sample;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Thrown by the web layer for an unknown bill; rendered as a 404 problem detail.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class BillNotFoundException extends ErrorResponseException {

	public BillNotFoundException(long id) {
		super(HttpStatus.NOT_FOUND, problem(id), null);
	}

	private static ProblemDetail problem(long id) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No bill has id " + id);
		problem.setTitle("Bill not found");
		problem.setProperty("id", id);
		return problem;
	}

}
