package io.github.chanuka.database.embedded;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cluster's temporary directory, locked for as long as the cluster lives. A directory whose
 * lock is free belongs to a JVM that died without closing its cluster: {@link #reapStale}
 * stops the servers it left behind and deletes it.
 */
final class ClusterDirectory implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(ClusterDirectory.class);

	private static final String PREFIX = "cluster-";

	private static final String CREATING_PREFIX = ".creating-";

	private static final String LOCK_FILE = "cluster.lock";

	private static final Duration ORPHAN_STOP_TIMEOUT = Duration.ofSeconds(10);

	/**
	 * Directories this JVM holds the lock of. A file lock belongs to the process, and closing
	 * any channel of its file releases it, so the reaper must not open their lock files: that
	 * would leave a live cluster of this JVM to another JVM's reaper.
	 */
	private static final Set<Path> LOCKED_HERE = ConcurrentHashMap.newKeySet();

	private final Path path;

	private final FileChannel lockChannel;

	private final FileLock lock;

	private ClusterDirectory(Path path, FileChannel lockChannel, FileLock lock) {
		this.path = path;
		this.lockChannel = lockChannel;
		this.lock = lock;
	}

	/**
	 * Create and lock a new cluster directory under a parent directory.
	 * @param parent the parent directory
	 * @return the locked directory
	 * @throws IOException if the directory cannot be created or locked
	 */
	static ClusterDirectory create(Path parent) throws IOException {
		Files.createDirectories(parent);
		// locked under a name the reaper ignores, then renamed: it never sees an unlocked live directory
		Path unlocked = Files.createTempDirectory(parent, CREATING_PREFIX);
		FileChannel channel = FileChannel.open(unlocked.resolve(LOCK_FILE), StandardOpenOption.CREATE,
				StandardOpenOption.WRITE);
		try {
			FileLock lock = channel.lock();
			Path path = parent.resolve(PREFIX + unlocked.getFileName().toString().substring(CREATING_PREFIX.length()));
			LOCKED_HERE.add(key(path));
			try {
				Files.move(unlocked, path, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (IOException | RuntimeException ex) {
				LOCKED_HERE.remove(key(path));
				throw ex;
			}
			return new ClusterDirectory(path, channel, lock);
		}
		catch (IOException | RuntimeException ex) {
			channel.close();
			delete(unlocked);
			throw ex;
		}
	}

	Path path() {
		return this.path;
	}

	Path resolve(String name) {
		return this.path.resolve(name);
	}

	/**
	 * Release the lock and delete the directory.
	 */
	@Override
	public void close() {
		try {
			this.lock.release();
			this.lockChannel.close();
		}
		catch (IOException ex) {
			logger.debug("Could not release the lock of {}", this.path, ex);
		}
		delete(this.path);
		LOCKED_HERE.remove(key(this.path));
	}

	private static Path key(Path directory) {
		return directory.toAbsolutePath().normalize();
	}

	/**
	 * Stop servers left behind by dead JVMs under the parent directory and delete their
	 * cluster directories.
	 * @param parent the parent directory
	 * @param postgres the {@code postgres} executable this library launches
	 */
	static void reapStale(Path parent, Path postgres) {
		if (!Files.isDirectory(parent)) {
			return;
		}
		try (DirectoryStream<Path> clusters = Files.newDirectoryStream(parent, PREFIX + "*")) {
			for (Path cluster : clusters) {
				reapIfStale(cluster, postgres);
			}
		}
		catch (IOException ex) {
			logger.debug("Could not look for stale clusters in {}", parent, ex);
		}
	}

	private static void reapIfStale(Path cluster, Path postgres) {
		if (LOCKED_HERE.contains(key(cluster))) {
			return;
		}
		Path lockFile = cluster.resolve(LOCK_FILE);
		try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
			FileLock lock = channel.tryLock();
			if (lock == null) {
				return;
			}
			try (lock; Stream<Path> nodes = Files.list(cluster)) {
				logger.info("Removing stale embedded PostgreSQL cluster {}", cluster);
				stopOrphans(nodes.map((node) -> node.resolve("postmaster.pid"))
					.flatMap((pidFile) -> postmaster(pidFile, postgres).stream())
					.collect(Collectors.toList()));
			}
		}
		catch (OverlappingFileLockException ex) {
			return;
		}
		catch (IOException ex) {
			logger.debug("Could not inspect {}", cluster, ex);
			return;
		}
		delete(cluster);
	}

	private static Optional<ProcessHandle> postmaster(Path pidFile, Path postgres) {
		return readPid(pidFile).flatMap(ProcessHandle::of)
			.filter((handle) -> handle.info().command().map((command) -> isSameFile(command, postgres)).orElse(false));
	}

	private static void stopOrphans(List<ProcessHandle> postmasters) {
		if (postmasters.isEmpty()) {
			return;
		}
		List<Long> pids = postmasters.stream().map(ProcessHandle::pid).collect(Collectors.toList());
		Signals.sendQuietly("CONT", postmasters.stream()
			.flatMap((postmaster) -> Stream.concat(Stream.of(postmaster), postmaster.descendants()))
			.map(ProcessHandle::pid)
			.collect(Collectors.toList()));
		Signals.sendQuietly(StopMode.IMMEDIATE.signal(), pids);
		try {
			if (!Poller.poll(ORPHAN_STOP_TIMEOUT, () -> postmasters.stream().noneMatch(ProcessHandle::isAlive))) {
				postmasters.forEach(ProcessHandle::destroyForcibly);
			}
		}
		catch (Exception ex) {
			postmasters.forEach(ProcessHandle::destroyForcibly);
		}
		logger.info("Stopped orphaned PostgreSQL servers {}", pids);
	}

	private static boolean isSameFile(String command, Path postgres) {
		try {
			return Files.isSameFile(Paths.get(command), postgres);
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static Optional<Long> readPid(Path pidFile) {
		try {
			List<String> lines = Files.readAllLines(pidFile);
			return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
		}
		catch (IOException | NumberFormatException ex) {
			return Optional.empty();
		}
	}

	static void delete(Path directory) {
		if (!Files.exists(directory)) {
			return;
		}
		try {
			Files.walkFileTree(directory, new SimpleFileVisitor<>() {

				@Override
				public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
					Files.delete(file);
					return FileVisitResult.CONTINUE;
				}

				@Override
				public FileVisitResult postVisitDirectory(Path dir, IOException ex) throws IOException {
					Files.delete(dir);
					return FileVisitResult.CONTINUE;
				}

			});
		}
		catch (IOException ex) {
			logger.warn("Could not delete {}: {}", directory, ex.toString());
		}
	}

}
