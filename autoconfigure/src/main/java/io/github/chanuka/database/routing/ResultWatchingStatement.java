package io.github.chanuka.database.routing;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Statement;

import io.github.chanuka.database.node.CommitLedger;
import org.jspecify.annotations.Nullable;

/**
 * A statement of a read-only transaction, taken while a retried attempt is open on the
 * thread: each {@code execute*} call that returns tells the {@link CommitLedger} that
 * the attempt has handed results to the application, so that a read-only rerun does
 * not deliver them twice. Only such statements are wrapped; every other call goes
 * straight to the driver's statement.
 *
 * @author Chanuka Database
 */
final class ResultWatchingStatement implements InvocationHandler {

	private final Statement target;

	private final CommitLedger ledger;

	private ResultWatchingStatement(Statement target, CommitLedger ledger) {
		this.target = target;
		this.ledger = ledger;
	}

	/**
	 * Wrap a statement.
	 * @param <S> the statement type
	 * @param type the statement interface the caller asked for
	 * @param target the driver's statement
	 * @param ledger told when a statement returns
	 * @return the statement to hand out
	 */
	static <S extends Statement> S wrap(Class<S> type, S target, CommitLedger ledger) {
		return type.cast(Proxy.newProxyInstance(ResultWatchingStatement.class.getClassLoader(), new Class<?>[] { type },
				new ResultWatchingStatement(target, ledger)));
	}

	@Override
	public @Nullable Object invoke(Object proxy, Method method, @Nullable Object @Nullable [] args) throws Throwable {
		String name = method.getName();
		switch (name) {
			case "equals":
				return args != null && proxy == args[0];
			case "hashCode":
				return System.identityHashCode(proxy);
			case "unwrap":
				if (args != null && ((Class<?>) args[0]).isInstance(proxy)) {
					return proxy;
				}
				break;
			default:
				break;
		}
		Object result = call(method, args);
		if (name.startsWith("execute")) {
			this.ledger.resultsReturned();
		}
		return result;
	}

	private @Nullable Object call(Method method, @Nullable Object @Nullable [] args) throws Throwable {
		try {
			return method.invoke(this.target, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getTargetException();
		}
	}

}
