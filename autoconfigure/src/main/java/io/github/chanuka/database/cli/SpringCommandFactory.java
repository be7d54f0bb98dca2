package io.github.chanuka.database.cli;

import picocli.CommandLine;

import org.springframework.beans.factory.config.AutowireCapableBeanFactory;

/**
 * Creates the commands through the application's bean factory, so that their
 * constructors receive the application's beans; everything else the picocli way.
 *
 * @author Chanuka Database
 */
final class SpringCommandFactory implements CommandLine.IFactory {

	private final AutowireCapableBeanFactory beanFactory;

	SpringCommandFactory(AutowireCapableBeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public <K> K create(Class<K> type) throws Exception {
		if (type.isAnnotationPresent(CommandLine.Command.class)) {
			return this.beanFactory.createBean(type);
		}
		return CommandLine.defaultFactory().create(type);
	}

}
