package io.github.chanuka.database.autoconfigure;

import java.util.List;

import io.github.chanuka.database.pool.JdbcUrls;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * Details to connect to a PostgreSQL primary and its streaming replicas, such as a
 * cluster started for tests. A bean of this type wins over the connection properties
 * ({@code chanuka.database.url}, {@code username}, {@code password},
 * {@code spring.datasource.*}, the {@code DATABASE_URL} and {@code DB_*} variables and
 * the URLs and credentials under {@code chanuka.database.replicas}) and over a
 * {@code JdbcConnectionDetails} bean; the pool, routing, TLS and resilience properties
 * still apply, and a replica's {@code weight} and {@code pool} are taken from the
 * {@code chanuka.database.replicas} entry of the same name, if any.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public interface ChanukaDatabaseConnectionDetails extends ConnectionDetails {

	/**
	 * Return the primary's PostgreSQL JDBC URL.
	 * @return the URL
	 */
	String getJdbcUrl();

	/**
	 * Return the user to connect to the primary as.
	 * @return the user, or {@code null} to take it from the URL
	 */
	@Nullable String getUsername();

	/**
	 * Return the password of the user.
	 * @return the password, or {@code null}
	 */
	@Nullable String getPassword();

	/**
	 * Return the streaming replicas that serve read-only transactions.
	 * @return the replicas, none by default
	 */
	default List<Replica> getReplicas() {
		return List.of();
	}

	/**
	 * A streaming replica. {@link #toString()} never shows the password.
	 *
	 * @param name the replica's name, as used in pool names, metrics and health
	 * @param jdbcUrl the replica's PostgreSQL JDBC URL
	 * @param username the user, or {@code null} for the primary's
	 * @param password the password, or {@code null} for the primary's
	 */
	record Replica(String name, String jdbcUrl, @Nullable String username, @Nullable String password) {

		@Override
		public String toString() {
			return "Replica[name=" + this.name + ", jdbcUrl=" + JdbcUrls.mask(this.jdbcUrl) + ", username="
					+ this.username + ", password=" + ((this.password != null) ? "******" : null) + "]";
		}

	}

}
