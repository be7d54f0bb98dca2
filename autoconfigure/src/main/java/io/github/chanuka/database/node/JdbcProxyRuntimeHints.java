package io.github.chanuka.database.node;

import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.Statement;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * Hints for the JDK proxies the starter puts around the statements of a read-only
 * transaction while a retried attempt is open, to see when it hands out results.
 * Connections, and the statements of the primary and of statement timing, are final
 * wrappers that need no hints.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class JdbcProxyRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		hints.proxies().registerJdkProxy(Statement.class);
		hints.proxies().registerJdkProxy(PreparedStatement.class);
		hints.proxies().registerJdkProxy(CallableStatement.class);
	}

}
