package io.github.chanuka.database.cli;

import java.time.Duration;

import picocli.CommandLine;

import org.springframework.boot.convert.DurationStyle;

/**
 * Reads durations as Spring Boot does: {@code 10s}, {@code 500ms}, {@code PT1M}.
 *
 * @author Chanuka Database
 */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

	@Override
	public Duration convert(String value) {
		try {
			Duration duration = DurationStyle.detectAndParse(value);
			if (duration.isNegative() || duration.isZero()) {
				throw new CommandLine.TypeConversionException("'" + value + "' is not a positive duration");
			}
			return duration;
		}
		catch (IllegalArgumentException ex) {
			throw new CommandLine.TypeConversionException(
					"'" + value + "' is not a duration; use a number with a unit, such as 10s, 500ms or 2m");
		}
	}

}
