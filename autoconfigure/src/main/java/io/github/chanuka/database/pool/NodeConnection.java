package io.github.chanuka.database.pool;

import org.jspecify.annotations.Nullable;

/**
 * Where and as whom a node is reached. {@link #toString()} never shows the password.
 *
 * @param jdbcUrl the PostgreSQL JDBC URL
 * @param username the user, or {@code null} to take it from the URL
 * @param password the password, or {@code null}
 * @param source where the settings came from, such as {@code spring.datasource.url}
 * @author Chanuka Database
 * @since 0.1.0
 */
public record NodeConnection(String jdbcUrl, @Nullable String username, @Nullable String password,
		String source) {

	/**
	 * Return the URL with any credentials in it masked, safe for logs and endpoints.
	 * @return the masked URL
	 */
	public String maskedUrl() {
		return JdbcUrls.mask(this.jdbcUrl);
	}

	@Override
	public String toString() {
		return "NodeConnection[url=" + maskedUrl() + ", username=" + this.username + ", password="
				+ ((this.password != null) ? "******" : null) + ", source=" + this.source + "]";
	}

}
