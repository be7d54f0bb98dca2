package io.github.chanuka.database.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.chanuka.database.DatabaseEnvironment;
import io.github.chanuka.database.SslMode;
import io.github.chanuka.database.alert.AlertMetric;
import io.github.chanuka.database.alert.AlertSeverity;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of Chanuka Database.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
@ConfigurationProperties("chanuka.database")
public class ChanukaDatabaseProperties {

	/**
	 * Whether to configure the database layer.
	 */
	private boolean enabled = true;

	/**
	 * Deployment environment, selecting the pool profile. Inferred from the active
	 * profiles when not set (dev, development or local; test; staging or stage; prod or
	 * production), then the legacy NODE_ENV variable, development otherwise.
	 */
	private @Nullable DatabaseEnvironment environment;

	/**
	 * JDBC URL of the primary. Falls back to spring.datasource.url, then the
	 * DATABASE_URL environment variable, then DB_HOST, DB_PORT and DB_NAME.
	 */
	private @Nullable String url;

	/**
	 * Login user of the primary. Overrides the user of whichever source provides the
	 * URL.
	 */
	private @Nullable String username;

	/**
	 * Login password of the primary. Overrides the password of whichever source
	 * provides the URL.
	 */
	private @Nullable String password;

	private final Pool pool = new Pool();

	private final Ssl ssl = new Ssl();

	/**
	 * Read replicas. Read-only transactions are routed to them.
	 */
	private List<Replica> replicas = new ArrayList<>();

	private final Routing routing = new Routing();

	/**
	 * How read-only transactions at READ COMMITTED reach the database: as a transaction
	 * (BEGIN with the first statement, then COMMIT: two round trips), or statement by
	 * statement in autocommit on their read-only connection (one round trip each), with a
	 * real transaction begun when a statement needs one (a cursor fetch size, SET LOCAL,
	 * set_config, an advisory transaction lock, row locks, anything but a plain read).
	 */
	private ReadOnlyTransactions readOnlyTransactions = ReadOnlyTransactions.TRANSACTION;

	private final Health health = new Health();

	private final Resilience resilience = new Resilience();

	private final Monitoring monitoring = new Monitoring();

	private final Alerts alerts = new Alerts();

	private final Shutdown shutdown = new Shutdown();

	private final Startup startup = new Startup();

	private final Backup backup = new Backup();

	private final Validation validation = new Validation();

	private final Migration migration = new Migration();

	private final Setup setup = new Setup();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable DatabaseEnvironment getEnvironment() {
		return this.environment;
	}

	public void setEnvironment(@Nullable DatabaseEnvironment environment) {
		this.environment = environment;
	}

	public @Nullable String getUrl() {
		return this.url;
	}

	public void setUrl(@Nullable String url) {
		this.url = url;
	}

	public @Nullable String getUsername() {
		return this.username;
	}

	public void setUsername(@Nullable String username) {
		this.username = username;
	}

	public @Nullable String getPassword() {
		return this.password;
	}

	public void setPassword(@Nullable String password) {
		this.password = password;
	}

	public Pool getPool() {
		return this.pool;
	}

	public Ssl getSsl() {
		return this.ssl;
	}

	public List<Replica> getReplicas() {
		return this.replicas;
	}

	public void setReplicas(List<Replica> replicas) {
		this.replicas = replicas;
	}

	public Routing getRouting() {
		return this.routing;
	}

	public ReadOnlyTransactions getReadOnlyTransactions() {
		return this.readOnlyTransactions;
	}

	public void setReadOnlyTransactions(ReadOnlyTransactions readOnlyTransactions) {
		this.readOnlyTransactions = readOnlyTransactions;
	}

	public Health getHealth() {
		return this.health;
	}

	public Migration getMigration() {
		return this.migration;
	}

	public Resilience getResilience() {
		return this.resilience;
	}

	public Monitoring getMonitoring() {
		return this.monitoring;
	}

	public Alerts getAlerts() {
		return this.alerts;
	}

	public Shutdown getShutdown() {
		return this.shutdown;
	}

	public Setup getSetup() {
		return this.setup;
	}

	public Backup getBackup() {
		return this.backup;
	}

	public Startup getStartup() {
		return this.startup;
	}

	public Validation getValidation() {
		return this.validation;
	}

	/**
	 * Alert rules evaluated after each round of node probes.
	 */
	public static class Alerts {

		/**
		 * Whether alert rules are evaluated.
		 */
		private boolean enabled = true;

		/**
		 * Rules added to the built-in ones; a rule with a built-in rule's name replaces
		 * it.
		 */
		private List<Rule> rules = new ArrayList<>();

		/**
		 * How long a pool's utilisation must stay above a pool-utilization rule's
		 * threshold before the rule fires; threads waiting for a connection fire it at
		 * once.
		 */
		private Duration poolUtilizationWindow = Duration.ofMinutes(5);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public List<Rule> getRules() {
			return this.rules;
		}

		public void setRules(List<Rule> rules) {
			this.rules = rules;
		}

		public Duration getPoolUtilizationWindow() {
			return this.poolUtilizationWindow;
		}

		public void setPoolUtilizationWindow(Duration poolUtilizationWindow) {
			this.poolUtilizationWindow = poolUtilizationWindow;
		}

		/**
		 * A threshold alert rule.
		 */
		public static class Rule {

			/**
			 * Name of the rule, unique among rules.
			 */
			private @Nullable String name;

			/**
			 * What the rule watches.
			 */
			private @Nullable AlertMetric metric;

			/**
			 * Value above which the rule fires: seconds for latency and replication-lag,
			 * percent for pool-utilization and error-rate, a count for slow-queries and
			 * backup-failed (failed scheduled backups in a row), 0 for circuit-open and
			 * node-down.
			 */
			private @Nullable Double threshold;

			/**
			 * How urgent a breach is.
			 */
			private AlertSeverity severity = AlertSeverity.MEDIUM;

			/**
			 * How long a firing alert stays quiet before it fires again.
			 */
			private Duration cooldown = Duration.ofMinutes(5);

			public @Nullable String getName() {
				return this.name;
			}

			public void setName(@Nullable String name) {
				this.name = name;
			}

			public @Nullable AlertMetric getMetric() {
				return this.metric;
			}

			public void setMetric(@Nullable AlertMetric metric) {
				this.metric = metric;
			}

			public @Nullable Double getThreshold() {
				return this.threshold;
			}

			public void setThreshold(@Nullable Double threshold) {
				this.threshold = threshold;
			}

			public AlertSeverity getSeverity() {
				return this.severity;
			}

			public void setSeverity(AlertSeverity severity) {
				this.severity = severity;
			}

			public Duration getCooldown() {
				return this.cooldown;
			}

			public void setCooldown(Duration cooldown) {
				this.cooldown = cooldown;
			}

		}

	}

	/**
	 * Graceful shutdown of the pools.
	 */
	public static class Shutdown {

		/**
		 * How long shutdown waits for borrowed connections to be returned before it
		 * closes the pools, replicas first.
		 */
		private Duration drainTimeout = Duration.ofSeconds(30);

		public Duration getDrainTimeout() {
			return this.drainTimeout;
		}

		public void setDrainTimeout(Duration drainTimeout) {
			this.drainTimeout = drainTimeout;
		}

	}

	/**
	 * Startup checks of the primary.
	 */
	public static class Startup {

		/**
		 * How long startup keeps trying to reach the primary before it fails, in
		 * environments that check it at startup (staging and production). Zero tries
		 * once. Defaults to 30s in staging and production.
		 */
		private @Nullable Duration connectTimeout;

		public @Nullable Duration getConnectTimeout() {
			return this.connectTimeout;
		}

		public void setConnectTimeout(@Nullable Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
		}

	}

	/**
	 * Backups of the primary with pg_dump.
	 */
	public static class Backup {

		/**
		 * Directory scheduled backups are written to.
		 */
		private @Nullable Path directory;

		/**
		 * Cron expression of scheduled backups. Unset switches scheduled backups off.
		 */
		private @Nullable String schedule;

		/**
		 * How many scheduled backups are kept; older ones are deleted.
		 */
		private int retention = 7;

		/**
		 * How long pg_dump or pg_restore may run before it is stopped and the backup or
		 * restore fails.
		 */
		private Duration timeout = Duration.ofHours(1);

		/**
		 * How long pg_dump and pg_restore wait for a table lock before they fail, rather
		 * than queueing behind a long transaction and blocking the writes queued after
		 * them.
		 */
		private Duration lockWaitTimeout = Duration.ofSeconds(30);

		/**
		 * Path of the pg_dump executable. Found on the PATH when unset.
		 */
		private @Nullable Path pgDumpPath;

		/**
		 * Path of the pg_restore executable. Found on the PATH, or next to pg_dump,
		 * when unset.
		 */
		private @Nullable Path pgRestorePath;

		public @Nullable Path getDirectory() {
			return this.directory;
		}

		public void setDirectory(@Nullable Path directory) {
			this.directory = directory;
		}

		public @Nullable String getSchedule() {
			return this.schedule;
		}

		public void setSchedule(@Nullable String schedule) {
			this.schedule = schedule;
		}

		public int getRetention() {
			return this.retention;
		}

		public void setRetention(int retention) {
			this.retention = retention;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public Duration getLockWaitTimeout() {
			return this.lockWaitTimeout;
		}

		public void setLockWaitTimeout(Duration lockWaitTimeout) {
			this.lockWaitTimeout = lockWaitTimeout;
		}

		public @Nullable Path getPgDumpPath() {
			return this.pgDumpPath;
		}

		public void setPgDumpPath(@Nullable Path pgDumpPath) {
			this.pgDumpPath = pgDumpPath;
		}

		public @Nullable Path getPgRestorePath() {
			return this.pgRestorePath;
		}

		public void setPgRestorePath(@Nullable Path pgRestorePath) {
			this.pgRestorePath = pgRestorePath;
		}

	}

	/**
	 * Schema and data validation served at /actuator/database/validation.
	 */
	public static class Validation {

		/**
		 * Whether /actuator/database/validation shows the column values of rows that break
		 * a data validation rule. Otherwise it shows counts and identifiers only; db
		 * validate shows them either way.
		 */
		private boolean showValues;

		/**
		 * How long a validation report is reused by /actuator/database/validation before
		 * the checks run again.
		 */
		private Duration cacheTimeToLive = Duration.ofSeconds(5);

		/**
		 * How long one statement of a validation check or data validation rule may run
		 * before it is cancelled.
		 */
		private Duration statementTimeout = Duration.ofSeconds(30);

		public boolean isShowValues() {
			return this.showValues;
		}

		public void setShowValues(boolean showValues) {
			this.showValues = showValues;
		}

		public Duration getCacheTimeToLive() {
			return this.cacheTimeToLive;
		}

		public void setCacheTimeToLive(Duration cacheTimeToLive) {
			this.cacheTimeToLive = cacheTimeToLive;
		}

		public Duration getStatementTimeout() {
			return this.statementTimeout;
		}

		public void setStatementTimeout(Duration statementTimeout) {
			this.statementTimeout = statementTimeout;
		}

	}

	/**
	 * Statement timing and slow-query detection.
	 */
	public static class Monitoring {

		/**
		 * Whether every statement is timed, per node.
		 */
		private boolean enabled = true;

		/**
		 * Statements slower than this are counted and logged with their SQL text,
		 * never their parameter values.
		 */
		private Duration slowQueryThreshold = Duration.ofSeconds(1);

		/**
		 * Statements running longer than this are reported by db sessions and count
		 * for the long-running-query alert.
		 */
		private Duration longQueryThreshold = Duration.ofSeconds(30);

		/**
		 * Sessions idle in an open transaction for longer than this are reported by db
		 * sessions and count for the idle-in-transaction alert.
		 */
		private Duration idleInTransactionThreshold = Duration.ofSeconds(60);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getSlowQueryThreshold() {
			return this.slowQueryThreshold;
		}

		public void setSlowQueryThreshold(Duration slowQueryThreshold) {
			this.slowQueryThreshold = slowQueryThreshold;
		}

		public Duration getLongQueryThreshold() {
			return this.longQueryThreshold;
		}

		public void setLongQueryThreshold(Duration longQueryThreshold) {
			this.longQueryThreshold = longQueryThreshold;
		}

		public Duration getIdleInTransactionThreshold() {
			return this.idleInTransactionThreshold;
		}

		public void setIdleInTransactionThreshold(Duration idleInTransactionThreshold) {
			this.idleInTransactionThreshold = idleInTransactionThreshold;
		}

	}

	/**
	 * Circuit breakers around connection acquisition and retries of database
	 * operations.
	 */
	public static class Resilience {

		private final Retry retry = new Retry();

		private final CircuitBreaker circuitBreaker = new CircuitBreaker();

		public Retry getRetry() {
			return this.retry;
		}

		public CircuitBreaker getCircuitBreaker() {
			return this.circuitBreaker;
		}

	}

	/**
	 * Retries of @DatabaseOperation methods and DatabaseOperations callbacks after a
	 * transient failure, with exponential backoff. An instance named
	 * chanuka-database-OPERATION under resilience4j.retry.instances overrides these.
	 */
	public static class Retry {

		/**
		 * Whether transient failures of database operations are retried.
		 */
		private boolean enabled = true;

		/**
		 * Attempts in all, the first one included.
		 */
		private int maxAttempts = 3;

		/**
		 * Wait before the first retry.
		 */
		private Duration initialInterval = Duration.ofMillis(100);

		/**
		 * Factor applied to the wait after each retry.
		 */
		private double multiplier = 2.0;

		/**
		 * Longest wait between two attempts.
		 */
		private Duration maxInterval = Duration.ofSeconds(5);

		/**
		 * Randomization of each wait, as a fraction of it (0 for none, below 1), so that
		 * the retries of many clients do not synchronize.
		 */
		private double jitter = 0.5;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public double getJitter() {
			return this.jitter;
		}

		public void setJitter(double jitter) {
			this.jitter = jitter;
		}

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public Duration getInitialInterval() {
			return this.initialInterval;
		}

		public void setInitialInterval(Duration initialInterval) {
			this.initialInterval = initialInterval;
		}

		public double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(double multiplier) {
			this.multiplier = multiplier;
		}

		public Duration getMaxInterval() {
			return this.maxInterval;
		}

		public void setMaxInterval(Duration maxInterval) {
			this.maxInterval = maxInterval;
		}

	}

	/**
	 * Per-node circuit breakers around connection acquisition, named
	 * chanuka-database-NODE. An instance of that name under
	 * resilience4j.circuitbreaker.instances overrides these.
	 */
	public static class CircuitBreaker {

		/**
		 * Whether each node gets a circuit breaker.
		 */
		private boolean enabled = true;

		/**
		 * Percentage of failed connection attempts, from 1 to 100, that opens the
		 * breaker.
		 */
		private float failureRateThreshold = 50;

		/**
		 * Connection attempts needed before the failure rate counts.
		 */
		private int minimumNumberOfCalls = 10;

		/**
		 * Number of recent connection attempts the failure rate is computed over.
		 */
		private int slidingWindowSize = 20;

		/**
		 * How long an open breaker fails calls at once before letting probe calls
		 * through.
		 */
		private Duration waitDurationInOpenState = Duration.ofSeconds(10);

		/**
		 * Probe calls let through by a half-open breaker.
		 */
		private int permittedCallsInHalfOpenState = 3;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public float getFailureRateThreshold() {
			return this.failureRateThreshold;
		}

		public void setFailureRateThreshold(float failureRateThreshold) {
			this.failureRateThreshold = failureRateThreshold;
		}

		public int getMinimumNumberOfCalls() {
			return this.minimumNumberOfCalls;
		}

		public void setMinimumNumberOfCalls(int minimumNumberOfCalls) {
			this.minimumNumberOfCalls = minimumNumberOfCalls;
		}

		public int getSlidingWindowSize() {
			return this.slidingWindowSize;
		}

		public void setSlidingWindowSize(int slidingWindowSize) {
			this.slidingWindowSize = slidingWindowSize;
		}

		public Duration getWaitDurationInOpenState() {
			return this.waitDurationInOpenState;
		}

		public void setWaitDurationInOpenState(Duration waitDurationInOpenState) {
			this.waitDurationInOpenState = waitDurationInOpenState;
		}

		public int getPermittedCallsInHalfOpenState() {
			return this.permittedCallsInHalfOpenState;
		}

		public void setPermittedCallsInHalfOpenState(int permittedCallsInHalfOpenState) {
			this.permittedCallsInHalfOpenState = permittedCallsInHalfOpenState;
		}

	}

	/**
	 * A read replica.
	 */
	public static class Replica {

		/**
		 * Name of the replica in pool names, metrics and health. Defaults to
		 * replica-N, N counting from 1 in list order.
		 */
		private @Nullable String name;

		/**
		 * JDBC URL of the replica.
		 */
		private @Nullable String url;

		/**
		 * Login user of the replica. Defaults to the primary's.
		 */
		private @Nullable String username;

		/**
		 * Login password of the replica. Defaults to the primary's.
		 */
		private @Nullable String password;

		/**
		 * Share of reads the weighted load balancer sends to this replica, relative to
		 * the other replicas' weights.
		 */
		private int weight = 1;

		private final Pool pool = new Pool();

		public @Nullable String getName() {
			return this.name;
		}

		public void setName(@Nullable String name) {
			this.name = name;
		}

		public @Nullable String getUrl() {
			return this.url;
		}

		public void setUrl(@Nullable String url) {
			this.url = url;
		}

		public @Nullable String getUsername() {
			return this.username;
		}

		public void setUsername(@Nullable String username) {
			this.username = username;
		}

		public @Nullable String getPassword() {
			return this.password;
		}

		public void setPassword(@Nullable String password) {
			this.password = password;
		}

		public int getWeight() {
			return this.weight;
		}

		public void setWeight(int weight) {
			this.weight = weight;
		}

		public Pool getPool() {
			return this.pool;
		}

	}

	/**
	 * Routing of reads between the primary and the replicas.
	 */
	public static class Routing {

		/**
		 * How reads are spread over the usable replicas. A LoadBalancer bean replaces
		 * it.
		 */
		private LoadBalancerType loadBalancer = LoadBalancerType.ROUND_ROBIN;

		/**
		 * Whether reads go to the primary when no replica is usable, instead of
		 * failing.
		 */
		private boolean fallbackToPrimary = true;

		/**
		 * Replicas lagging behind the primary by more than this are skipped for reads
		 * until they catch up.
		 */
		private Duration maxReplicationLag = Duration.ofSeconds(10);

		/**
		 * Whether a writer's later reads (same thread; across HTTP requests by a cookie or
		 * the Chanuka-Db-Position header) go only to replicas that have replayed the primary's WAL position after the
		 * write, else to the primary. Causal costs one round trip on the primary per
		 * committed write, only when replicas are configured.
		 */
		private ReadYourWrites readYourWrites = ReadYourWrites.CAUSAL;

		/**
		 * Longest wait for a replica's pool to hand out a connection before the read
		 * moves on to the next replica or the primary; caps the connection-timeout of
		 * replica pools while fallback-to-primary is on. HikariCP's floor is 250ms.
		 */
		private Duration replicaAcquisitionTimeout = Duration.ofMillis(250);

		public LoadBalancerType getLoadBalancer() {
			return this.loadBalancer;
		}

		public void setLoadBalancer(LoadBalancerType loadBalancer) {
			this.loadBalancer = loadBalancer;
		}

		public boolean isFallbackToPrimary() {
			return this.fallbackToPrimary;
		}

		public void setFallbackToPrimary(boolean fallbackToPrimary) {
			this.fallbackToPrimary = fallbackToPrimary;
		}

		public Duration getMaxReplicationLag() {
			return this.maxReplicationLag;
		}

		public void setMaxReplicationLag(Duration maxReplicationLag) {
			this.maxReplicationLag = maxReplicationLag;
		}

		public ReadYourWrites getReadYourWrites() {
			return this.readYourWrites;
		}

		public void setReadYourWrites(ReadYourWrites readYourWrites) {
			this.readYourWrites = readYourWrites;
		}

		public Duration getReplicaAcquisitionTimeout() {
			return this.replicaAcquisitionTimeout;
		}

		public void setReplicaAcquisitionTimeout(Duration replicaAcquisitionTimeout) {
			this.replicaAcquisitionTimeout = replicaAcquisitionTimeout;
		}

	}

	/**
	 * Probing of every node by the node monitor.
	 */
	public static class Health {

		/**
		 * How often each node is probed.
		 */
		private Duration checkInterval = Duration.ofSeconds(5);

		/**
		 * Longest wait for a probe's connection and query before the node counts as
		 * down.
		 */
		private Duration timeout = Duration.ofSeconds(2);

		public Duration getCheckInterval() {
			return this.checkInterval;
		}

		public void setCheckInterval(Duration checkInterval) {
			this.checkInterval = checkInterval;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

	}

	/**
	 * How read-only transactions reach the database.
	 */
	public enum ReadOnlyTransactions {

		/**
		 * Each read-only transaction is a transaction on the server, as without the
		 * starter.
		 */
		TRANSACTION,

		/**
		 * A read-only transaction at READ COMMITTED runs its statements in autocommit on
		 * a connection that refuses writes, one round trip each, until a statement needs
		 * a transaction; isolation above READ COMMITTED always gets one.
		 */
		STATEMENT

	}

	/**
	 * Read-your-writes modes.
	 */
	public enum ReadYourWrites {

		/**
		 * After a write, reads go only to replicas that have replayed the primary's WAL
		 * position after it, else to the primary, however long the replicas lag.
		 */
		CAUSAL,

		/**
		 * Reads go to any usable replica, even right after a write.
		 */
		OFF

	}

	/**
	 * Built-in read load balancers.
	 */
	public enum LoadBalancerType {

		/**
		 * Each usable replica in turn.
		 */
		ROUND_ROBIN,

		/**
		 * A usable replica picked at random.
		 */
		RANDOM,

		/**
		 * Usable replicas in proportion to their weights (smooth weighted round-robin).
		 */
		WEIGHTED,

		/**
		 * The usable replica with the fewest connections in use.
		 */
		LEAST_CONNECTIONS

	}

	/**
	 * Overrides of the environment profile's pool settings, applied to every node.
	 */
	public static class Pool {

		/**
		 * Idle connections kept ready in each pool. Defaults to the environment
		 * profile's value.
		 */
		private @Nullable Integer minimumIdle;

		/**
		 * Largest number of connections in each pool. Defaults to the environment
		 * profile's value.
		 */
		private @Nullable Integer maximumSize;

		/**
		 * Longest wait for a connection from the pool before the call fails. Defaults to
		 * the environment profile's value.
		 */
		private @Nullable Duration connectionTimeout;

		/**
		 * How long a connection above the minimum may sit idle before it is closed. Zero
		 * keeps idle connections forever.
		 */
		private @Nullable Duration idleTimeout;

		/**
		 * Longest life of a connection before it is replaced. Zero for unlimited.
		 */
		private @Nullable Duration maxLifetime;

		/**
		 * Interval of keep-alive checks on idle connections. Zero switches keep-alive
		 * off. Defaults to the environment profile's value.
		 */
		private @Nullable Duration keepaliveTime;

		/**
		 * Longest wait for a connection to be validated.
		 */
		private @Nullable Duration validationTimeout;

		/**
		 * How long a statement may wait for the server's answer before its connection
		 * is closed; bounds a call on a hung server. Unset leaves the driver's default,
		 * which waits forever; set it above the slowest expected query.
		 */
		private @Nullable Duration socketTimeout;

		/**
		 * How long a connection may be borrowed before a possible leak is logged. Zero
		 * switches leak detection off.
		 */
		private @Nullable Duration leakDetectionThreshold;

		public @Nullable Integer getMinimumIdle() {
			return this.minimumIdle;
		}

		public void setMinimumIdle(@Nullable Integer minimumIdle) {
			this.minimumIdle = minimumIdle;
		}

		public @Nullable Integer getMaximumSize() {
			return this.maximumSize;
		}

		public void setMaximumSize(@Nullable Integer maximumSize) {
			this.maximumSize = maximumSize;
		}

		public @Nullable Duration getConnectionTimeout() {
			return this.connectionTimeout;
		}

		public void setConnectionTimeout(@Nullable Duration connectionTimeout) {
			this.connectionTimeout = connectionTimeout;
		}

		public @Nullable Duration getIdleTimeout() {
			return this.idleTimeout;
		}

		public void setIdleTimeout(@Nullable Duration idleTimeout) {
			this.idleTimeout = idleTimeout;
		}

		public @Nullable Duration getMaxLifetime() {
			return this.maxLifetime;
		}

		public void setMaxLifetime(@Nullable Duration maxLifetime) {
			this.maxLifetime = maxLifetime;
		}

		public @Nullable Duration getKeepaliveTime() {
			return this.keepaliveTime;
		}

		public void setKeepaliveTime(@Nullable Duration keepaliveTime) {
			this.keepaliveTime = keepaliveTime;
		}

		public @Nullable Duration getValidationTimeout() {
			return this.validationTimeout;
		}

		public void setValidationTimeout(@Nullable Duration validationTimeout) {
			this.validationTimeout = validationTimeout;
		}

		public @Nullable Duration getSocketTimeout() {
			return this.socketTimeout;
		}

		public void setSocketTimeout(@Nullable Duration socketTimeout) {
			this.socketTimeout = socketTimeout;
		}

		public @Nullable Duration getLeakDetectionThreshold() {
			return this.leakDetectionThreshold;
		}

		public void setLeakDetectionThreshold(@Nullable Duration leakDetectionThreshold) {
			this.leakDetectionThreshold = leakDetectionThreshold;
		}

	}

	/**
	 * TLS settings of connections to every node.
	 */
	public static class Ssl {

		/**
		 * TLS mode passed to the driver. Defaults to the sslmode in the URL, else the
		 * environment profile's value.
		 */
		private @Nullable SslMode mode;

		/**
		 * CA certificate file (PEM) that verify-ca and verify-full check the server
		 * certificate against.
		 */
		private @Nullable Path rootCert;

		/**
		 * Whether the production environment may run with a TLS mode below require.
		 */
		private boolean allowInsecureProduction;

		public @Nullable SslMode getMode() {
			return this.mode;
		}

		public void setMode(@Nullable SslMode mode) {
			this.mode = mode;
		}

		public @Nullable Path getRootCert() {
			return this.rootCert;
		}

		public void setRootCert(@Nullable Path rootCert) {
			this.rootCert = rootCert;
		}

		public boolean isAllowInsecureProduction() {
			return this.allowInsecureProduction;
		}

		public void setAllowInsecureProduction(boolean allowInsecureProduction) {
			this.allowInsecureProduction = allowInsecureProduction;
		}

	}

	/**
	 * What db setup creates when it is missing.
	 */
	public static class Setup {

		/**
		 * Whether db setup creates the primary's database when it does not exist.
		 */
		private boolean createDatabase = true;

		/**
		 * Extensions db setup creates in the primary's database, such as
		 * pg_stat_statements or pgcrypto.
		 */
		private List<String> extensions = new ArrayList<>();

		private final ApplicationRole applicationRole = new ApplicationRole();

		public boolean isCreateDatabase() {
			return this.createDatabase;
		}

		public void setCreateDatabase(boolean createDatabase) {
			this.createDatabase = createDatabase;
		}

		public List<String> getExtensions() {
			return this.extensions;
		}

		public void setExtensions(List<String> extensions) {
			this.extensions = extensions;
		}

		public ApplicationRole getApplicationRole() {
			return this.applicationRole;
		}

		/**
		 * A least-privilege login role for the application: it may read and change the
		 * rows of the listed schemas, and nothing else.
		 */
		public static class ApplicationRole {

			/**
			 * Name of the role db setup creates; unset creates no role.
			 */
			private @Nullable String name;

			/**
			 * Login password of the role; unset creates it without one.
			 */
			private @Nullable String password;

			/**
			 * Schemas whose tables and sequences the role may use, including those
			 * created later by the user running db setup.
			 */
			private List<String> schemas = new ArrayList<>(List.of("public"));

			public @Nullable String getName() {
				return this.name;
			}

			public void setName(@Nullable String name) {
				this.name = name;
			}

			public @Nullable String getPassword() {
				return this.password;
			}

			public void setPassword(@Nullable String password) {
				this.password = password;
			}

			public List<String> getSchemas() {
				return this.schemas;
			}

			public void setSchemas(List<String> schemas) {
				this.schemas = schemas;
			}

		}

	}

	/**
	 * Schema migration settings.
	 */
	public static class Migration {

		/**
		 * Whether Liquibase runs its changelog against the primary at startup. An
		 * application without a changelog starts unchanged either way.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

}
