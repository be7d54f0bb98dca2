package io.github.chanuka.database.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Server settings appended to a node's {@code postgresql.conf}; for a setting given twice the
 * server uses the last, so later blocks override earlier ones.
 */
final class ServerSettings {

	private final Map<String, String> settings = new LinkedHashMap<>();

	/**
	 * Return the settings every node of a cluster shares.
	 * @param maxWalSenders the number of WAL senders to allow
	 * @return the settings
	 */
	static ServerSettings clusterDefaults(int maxWalSenders) {
		return new ServerSettings().set("listen_addresses", "localhost")
			.set("unix_socket_directories", "")
			.set("max_connections", "100")
			.set("shared_buffers", "32MB")
			.set("fsync", "off")
			.set("full_page_writes", "off")
			.set("wal_level", "replica")
			.set("max_wal_senders", Integer.toString(maxWalSenders))
			.set("max_replication_slots", Integer.toString(maxWalSenders))
			.set("wal_keep_size", "256MB")
			.set("hot_standby", "on")
			.set("hot_standby_feedback", "on")
			.set("wal_retrieve_retry_interval", "200ms")
			.set("wal_receiver_status_interval", "1s")
			.set("log_line_prefix", "%m [%p] %q%u@%d ")
			.set("log_connections", "off")
			.set("password_encryption", "scram-sha-256");
	}

	ServerSettings set(String name, String value) {
		this.settings.put(name, value);
		return this;
	}

	ServerSettings setAll(Map<String, String> settings) {
		this.settings.putAll(settings);
		return this;
	}

	/**
	 * Append the settings to the data directory's {@code postgresql.conf}.
	 * @param dataDirectory the data directory
	 * @param comment a comment naming the block
	 * @throws IOException if the file cannot be written
	 */
	void appendTo(Path dataDirectory, String comment) throws IOException {
		StringBuilder text = new StringBuilder(System.lineSeparator()).append("# ").append(comment);
		this.settings.forEach((name, value) -> text.append(System.lineSeparator())
			.append(name)
			.append(" = ")
			.append(quote(value)));
		text.append(System.lineSeparator());
		Files.writeString(dataDirectory.resolve("postgresql.conf"), text, StandardCharsets.UTF_8,
				StandardOpenOption.APPEND);
	}

	/**
	 * Quote a value as a configuration-file string.
	 * @param value the value
	 * @return the quoted value
	 */
	static String quote(String value) {
		return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
	}

	/**
	 * Quote a value for a libpq connection string such as {@code primary_conninfo}.
	 * @param value the value
	 * @return the quoted value
	 */
	static String conninfoValue(String value) {
		return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
	}

}
