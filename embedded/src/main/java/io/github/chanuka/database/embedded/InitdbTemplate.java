package io.github.chanuka.database.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data directory {@code initdb} makes for one set of binaries, user, password and
 * options, made once and kept in the binaries' working directory; every cluster after the
 * first copies it. {@code initdb} costs some 0.9 s of CPU, a copy 0.2 s, and a test run
 * starts dozens of clusters.
 * <p>
 * The template is made in a directory of its own and renamed into place in one step, so a
 * JVM never copies half a template, and two JVMs making the same one at once both succeed.
 */
final class InitdbTemplate {

	private static final Logger logger = LoggerFactory.getLogger(InitdbTemplate.class);

	private final Path directory;

	InitdbTemplate(Path directory) {
		this.directory = directory;
	}

	/**
	 * The template for these binaries, credentials and {@code initdb} options.
	 * @param binaries the binaries {@code initdb} comes from
	 * @param credentials the user and password {@code initdb} sets
	 * @param options every option of {@code initdb} but the data directory and password file
	 * @return the template, not made yet
	 */
	static InitdbTemplate of(PostgresBinaries binaries, Credentials credentials, List<String> options) {
		String key = String.join("\0", binaries.executable("initdb").toString(), credentials.username(),
				credentials.password(), String.join("\0", options));
		return new InitdbTemplate(PostgresBinaries.workingDirectory().resolve("initdb-templates").resolve(sha256(key)));
	}

	Path directory() {
		return this.directory;
	}

	/**
	 * Make {@code dataDirectory} a copy of the template, making the template first with
	 * {@code initdb} if no JVM made it before.
	 * @param dataDirectory the data directory to create
	 * @param initdb runs {@code initdb} into the directory it is given
	 * @throws IOException if the template could not be made or copied
	 */
	void copyTo(Path dataDirectory, Initdb initdb) throws IOException {
		Path template = this.directory.resolve("data");
		if (!Files.isDirectory(this.directory)) {
			make(initdb);
		}
		copyDirectory(template, dataDirectory);
	}

	private void make(Initdb initdb) throws IOException {
		Files.createDirectories(this.directory.getParent());
		Path making = Files.createTempDirectory(this.directory.getParent(), "making-");
		try {
			initdb.run(making.resolve("data"));
			Files.move(making, this.directory, StandardCopyOption.ATOMIC_MOVE);
			logger.debug("Made initdb template {}", this.directory);
		}
		catch (FileSystemException ex) {
			// a rename onto a directory another JVM made first fails ("Directory not empty"): use theirs
			if (!Files.isDirectory(this.directory)) {
				throw ex;
			}
		}
		finally {
			if (Files.exists(making)) {
				ClusterDirectory.delete(making);
			}
		}
	}

	static void copyDirectory(Path source, Path target) throws IOException {
		Files.walkFileTree(source, new SimpleFileVisitor<>() {

			@Override
			public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
				Files.copy(dir, target.resolve(source.relativize(dir)), StandardCopyOption.COPY_ATTRIBUTES);
				return FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
				if (!file.getFileName().toString().startsWith("postmaster.")) {
					Files.copy(file, target.resolve(source.relativize(file)), StandardCopyOption.COPY_ATTRIBUTES);
				}
				return FileVisitResult.CONTINUE;
			}

		});
	}

	private static String sha256(String key) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 16);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

	/**
	 * Runs {@code initdb} into a data directory.
	 */
	@FunctionalInterface
	interface Initdb {

		void run(Path dataDirectory) throws IOException;

	}

}
