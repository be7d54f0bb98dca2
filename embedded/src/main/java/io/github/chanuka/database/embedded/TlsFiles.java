package io.github.chanuka.database.embedded;

import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority and a server certificate it signed for {@code localhost},
 * {@code 127.0.0.1} and {@code ::1}, written as PEM files: what PostgreSQL needs for
 * {@code ssl = on} and what pgjdbc needs for {@code sslmode=verify-full}. Uses the JDK's own
 * providers; BouncyCastle only builds and encodes the certificates.
 *
 * @param rootCertificate the authority's certificate
 * @param serverCertificate the server certificate
 * @param serverKey the server's private key, readable by its owner only
 */
record TlsFiles(Path rootCertificate, Path serverCertificate, Path serverKey) {

	private static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";

	private static final Duration VALIDITY = Duration.ofDays(365);

	/**
	 * Generate a new authority and server certificate into a directory.
	 * @param directory the directory to write {@code root.crt}, {@code server.crt} and
	 * {@code server.key} to
	 * @param authorityName the common name of the authority
	 * @return the files
	 */
	static TlsFiles generate(Path directory, String authorityName) {
		try {
			Files.createDirectories(directory);
			KeyPair authorityKeys = newKeyPair();
			X509Certificate authority = authority(authorityName, authorityKeys);
			KeyPair serverKeys = newKeyPair();
			X509Certificate server = server(authority, authorityKeys.getPrivate(), serverKeys);
			TlsFiles files = new TlsFiles(directory.resolve("root.crt"), directory.resolve("server.crt"),
					directory.resolve("server.key"));
			writePem(files.rootCertificate(), authority);
			writePem(files.serverCertificate(), server);
			Files.createFile(files.serverKey(),
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			writePem(files.serverKey(), new JcaPKCS8Generator(serverKeys.getPrivate(), null).generate());
			return files;
		}
		catch (IOException | GeneralSecurityException | OperatorCreationException ex) {
			throw new EmbeddedPostgresException("Could not generate TLS certificates in " + directory, ex);
		}
	}

	private static KeyPair newKeyPair() throws GeneralSecurityException {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp256r1"));
		return generator.generateKeyPair();
	}

	private static X509Certificate authority(String name, KeyPair keys)
			throws GeneralSecurityException, OperatorCreationException, CertIOException {
		X500Name subject = new X500Name("CN=" + name);
		Instant now = Instant.now();
		X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(),
				Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(VALIDITY)), subject, keys.getPublic());
		JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
		builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
			.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
			.addExtension(Extension.subjectKeyIdentifier, false,
					extensions.createSubjectKeyIdentifier(keys.getPublic()));
		return sign(builder, keys.getPrivate());
	}

	private static X509Certificate server(X509Certificate authority, PrivateKey authorityKey, KeyPair keys)
			throws GeneralSecurityException, OperatorCreationException, CertIOException {
		Instant now = Instant.now();
		X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(authority, serial(),
				Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(VALIDITY)),
				new X500Name("CN=localhost"), keys.getPublic());
		JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
		GeneralNames names = new GeneralNames(new GeneralName[] { new GeneralName(GeneralName.dNSName, "localhost"),
				new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.iPAddress, "::1") });
		builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
			.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement))
			.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
			.addExtension(Extension.subjectAlternativeName, false, names)
			.addExtension(Extension.subjectKeyIdentifier, false,
					extensions.createSubjectKeyIdentifier(keys.getPublic()))
			.addExtension(Extension.authorityKeyIdentifier, false,
					extensions.createAuthorityKeyIdentifier(authority));
		return sign(builder, authorityKey);
	}

	private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
			throws GeneralSecurityException, OperatorCreationException {
		ContentSigner signer = new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(key);
		return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
	}

	private static BigInteger serial() {
		return new BigInteger(64, new SecureRandom()).add(BigInteger.ONE);
	}

	private static void writePem(Path file, Object object) throws IOException {
		try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
				JcaPEMWriter pem = new JcaPEMWriter(writer)) {
			pem.writeObject(object);
		}
	}

}
