package io.github.chanuka.database.embedded;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;
import org.postgresql.util.PSQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

// 127.0.0.2 is a loopback address the certificate does not name
@EmbeddedCluster(replicas = 0, ssl = true, settings = "listen_addresses=localhost,127.0.0.2")
class SslTests {

	private static final String SESSION_USES_SSL = "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()";

	@ClusterResource
	PostgresCluster cluster;

	@Test
	void requireConnectsOverSsl() throws SQLException {
		PGSimpleDataSource dataSource = this.cluster.primary().dataSource();
		dataSource.setSslMode("require");

		assertThat(Jdbc.queryForObject(dataSource, SESSION_USES_SSL, Boolean.class)).isTrue();
	}

	@Test
	void disableStillConnectsWithoutSsl() throws SQLException {
		PGSimpleDataSource dataSource = this.cluster.primary().dataSource();
		dataSource.setSslMode("disable");

		assertThat(Jdbc.queryForObject(dataSource, SESSION_USES_SSL, Boolean.class)).isFalse();
	}

	@Test
	void verifyFullWithTheRootCertificateConnectsToLocalhost() throws SQLException {
		PGSimpleDataSource dataSource = verifyFull("localhost", this.cluster.rootCertificate());

		assertThat(Jdbc.queryForObject(dataSource, SESSION_USES_SSL, Boolean.class)).isTrue();
	}

	@Test
	void verifyFullWithTheRootCertificateConnectsToTheLoopbackAddress() throws SQLException {
		PGSimpleDataSource dataSource = verifyFull("127.0.0.1", this.cluster.rootCertificate());

		assertThat(Jdbc.queryForObject(dataSource, SESSION_USES_SSL, Boolean.class)).isTrue();
	}

	@Test
	@EnabledOnOs(OS.LINUX)
	void verifyFullRejectsAHostNameTheCertificateDoesNotName() {
		PGSimpleDataSource dataSource = verifyFull("127.0.0.2", this.cluster.rootCertificate());

		assertThatThrownBy(dataSource::getConnection).isInstanceOf(PSQLException.class)
			.hasMessageContaining("127.0.0.2")
			.hasMessageContaining("could not be verified");
	}

	@Test
	void verifyFullRejectsACertificateFromAnotherAuthority(@TempDir Path directory) {
		Path otherAuthority = TlsFiles.generate(directory, "Some Other CA").rootCertificate();
		PGSimpleDataSource dataSource = verifyFull("localhost", otherAuthority);

		assertThatThrownBy(dataSource::getConnection).isInstanceOf(PSQLException.class)
			.hasStackTraceContaining("PKIX path");
	}

	@Test
	void serverKeyIsReadableByItsOwnerOnly() throws Exception {
		Path key = this.cluster.rootCertificate().resolveSibling("server.key");

		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
		assertThat(Files.readString(key)).startsWith("-----BEGIN PRIVATE KEY-----");
	}

	private PGSimpleDataSource verifyFull(String host, Path rootCertificate) {
		PGSimpleDataSource dataSource = this.cluster.primary().dataSource();
		dataSource.setServerNames(new String[] { host });
		dataSource.setSslMode("verify-full");
		dataSource.setSslRootCert(rootCertificate.toString());
		return dataSource;
	}

}
