package io.github.chanuka.database.resilience;

import java.util.function.Supplier;

import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Callback style of {@link DatabaseOperation}: the same timing, the same retries of
 * transient failures (each attempt in a new transaction), the same refusal to repeat a
 * write whose commit outcome is unknown. A callback that throws rolls its transaction
 * back.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class DatabaseOperations {

	private final OperationExecutor executor;

	private final TransactionTemplate readWrite;

	private final TransactionTemplate readOnly;

	/**
	 * Create an instance.
	 * @param executor runs the operations
	 * @param transactionManager the application's transaction manager
	 */
	public DatabaseOperations(OperationExecutor executor, PlatformTransactionManager transactionManager) {
		this.executor = executor;
		this.readWrite = new TransactionTemplate(transactionManager);
		this.readOnly = new TransactionTemplate(transactionManager);
		this.readOnly.setReadOnly(true);
		this.readOnly.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRED);
	}

	/**
	 * Run a callback that manages its own transactions, if any.
	 * @param <T> the result type
	 * @param operation the operation name
	 * @param callback the work
	 * @return the callback's result
	 */
	public <T> T execute(String operation, Supplier<T> callback) {
		return run(operation, callback::get);
	}

	/**
	 * Run a callback in a read-write transaction.
	 * @param <T> the result type
	 * @param operation the operation name
	 * @param callback the work
	 * @return the callback's result
	 */
	public <T> T inTransaction(String operation, TransactionCallback<T> callback) {
		return run(operation, () -> this.readWrite.execute(callback));
	}

	/**
	 * Run a callback in a read-only transaction, on a replica when one is usable.
	 * @param <T> the result type
	 * @param operation the operation name
	 * @param callback the work
	 * @return the callback's result
	 */
	public <T> T readOnly(String operation, TransactionCallback<T> callback) {
		return run(operation, () -> this.readOnly.execute(callback));
	}

	private <T> T run(String operation, io.github.resilience4j.core.functions.CheckedSupplier<T> attempt) {
		try {
			return this.executor.execute(operation, attempt);
		}
		catch (RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException("Database operation '" + operation + "' failed", ex);
		}
	}

}
