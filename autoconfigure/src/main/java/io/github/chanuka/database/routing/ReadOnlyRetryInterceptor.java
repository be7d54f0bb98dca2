package io.github.chanuka.database.routing;

import io.github.chanuka.database.node.NodeMonitor;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.aop.ProxyMethodInvocation;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs a {@code @Transactional(readOnly = true)} method a second time, in a new
 * transaction, when its first run failed because the connection to its node failed.
 * Reads are idempotent and the failed run returned nothing, so nothing is seen twice.
 * Before the second run the nodes are probed, so the node that failed is no longer
 * chosen. Ordered before the transaction interceptor; a method called inside an
 * existing transaction is left to that transaction's owner.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class ReadOnlyRetryInterceptor implements MethodInterceptor {

	private static final Log logger = LogFactory.getLog(ReadOnlyRetryInterceptor.class);

	private final NodeMonitor monitor;

	/**
	 * Create an interceptor.
	 * @param monitor probes the nodes before the second run
	 */
	public ReadOnlyRetryInterceptor(NodeMonitor monitor) {
		this.monitor = monitor;
	}

	@Override
	public Object invoke(MethodInvocation invocation) throws Throwable {
		if (TransactionSynchronizationManager.isActualTransactionActive()
				|| !(invocation instanceof ProxyMethodInvocation proxyInvocation)) {
			return invocation.proceed();
		}
		MethodInvocation retry = proxyInvocation.invocableClone();
		try {
			return invocation.proceed();
		}
		catch (RuntimeException ex) {
			if (!isConnectionFailure(ex)) {
				throw ex;
			}
			logger.debug("Read-only " + invocation.getMethod().getName() + " lost its connection ("
					+ ex.getMessage() + "); running it once more on another node");
			this.monitor.checkNow();
			return retry.proceed();
		}
	}

	static boolean isConnectionFailure(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof CannotGetJdbcConnectionException || cause instanceof SQLTransientConnectionException) {
				return true;
			}
			if (cause instanceof SQLException sql && sql.getSQLState() != null
					&& (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
				return true;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return false;
	}

}
