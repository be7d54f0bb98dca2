package io.github.chanuka.database.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;

import io.github.chanuka.database.DatabaseEnvironment;
import io.github.chanuka.database.SslMode;
import io.github.chanuka.database.pool.JdbcUrls;
import io.github.chanuka.database.pool.NodeConnection;
import io.github.chanuka.database.pool.PoolProfile;
import io.github.chanuka.database.pool.TlsSettings;
import org.jspecify.annotations.Nullable;

/**
 * Decides the TLS mode (property, else the primary URL's {@code sslmode}, else the
 * profile) and refuses insecure or unverifiable combinations on every node. A node
 * URL's own {@code sslmode} wins over the driver property, so each node's effective
 * mode is held to the same policy. The development and test profiles' {@code disable}
 * holds for local hosts only; any other host gets at least {@code prefer}.
 *
 * @author Chanuka Database
 */
final class TlsSettingsResolver {

	static final String PREFIX = "chanuka.database.ssl";

	private TlsSettingsResolver() {
	}

	static TlsSettings resolve(ChanukaDatabaseProperties.Ssl ssl, DatabaseEnvironment environment,
			NodeConnection primary) {
		ConfigurationProblems problems = new ConfigurationProblems();
		TlsSettings settings = resolve(ssl, environment, primary, problems);
		problems.throwIfAny();
		return settings;
	}

	/**
	 * Decide the TLS settings, recording every problem.
	 * @param ssl the TLS properties
	 * @param environment the environment
	 * @param primary where the primary is reached
	 * @param problems where problems are recorded
	 * @return the settings
	 */
	static TlsSettings resolve(ChanukaDatabaseProperties.Ssl ssl, DatabaseEnvironment environment,
			NodeConnection primary, ConfigurationProblems problems) {
		SslMode fromUrl = urlMode(primary.source(), "primary", primary, problems);
		checkAgreement(ssl, fromUrl, primary.source(), "primary", problems);
		SslMode profileMode = PoolProfile.of(environment).sslMode();
		boolean profileDefault = ssl.getMode() == null && fromUrl == null;
		SslMode mode = (ssl.getMode() != null) ? ssl.getMode() : (fromUrl != null) ? fromUrl : profileMode;
		boolean localOnly = profileDefault && profileMode == SslMode.DISABLE;
		if (localOnly && !JdbcUrls.isLocal(primary.jdbcUrl())) {
			mode = SslMode.PREFER;
		}
		checkEncrypted(ssl, environment, mode, PREFIX + ".mode", mode.parameterValue(), "primary", problems);
		Path rootCert = ssl.getRootCert();
		if (rootCert == null && JdbcUrls.parameters(primary.jdbcUrl()).containsKey("sslrootcert")) {
			rootCert = Path.of(JdbcUrls.parameters(primary.jdbcUrl()).get("sslrootcert"));
		}
		if (mode.verifiesCertificate() && rootCert == null) {
			problems.add(PREFIX + ".root-cert", null,
					"sslmode " + mode.parameterValue() + " verifies the server certificate but no CA certificate is set",
					"Set " + PREFIX + ".root-cert to the PEM file of the CA that signed the server certificate.");
		}
		if (rootCert != null && !Files.isReadable(rootCert)) {
			problems.add(PREFIX + ".root-cert", rootCert.toString(),
					"The CA certificate file does not exist or cannot be read",
					"Point " + PREFIX + ".root-cert at an existing, readable PEM file.");
		}
		return new TlsSettings(mode, rootCert, localOnly);
	}

	/**
	 * Hold a replica to the policy: its URL's {@code sslmode}, which the driver lets win
	 * over the shared setting, must agree with {@code ssl.mode} when both are set, and
	 * its effective mode must be encrypted in production.
	 * @param key the replica's URL key, such as {@code chanuka.database.replicas[0].url}
	 * @param name the replica name
	 * @param connection where the replica is reached
	 * @param ssl the TLS properties
	 * @param environment the environment
	 * @param tls the settings every node shares, or {@code null} when the primary's could
	 * not be decided
	 * @param problems where problems are recorded
	 */
	static void checkReplica(String key, String name, NodeConnection connection, ChanukaDatabaseProperties.Ssl ssl,
			DatabaseEnvironment environment, @Nullable TlsSettings tls, ConfigurationProblems problems) {
		String node = "replica '" + name + "'";
		SslMode fromUrl = urlMode(key, node, connection, problems);
		checkAgreement(ssl, fromUrl, key, node, problems);
		SslMode effective = (fromUrl != null) ? fromUrl : (tls != null) ? tls.modeFor(connection.jdbcUrl()) : null;
		if (effective != null) {
			checkEncrypted(ssl, environment, effective, (fromUrl != null) ? key : PREFIX + ".mode",
					(fromUrl != null) ? connection.maskedUrl() : effective.parameterValue(), node, problems);
		}
	}

	private static @Nullable SslMode urlMode(String key, String node, NodeConnection connection,
			ConfigurationProblems problems) {
		String value = JdbcUrls.parameters(connection.jdbcUrl()).get("sslmode");
		if (value == null) {
			return null;
		}
		try {
			return SslMode.fromParameterValue(value);
		}
		catch (IllegalArgumentException ex) {
			problems.add(key, connection.maskedUrl(),
					"The " + node + " URL's sslmode '" + value + "' is not a PostgreSQL sslmode",
					"Use one of disable, allow, prefer, require, verify-ca, verify-full.");
			return null;
		}
	}

	private static void checkAgreement(ChanukaDatabaseProperties.Ssl ssl, @Nullable SslMode fromUrl, String key,
			String node, ConfigurationProblems problems) {
		if (ssl.getMode() != null && fromUrl != null && ssl.getMode() != fromUrl) {
			problems.add(PREFIX + ".mode", ssl.getMode().parameterValue(),
					"The " + node + " URL from " + key + " asks for sslmode=" + fromUrl.parameterValue() + " but "
							+ PREFIX + ".mode asks for " + ssl.getMode().parameterValue(),
					"Keep one of the two: remove sslmode from " + key + " or remove " + PREFIX + ".mode.");
		}
	}

	private static void checkEncrypted(ChanukaDatabaseProperties.Ssl ssl, DatabaseEnvironment environment,
			SslMode mode, String key, String value, String node, ConfigurationProblems problems) {
		if (environment == DatabaseEnvironment.PRODUCTION && !mode.isEncrypted() && !ssl.isAllowInsecureProduction()) {
			problems.add(key, value,
					"Production connections must be encrypted, and the " + node + " would use sslmode "
							+ mode.parameterValue() + ", which may send them in plain text",
					"Set " + PREFIX + ".mode to require or, better, verify-full with " + PREFIX
							+ ".root-cert, and remove any weaker sslmode from the " + node + " URL ("
							+ key + "); or set " + PREFIX + ".allow-insecure-production=true to accept the risk.");
		}
	}

}
