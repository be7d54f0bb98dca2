package io.github.chanuka.database.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.github.chanuka.database.InvalidDatabaseConfigurationException;
import org.jspecify.annotations.Nullable;

/**
 * Collects the problems the settings resolvers find, so that one report lists every bad
 * setting instead of only the first.
 *
 * @author Chanuka Database
 */
final class ConfigurationProblems {

	private final List<InvalidDatabaseConfigurationException> problems = new ArrayList<>();

	/**
	 * Record a problem.
	 * @param property the key or environment variable at fault
	 * @param value the offending value, masked, or {@code null} when missing
	 * @param reason why the value cannot work
	 * @param action how to fix it
	 */
	void add(String property, @Nullable String value, String reason, String action) {
		add(new InvalidDatabaseConfigurationException(property, value, reason, action));
	}

	void add(InvalidDatabaseConfigurationException problem) {
		this.problems.addAll(problem.getProblems());
	}

	/**
	 * Run a resolution that fails with an {@link InvalidDatabaseConfigurationException},
	 * recording the failure instead.
	 * @param <T> the resolved type
	 * @param resolution the resolution
	 * @return what it resolved, or {@code null} when it failed
	 */
	<T> @Nullable T resolve(Supplier<T> resolution) {
		try {
			return resolution.get();
		}
		catch (InvalidDatabaseConfigurationException ex) {
			add(ex);
			return null;
		}
	}

	void forEach(Consumer<InvalidDatabaseConfigurationException> action) {
		this.problems.forEach(action);
	}

	boolean isEmpty() {
		return this.problems.isEmpty();
	}

	int size() {
		return this.problems.size();
	}

	/**
	 * Throw the problems found so far, if any: the one problem itself, or one exception
	 * carrying them all.
	 */
	void throwIfAny() {
		if (this.problems.size() == 1) {
			throw this.problems.get(0);
		}
		if (!this.problems.isEmpty()) {
			throw new InvalidDatabaseConfigurationException(List.copyOf(this.problems));
		}
	}

}
