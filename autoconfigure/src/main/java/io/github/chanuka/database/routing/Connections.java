package io.github.chanuka.database.routing;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Gives back a connection that was taken for a caller who will never see it.
 *
 * @author Chanuka Database
 */
final class Connections {

	private Connections() {
	}

	/**
	 * Close a connection after the step that was to hand it out failed.
	 * @param <E> the type of the failure
	 * @param connection the connection taken
	 * @param failure what failed
	 * @return the failure, with a failed close suppressed in it
	 */
	static <E extends Exception> E closeAfter(Connection connection, E failure) {
		try {
			connection.close();
		}
		catch (SQLException | RuntimeException ex) {
			failure.addSuppressed(ex);
		}
		return failure;
	}

}
