package io.github.chanuka.database.sample;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.github.chanuka.database.resilience.CommitOutcomeUnknownException;
import io.github.chanuka.database.resilience.DatabaseUnavailableException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;

import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Renders bad requests as RFC 9457 problem details whose {@code detail} names the
 * field and the value at fault, so that a client can fix its request without reading
 * the server log.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	/**
	 * A node whose circuit breaker is open, a pool that timed out, or no replica for a
	 * read: the database is unavailable for now, so the client may retry later.
	 * @param ex the failure
	 * @return a 503 problem, with {@code Retry-After} when the breaker says when
	 */
	@ExceptionHandler({ DatabaseUnavailableException.class, TransientDataAccessResourceException.class,
			CannotGetJdbcConnectionException.class })
	ResponseEntity<ProblemDetail> databaseUnavailable(DataAccessException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"The database is unavailable; try again shortly.");
		problem.setTitle("Database unavailable");
		ResponseEntity.BodyBuilder response = ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE);
		if (ex instanceof DatabaseUnavailableException unavailable && unavailable.getRetryAfter() != null) {
			long seconds = Math.max(1, Duration.between(Instant.now(), unavailable.getRetryAfter()).toSeconds());
			problem.setProperty("retryAfterSeconds", seconds);
			response.header(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
		}
		return response.body(problem);
	}

	/**
	 * The connection failed while a write was committing: it may or may not have been
	 * applied, so the client must check before repeating it.
	 * @param ex the failure
	 * @return a 503 problem saying the outcome is unknown
	 */
	@ExceptionHandler(CommitOutcomeUnknownException.class)
	ResponseEntity<ProblemDetail> outcomeUnknown(CommitOutcomeUnknownException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"The database connection failed while saving; the change may or may not have been saved. "
						+ "Check before sending it again.");
		problem.setTitle("Outcome unknown");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(problem);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<Map<String, String>> errors = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map((error) -> Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage())))
			.toList();
		String detail = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map(ApiExceptionHandler::describe)
			.sorted()
			.collect(Collectors.joining("; "));
		ProblemDetail problem = badRequest("Invalid request content", detail);
		problem.setProperty("errors", errors);
		return handleExceptionInternal(ex, problem, headers, status, request);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = badRequest("Unreadable request body", unreadable(ex));
		return handleExceptionInternal(ex, problem, headers, status, request);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String name = (ex.getPropertyName() != null) ? ex.getPropertyName() : "parameter";
		ProblemDetail problem = badRequest("Invalid parameter",
				name + ": " + rejected(ex.getValue(), ex.getRequiredType()));
		return handleExceptionInternal(ex, problem, headers, status, request);
	}

	private static String describe(FieldError error) {
		String value = (error.getRejectedValue() != null) ? " (was '" + error.getRejectedValue() + "')" : "";
		return error.getField() + " " + error.getDefaultMessage() + value;
	}

	private static String unreadable(HttpMessageNotReadableException ex) {
		JacksonException cause = jacksonCause(ex);
		if (cause instanceof InvalidFormatException invalid) {
			return path(invalid) + ": " + rejected(invalid.getValue(), invalid.getTargetType());
		}
		if (cause instanceof MismatchedInputException mismatched && !mismatched.getPath().isEmpty()) {
			return path(mismatched) + ": expected " + typeName(mismatched.getTargetType()) + " but found "
					+ tokenName(mismatched.getCurrentToken());
		}
		if (cause instanceof StreamReadException malformed) {
			TokenStreamLocation location = malformed.getLocation();
			return "Malformed JSON: " + malformed.getOriginalMessage()
					+ ((location != null) ? " at " + location.offsetDescription() : "");
		}
		if (cause != null) {
			return "Unreadable JSON: " + cause.getOriginalMessage();
		}
		return "Required request body is missing or is not JSON";
	}

	private static @Nullable JacksonException jacksonCause(Throwable ex) {
		// the outermost one: it carries the path, while its own cause may be a parse error
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof JacksonException jackson) {
				return jackson;
			}
		}
		return null;
	}

	private static String rejected(@Nullable Object value, @Nullable Class<?> type) {
		String expected = (type != null && type.isEnum()) ? "one of " + Arrays.toString(type.getEnumConstants())
				: (type == LocalDate.class) ? "a date such as 2025-01-31" : typeName(type);
		return "'" + value + "' is not " + expected;
	}

	private static String typeName(@Nullable Class<?> type) {
		if (type == null) {
			return "a valid value";
		}
		return (type == String.class) ? "a string" : "a valid " + type.getSimpleName();
	}

	private static String tokenName(@Nullable JsonToken token) {
		if (token == null) {
			return "nothing";
		}
		return switch (token) {
			case START_OBJECT -> "an object";
			case START_ARRAY -> "an array";
			case VALUE_STRING -> "a string";
			case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
			case VALUE_TRUE, VALUE_FALSE -> "a boolean";
			case VALUE_NULL -> "null";
			default -> token.name();
		};
	}

	private static String path(JacksonException ex) {
		return ex.getPath()
			.stream()
			.map((reference) -> (reference.getPropertyName() != null) ? reference.getPropertyName()
					: "[" + reference.getIndex() + "]")
			.collect(Collectors.joining("."));
	}

	private static ProblemDetail badRequest(String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
		problem.setTitle(title);
		return problem;
	}

}
