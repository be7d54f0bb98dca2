package io.github.chanuka.database.cli;

import java.io.PrintWriter;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;

/**
 * Reports why the application could not start for a command: the failure analysis
 * Spring Boot would print, in the commands' error format.
 *
 * @author Chanuka Database
 */
final class StartupFailureReport {

	private static final Log logger = LogFactory.getLog(StartupFailureReport.class);

	private StartupFailureReport() {
	}

	static void print(@Nullable ConfigurableApplicationContext context, Throwable failure, ClassLoader classLoader,
			PrintWriter err) {
		FailureAnalysis analysis = analyze(context, failure, classLoader);
		if (analysis != null) {
			err.println("Error: the application could not start: " + analysis.getDescription().strip());
			if (analysis.getAction() != null) {
				err.println("Action: " + analysis.getAction().strip());
			}
		}
		else {
			err.println("Error: the application could not start: " + messages(failure));
		}
		err.flush();
	}

	private static @Nullable FailureAnalysis analyze(@Nullable ConfigurableApplicationContext context,
			Throwable failure, ClassLoader classLoader) {
		ArgumentResolver arguments = (context != null)
				? ArgumentResolver.of(BeanFactory.class, context.getBeanFactory())
					.and(Environment.class, context.getEnvironment())
				: ArgumentResolver.none();
		List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation(classLoader)
			.load(FailureAnalyzer.class, arguments, SpringFactoriesLoader.FailureHandler.logging(logger));
		for (FailureAnalyzer analyzer : analyzers) {
			try {
				FailureAnalysis analysis = analyzer.analyze(failure);
				if (analysis != null) {
					return analysis;
				}
			}
			catch (RuntimeException ex) {
				logger.trace("Failure analyzer " + analyzer + " failed", ex);
			}
		}
		return null;
	}

	static String messages(Throwable failure) {
		StringBuilder messages = new StringBuilder();
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			String message = (cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getName();
			if (messages.indexOf(message) < 0) {
				messages.append((messages.length() > 0) ? ": " : "").append(message);
			}
		}
		return messages.toString();
	}

}
