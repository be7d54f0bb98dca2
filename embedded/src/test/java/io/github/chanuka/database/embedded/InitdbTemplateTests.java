package io.github.chanuka.database.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

class InitdbTemplateTests {

	@TempDir
	Path root;

	@Test
	void initdbRunsOnceAndEveryDataDirectoryIsACopy() throws IOException {
		InitdbTemplate template = new InitdbTemplate(this.root.resolve("templates").resolve("a"));
		AtomicInteger runs = new AtomicInteger();
		InitdbTemplate.Initdb initdb = (data) -> {
			runs.incrementAndGet();
			Files.createDirectories(data.resolve("base"));
			Files.writeString(data.resolve("PG_VERSION"), "17");
			Files.writeString(data.resolve("postmaster.opts"), "left by a server");
		};

		template.copyTo(this.root.resolve("one"), initdb);
		template.copyTo(this.root.resolve("two"), initdb);

		assertThat(runs).hasValue(1);
		for (String copy : List.of("one", "two")) {
			assertThat(this.root.resolve(copy).resolve("PG_VERSION")).hasContent("17");
			assertThat(this.root.resolve(copy).resolve("base")).isDirectory();
			assertThat(this.root.resolve(copy).resolve("postmaster.opts")).doesNotExist();
		}
	}

	@Test
	void jvmsMakingTheSameTemplateAtOnceAllGetACompleteCopyAndLeaveNothingHalfMade() throws Exception {
		InitdbTemplate template = new InitdbTemplate(this.root.resolve("templates").resolve("b"));
		int makers = 4;
		CountDownLatch allRunning = new CountDownLatch(makers);
		InitdbTemplate.Initdb initdb = (data) -> {
			Files.createDirectories(data);
			allRunning.countDown();
			try {
				allRunning.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			Files.writeString(data.resolve("PG_VERSION"), "17");
		};
		ExecutorService executor = Executors.newFixedThreadPool(makers);
		try {
			List<Future<?>> copies = new ArrayList<>();
			for (int i = 0; i < makers; i++) {
				Path target = this.root.resolve("copy-" + i);
				copies.add(executor.submit(() -> {
					template.copyTo(target, initdb);
					return null;
				}));
			}
			for (Future<?> copy : copies) {
				copy.get(30, TimeUnit.SECONDS);
			}
		}
		finally {
			executor.shutdownNow();
		}
		for (int i = 0; i < makers; i++) {
			assertThat(this.root.resolve("copy-" + i).resolve("PG_VERSION")).hasContent("17");
		}
		try (var left = Files.list(this.root.resolve("templates"))) {
			assertThat(left.map((path) -> path.getFileName().toString())).containsExactly("b");
		}
	}

	@Test
	void aFailedInitdbLeavesNoTemplateAndTheNextClusterTriesAgain() throws IOException {
		InitdbTemplate template = new InitdbTemplate(this.root.resolve("templates").resolve("c"));
		assertThatIOException().isThrownBy(() -> template.copyTo(this.root.resolve("one"), (data) -> {
			Files.createDirectories(data);
			throw new IOException("initdb failed");
		})).withMessage("initdb failed");
		try (var left = Files.list(this.root.resolve("templates"))) {
			assertThat(left).isEmpty();
		}

		template.copyTo(this.root.resolve("two"), (data) -> {
			Files.createDirectories(data);
			Files.writeString(data.resolve("PG_VERSION"), "17");
		});
		assertThat(this.root.resolve("two").resolve("PG_VERSION")).hasContent("17");
	}

	@Test
	void templatesDifferByUserPasswordAndOptions() {
		PostgresBinaries binaries = PostgresBinaries.resolve();
		Credentials credentials = new Credentials("app", "clerk", "secret");
		List<String> options = List.of("-E", "UTF8");
		Path base = InitdbTemplate.of(binaries, credentials, options).directory();
		assertThat(InitdbTemplate.of(binaries, credentials, List.of("-E", "UTF8")).directory()).isEqualTo(base);
		assertThat(InitdbTemplate.of(binaries, new Credentials("app", "clerk", "other"), options).directory())
			.isNotEqualTo(base);
		assertThat(InitdbTemplate.of(binaries, new Credentials("app", "owner", "secret"), options).directory())
			.isNotEqualTo(base);
		assertThat(InitdbTemplate.of(binaries, credentials, List.of("-E", "SQL_ASCII")).directory()).isNotEqualTo(base);
		// the database is created after initdb: one template serves every database name
		assertThat(InitdbTemplate.of(binaries, new Credentials("other", "clerk", "secret"), options).directory())
			.isEqualTo(base);
	}

}
