package io.github.chanuka.database.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;

import io.github.chanuka.database.DatabaseEnvironment;
import io.github.chanuka.database.InvalidDatabaseConfigurationException;
import io.github.chanuka.database.SslMode;
import io.github.chanuka.database.pool.JdbcUrls;
import io.github.chanuka.database.pool.NodeConnection;
import io.github.chanuka.database.pool.PoolProfile;
import io.github.chanuka.database.pool.TlsSettings;

/**
 * Decides the TLS mode (property, else the URL's {@code sslmode}, else the profile) and
 * refuses insecure or unverifiable combinations.
 *
 * @author Chanuka Database
 */
final class TlsSettingsResolver {

	static final String PREFIX = "chanuka.database.ssl";

	private TlsSettingsResolver() {
	}

	static TlsSettings resolve(ChanukaDatabaseProperties.Ssl ssl, DatabaseEnvironment environment,
			NodeConnection primary) {
		String urlMode = JdbcUrls.parameters(primary.jdbcUrl()).get("sslmode");
		SslMode fromUrl = (urlMode != null) ? modeFromUrl(urlMode, primary) : null;
		if (ssl.getMode() != null && fromUrl != null && ssl.getMode() != fromUrl) {
			throw new InvalidDatabaseConfigurationException(PREFIX + ".mode", ssl.getMode().parameterValue(),
					"The URL from " + primary.source() + " asks for sslmode=" + fromUrl.parameterValue()
							+ " but " + PREFIX + ".mode asks for " + ssl.getMode().parameterValue(),
					"Keep one of the two: remove sslmode from the URL or remove " + PREFIX + ".mode.");
		}
		SslMode mode = (ssl.getMode() != null) ? ssl.getMode()
				: (fromUrl != null) ? fromUrl : PoolProfile.of(environment).sslMode();
		if (environment == DatabaseEnvironment.PRODUCTION && !mode.isEncrypted() && !ssl.isAllowInsecureProduction()) {
			throw new InvalidDatabaseConfigurationException(PREFIX + ".mode", mode.parameterValue(),
					"Production connections must be encrypted, and sslmode " + mode.parameterValue()
							+ " may send them in plain text",
					"Set " + PREFIX + ".mode to require or, better, verify-full with " + PREFIX
							+ ".root-cert; or set " + PREFIX + ".allow-insecure-production=true to accept the risk.");
		}
		Path rootCert = ssl.getRootCert();
		if (rootCert == null && JdbcUrls.parameters(primary.jdbcUrl()).containsKey("sslrootcert")) {
			rootCert = Path.of(JdbcUrls.parameters(primary.jdbcUrl()).get("sslrootcert"));
		}
		if (mode.verifiesCertificate() && rootCert == null) {
			throw new InvalidDatabaseConfigurationException(PREFIX + ".root-cert", null,
					"sslmode " + mode.parameterValue() + " verifies the server certificate but no CA certificate is set",
					"Set " + PREFIX + ".root-cert to the PEM file of the CA that signed the server certificate.");
		}
		if (rootCert != null && !Files.isReadable(rootCert)) {
			throw new InvalidDatabaseConfigurationException(PREFIX + ".root-cert", rootCert.toString(),
					"The CA certificate file does not exist or cannot be read",
					"Point " + PREFIX + ".root-cert at an existing, readable PEM file.");
		}
		return new TlsSettings(mode, rootCert);
	}

	private static SslMode modeFromUrl(String value, NodeConnection primary) {
		try {
			return SslMode.fromParameterValue(value);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidDatabaseConfigurationException(primary.source(), primary.maskedUrl(),
					"The URL's sslmode '" + value + "' is not a PostgreSQL sslmode",
					"Use one of disable, allow, prefer, require, verify-ca, verify-full.");
		}
	}

}
