package io.github.chanuka.database;

import java.util.Locale;

/**
 * TLS mode of connections, as understood by the PostgreSQL JDBC driver's
 * {@code sslmode} parameter.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public enum SslMode {

	/**
	 * Plain connections only.
	 */
	DISABLE,

	/**
	 * Plain first, TLS if the server insists.
	 */
	ALLOW,

	/**
	 * TLS if the server offers it, plain otherwise.
	 */
	PREFER,

	/**
	 * TLS always, without checking the server certificate.
	 */
	REQUIRE,

	/**
	 * TLS always, server certificate checked against the root certificate.
	 */
	VERIFY_CA,

	/**
	 * TLS always, server certificate and host name checked.
	 */
	VERIFY_FULL;

	/**
	 * Return the value of the driver's {@code sslmode} parameter.
	 * @return the parameter value, such as {@code verify-full}
	 */
	public String parameterValue() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/**
	 * Return whether every connection in this mode is encrypted.
	 * @return whether TLS is mandatory
	 */
	public boolean isEncrypted() {
		return ordinal() >= REQUIRE.ordinal();
	}

	/**
	 * Return whether this mode checks the server certificate, and so needs a root
	 * certificate.
	 * @return whether the certificate is verified
	 */
	public boolean verifiesCertificate() {
		return this == VERIFY_CA || this == VERIFY_FULL;
	}

	/**
	 * Return the mode for a driver {@code sslmode} parameter value.
	 * @param value the parameter value, such as {@code verify-full}
	 * @return the mode
	 * @throws IllegalArgumentException if the value is not a known mode
	 */
	public static SslMode fromParameterValue(String value) {
		for (SslMode mode : values()) {
			if (mode.parameterValue().equalsIgnoreCase(value.trim())) {
				return mode;
			}
		}
		throw new IllegalArgumentException("Unknown sslmode '" + value + "'");
	}

}
