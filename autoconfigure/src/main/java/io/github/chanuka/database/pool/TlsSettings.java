package io.github.chanuka.database.pool;

import java.nio.file.Path;

import io.github.chanuka.database.SslMode;
import org.jspecify.annotations.Nullable;

/**
 * TLS settings passed to the PostgreSQL JDBC driver.
 *
 * @param mode the {@code sslmode} of every node
 * @param rootCertificate CA certificate file for verifying modes, or {@code null}
 * @param disableOnLocalHostsOnly whether {@code mode} is the development or test
 * profile's {@code disable}, which holds for local hosts only: a node elsewhere gets
 * {@code prefer}, the driver's own default
 * @author Chanuka Database
 * @since 0.1.0
 */
public record TlsSettings(SslMode mode, @Nullable Path rootCertificate, boolean disableOnLocalHostsOnly) {

	/**
	 * Create settings that apply {@code mode} to every node.
	 * @param mode the {@code sslmode} of every node
	 * @param rootCertificate CA certificate file for verifying modes, or {@code null}
	 */
	public TlsSettings(SslMode mode, @Nullable Path rootCertificate) {
		this(mode, rootCertificate, false);
	}

	/**
	 * Return the {@code sslmode} given to the driver for a node.
	 * @param jdbcUrl the node's URL
	 * @return the mode, {@code prefer} rather than a profile's {@code disable} for a node
	 * that is not on this machine
	 */
	public SslMode modeFor(String jdbcUrl) {
		if (this.mode == SslMode.DISABLE && this.disableOnLocalHostsOnly && !JdbcUrls.isLocal(jdbcUrl)) {
			return SslMode.PREFER;
		}
		return this.mode;
	}

	/**
	 * Return the {@code sslmode} a node's connections really use: the URL's own
	 * {@code sslmode}, which the driver lets win over the property, else
	 * {@link #modeFor(String)}.
	 * @param jdbcUrl the node's URL
	 * @return the effective mode
	 * @throws IllegalArgumentException if the URL's {@code sslmode} is not a known mode
	 */
	public SslMode effectiveModeFor(String jdbcUrl) {
		String fromUrl = JdbcUrls.parameters(jdbcUrl).get("sslmode");
		return (fromUrl != null) ? SslMode.fromParameterValue(fromUrl) : modeFor(jdbcUrl);
	}

}
