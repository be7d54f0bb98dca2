package io.github.chanuka.database.autoconfigure;

import java.util.Locale;

import io.github.chanuka.database.pool.JdbcUrls;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;

/**
 * Hides the database credentials the starter reads, in {@code /actuator/env} and
 * {@code /actuator/configprops}, even when their values are shown: passwords are
 * replaced and URLs keep everything but their secrets.
 *
 * @author Chanuka Database
 */
class CredentialSanitizingFunction implements SanitizingFunction {

	@Override
	public SanitizableData apply(SanitizableData data) {
		String key = data.getLowerCaseKey();
		if (isPassword(key)) {
			return data.withSanitizedValue();
		}
		if (isUrl(key) && data.getValue() instanceof CharSequence url) {
			String value = url.toString();
			if (value.indexOf('@') >= 0 && !value.contains("//")) {
				return data.withSanitizedValue();
			}
			return data.withValue(JdbcUrls.mask(value));
		}
		return data;
	}

	private boolean isPassword(String key) {
		return key.equals("db_password") || (isOurs(key) && key.endsWith("password"));
	}

	private boolean isUrl(String key) {
		return key.equals("database_url") || (isOurs(key) && key.endsWith("url"));
	}

	private boolean isOurs(String key) {
		String normalized = key.replace('_', '.').toLowerCase(Locale.ROOT);
		return normalized.startsWith("chanuka.database") || normalized.startsWith("spring.datasource");
	}

}
