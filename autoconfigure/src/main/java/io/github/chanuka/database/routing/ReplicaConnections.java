package io.github.chanuka.database.routing;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;

import io.github.chanuka.database.node.DatabaseFailures;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Wraps a replica's connection so that a COMMIT or ROLLBACK that fails because the
 * connection failed is not surfaced: a hot standby cannot have committed anything, and
 * the reads of the transaction already returned. The failure itself has already marked
 * the replica down (see {@link io.github.chanuka.database.node.PassiveFailureDetection}).
 * Only the connection is wrapped, not its statements: one small object per borrowed
 * connection and a reflective call per connection method, next to a network round trip
 * per statement.
 *
 * @author Chanuka Database
 */
final class ReplicaConnections {

	private static final Log logger = LogFactory.getLog(ReplicaConnections.class);

	private static final Class<?>[] CONNECTION = { Connection.class };

	private ReplicaConnections() {
	}

	static Connection readOnly(String replica, Connection connection) {
		return (Connection) Proxy.newProxyInstance(ReplicaConnections.class.getClassLoader(), CONNECTION,
				new ReadOnlyEnd(replica, connection));
	}

	private record ReadOnlyEnd(String replica, Connection target) implements InvocationHandler {

		@Override
		public @Nullable Object invoke(Object proxy, Method method, @Nullable Object @Nullable [] args)
				throws Throwable {
			String name = method.getName();
			boolean end = (name.equals("commit") || name.equals("rollback")) && (args == null || args.length == 0);
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
				case "isWrapperFor":
					if (args != null && ((Class<?>) args[0]).isInstance(proxy)) {
						return true;
					}
					break;
				default:
					break;
			}
			try {
				return method.invoke(this.target, args);
			}
			catch (InvocationTargetException ex) {
				Throwable failure = ex.getTargetException();
				if (end && DatabaseFailures.isConnectionFailure(failure)) {
					if (logger.isDebugEnabled()) {
						logger.debug("Ignored a failed " + name.toUpperCase(java.util.Locale.ROOT)
								+ " of a read-only transaction on replica " + this.replica
								+ ": a standby commits nothing", failure);
					}
					return null;
				}
				throw failure;
			}
		}

	}

}
