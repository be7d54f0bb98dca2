package io.github.chanuka.database.metrics;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;

import net.ttddyy.dsproxy.ConnectionInfo;
import net.ttddyy.dsproxy.proxy.ConnectionProxyLogic;
import net.ttddyy.dsproxy.proxy.ProxyConfig;
import net.ttddyy.dsproxy.proxy.ProxyJdbcObject;
import net.ttddyy.dsproxy.proxy.jdk.JdkJdbcProxyFactory;
import net.ttddyy.dsproxy.proxy.jdk.PreparedStatementInvocationHandler;

/**
 * datasource-proxy's JDK proxy factory, trimmed for statement timing, which sits on the
 * path of every transaction: calls on a connection skip the per-call method context
 * that serves method listeners (the starter installs none, so building one per call is
 * pure cost), and the proxy classes of connections and prepared statements are looked
 * up once instead of on every proxy. Statements keep datasource-proxy's own logic, which
 * times them and calls the query listeners, except for setters and {@code close}: the
 * starter's listener never reads parameter values, so recording them is pure cost too.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
final class StatementTimingProxyFactory extends JdkJdbcProxyFactory {

	private static final Constructor<?> CONNECTION_PROXY = proxyConstructor(Connection.class);

	private static final Constructor<?> PREPARED_STATEMENT_PROXY = proxyConstructor(PreparedStatement.class);

	@Override
	public Connection createConnection(Connection connection, ConnectionInfo connectionInfo, ProxyConfig proxyConfig) {
		ConnectionProxyLogic logic = new ListenerFreeConnectionLogic(connection, connectionInfo, proxyConfig);
		return (Connection) newProxy(CONNECTION_PROXY, logic::invoke);
	}

	@Override
	public PreparedStatement createPreparedStatement(PreparedStatement statement, String query,
			ConnectionInfo connectionInfo, Connection proxyConnection, ProxyConfig proxyConfig, boolean generateKey) {
		InvocationHandler timed = new PreparedStatementInvocationHandler(statement, query, connectionInfo,
				proxyConnection, proxyConfig, generateKey);
		return (PreparedStatement) newProxy(PREPARED_STATEMENT_PROXY, new UntimedSetters(statement, timed));
	}

	private static Constructor<?> proxyConstructor(Class<?> type) {
		Object sample = Proxy.newProxyInstance(ProxyJdbcObject.class.getClassLoader(),
				new Class<?>[] { ProxyJdbcObject.class, type }, (proxy, method, args) -> null);
		try {
			return sample.getClass().getConstructor(InvocationHandler.class);
		}
		catch (NoSuchMethodException ex) {
			throw new IllegalStateException("JDK proxy class " + sample.getClass() + " has no public constructor", ex);
		}
	}

	private static Object newProxy(Constructor<?> constructor, InvocationHandler handler) {
		try {
			return constructor.newInstance(handler);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("Could not create a JDBC proxy with " + constructor, ex);
		}
	}

	/**
	 * datasource-proxy's connection logic without the method-listener round trip: its
	 * {@code performProxyLogic} does not read the context.
	 */
	private static final class ListenerFreeConnectionLogic extends ConnectionProxyLogic {

		ListenerFreeConnectionLogic(Connection connection, ConnectionInfo connectionInfo, ProxyConfig proxyConfig) {
			super(connection, connectionInfo, proxyConfig);
		}

		@Override
		protected Object proceedMethodExecution(ProxyConfig proxyConfig, Object original,
				ConnectionInfo connectionInfo, Object proxy, Method method, Object[] args) throws Throwable {
			return performProxyLogic(proxy, method, args, null);
		}

	}

	/**
	 * Sends parameter setters, other setters and {@code close} straight to the statement,
	 * everything else to datasource-proxy.
	 */
	private record UntimedSetters(PreparedStatement statement, InvocationHandler timed) implements InvocationHandler {

		@Override
		public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
			String name = method.getName();
			if (!name.startsWith("set") && !name.equals("close")) {
				return this.timed.invoke(proxy, method, args);
			}
			try {
				return method.invoke(this.statement, args);
			}
			catch (InvocationTargetException ex) {
				throw ex.getTargetException();
			}
		}

	}

}
