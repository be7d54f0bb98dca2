package io.github.chanuka.database.pool;

import java.nio.file.Path;

import io.github.chanuka.database.SslMode;
import org.jspecify.annotations.Nullable;

/**
 * TLS settings passed to the PostgreSQL JDBC driver.
 *
 * @param mode the {@code sslmode}
 * @param rootCertificate CA certificate file for verifying modes, or {@code null}
 * @author Chanuka Database
 * @since 0.1.0
 */
public record TlsSettings(SslMode mode, @Nullable Path rootCertificate) {

}
