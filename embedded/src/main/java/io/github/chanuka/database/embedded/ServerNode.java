package io.github.chanuka.database.embedded;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.postgresql.ds.PGSimpleDataSource;

/**
 * A server this library does not run (an external server or a container): its address and
 * credentials only. Fault controls throw {@link UnsupportedOperationException}.
 */
final class ServerNode implements PostgresNode {

	private final String name;

	private final ServerAddress address;

	private final String origin;

	/**
	 * Create a node.
	 * @param name the node name
	 * @param address the address and credentials
	 * @param origin what runs the server, for messages, such as "an external server"
	 */
	ServerNode(String name, ServerAddress address, String origin) {
		this.name = name;
		this.address = address;
		this.origin = origin;
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public String host() {
		return this.address.host();
	}

	@Override
	public int port() {
		return this.address.port();
	}

	@Override
	public String database() {
		return this.address.database();
	}

	@Override
	public String username() {
		return this.address.username();
	}

	@Override
	public String password() {
		return this.address.password();
	}

	@Override
	public String jdbcUrl() {
		String url = PostgresNode.super.jdbcUrl();
		return this.address.parameters().isEmpty() ? url : url + "?" + this.address.parameters();
	}

	@Override
	public PGSimpleDataSource dataSource() {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setURL(jdbcUrl());
		dataSource.setUser(username());
		dataSource.setPassword(password());
		return dataSource;
	}

	@Override
	public boolean isRunning() {
		return true;
	}

	@Override
	public boolean isPaused() {
		return false;
	}

	@Override
	public boolean isInRecovery() {
		try (Connection connection = dataSource().getConnection();
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT pg_is_in_recovery()")) {
			result.next();
			return result.getBoolean(1);
		}
		catch (SQLException ex) {
			throw new EmbeddedPostgresException("Node '" + this.name + "' (" + this.origin
					+ ") could not say whether it is in recovery: " + ex.getMessage(), ex);
		}
	}

	@Override
	public void stop(StopMode mode) {
		throw unsupported("stopped");
	}

	@Override
	public void kill() {
		throw unsupported("killed");
	}

	@Override
	public void start() {
		throw unsupported("started");
	}

	@Override
	public void restart() {
		throw unsupported("restarted");
	}

	@Override
	public void pause() {
		throw unsupported("paused");
	}

	@Override
	public void resume() {
		throw unsupported("resumed");
	}

	@Override
	public void promote() {
		throw unsupported("promoted");
	}

	@Override
	public void pauseReplay() {
		throw unsupported("used to pause replay");
	}

	@Override
	public void resumeReplay() {
		throw unsupported("used to resume replay");
	}

	@Override
	public Path dataDirectory() {
		throw new UnsupportedOperationException("Node '" + this.name + "' is " + this.origin
				+ ": its data directory is not accessible");
	}

	private UnsupportedOperationException unsupported(String action) {
		return new UnsupportedOperationException("Node '" + this.name + "' is " + this.origin + " and cannot be "
				+ action + "; fault control needs the embedded cluster (PostgresCluster.supportsFaults())");
	}

	@Override
	public String toString() {
		return "ServerNode[" + this.name + ", " + this.address + "]";
	}

}
