package dev.durabledb;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.durabledb.database.InstanceStrategy;
import dev.durabledb.sqlite.SqliteSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of durable-db, under the prefix 'durable-db'.
 *
 * @param dataDir Folder that holds one sub-folder per database, with one SQLite file per
 * instance in it
 * @param databases Databases by name; adds to or overrides the databases discovered under
 * 'db/durable/{name}/' on the classpath
 * @param tenant How tenants are resolved, validated and created
 * @param instances How open instances are cached
 * @param sqlite SQLite settings applied to every connection
 * @param action How actions wait for an instance
 * @param migration How instances are brought up to date with their changelog
 * @param backup Where and when instances are backed up
 * @param health What the durableDb health indicator checks
 * @param replication Shipping every commit to the backup store
 * @param console The developer console: a web page to look into one tenant's database
 * @param dev Operations meant for development only
 * @param cluster Several application instances sharing the tenants: leases, actions routed
 * to the owner, takeover from the replica store
 */
@ConfigurationProperties("durable-db")
public record DurableDbProperties(@DefaultValue("./data") Path dataDir, @Nullable Map<String, Database> databases,
		@DefaultValue Tenant tenant, @DefaultValue Instances instances, @DefaultValue Sqlite sqlite,
		@DefaultValue Action action, @DefaultValue Migration migration, @DefaultValue Backup backup,
		@DefaultValue Health health, @DefaultValue Replication replication, @DefaultValue Console console,
		@DefaultValue Dev dev, @DefaultValue Cluster cluster) {

	public DurableDbProperties {
		databases = (databases != null) ? Map.copyOf(databases) : Map.of();
	}

	/**
	 * One database.
	 *
	 * @param instance Instance strategy: one file per tenant ('per-tenant') or one
	 * file shared by all tenants ('global'); 'per-tenant' when unset
	 * @param changelog Liquibase changelog: a 'classpath:' location, or a 'file:' one to
	 * keep changelogs outside the application; the one discovered under
	 * 'db/durable/{name}/' when unset
	 */
	public record Database(@Nullable InstanceStrategy instance, @Nullable String changelog) {
	}

	/**
	 * Tenants.
	 *
	 * @param resolver Which built-in resolver picks the tenant of an HTTP request; ignored
	 * when the application declares its own 'TenantResolver' bean
	 * @param header Request header that carries the tenant id, for the 'header'
	 * resolver
	 * @param pattern Regular expression a tenant id must match in full
	 * @param autoCreate Whether an action for an unknown tenant creates its file (as
	 * Durable Objects do) instead of failing with "tenant not found"
	 * @param keepDeleted Whether deleting a tenant keeps a final copy of it: a
	 * 'pre-delete' backup when backups are on, else its file in the database's hidden
	 * '.durable-db/deleted' folder
	 * @param propagateContext Whether tasks of the executor and scheduler that Spring Boot
	 * auto-configures ('@Async' methods, 'TaskExecutor' and 'TaskScheduler' tasks) run for
	 * the tenant bound where they were submitted; needs 'io.micrometer:context-propagation',
	 * which the starter brings
	 */
	public record Tenant(@DefaultValue("header") ResolverType resolver, @DefaultValue("X-Tenant-Id") String header,
			@DefaultValue("[A-Za-z0-9_-]{1,63}") String pattern, @DefaultValue("false") boolean autoCreate,
			@DefaultValue("true") boolean keepDeleted, @DefaultValue("true") boolean propagateContext) {

		public Tenant {
			try {
				java.util.regex.Pattern.compile(pattern);
			}
			catch (java.util.regex.PatternSyntaxException ex) {
				throw new IllegalArgumentException(
						"durable-db.tenant.pattern must be a regular expression: " + ex.getDescription());
			}
			PropertyCheck.notBlank("durable-db.tenant.header", header);
		}

	}

	/** Built-in tenant resolvers. */
	public enum ResolverType {

		/** The tenant id is the value of a request header. */
		HEADER,

		/** The tenant id is the first label of the request's host name. */
		SUBDOMAIN

	}

	/**
	 * Open instances.
	 *
	 * @param maxOpen How many idle instances stay open at most; the least recently used
	 * one is closed first
	 * @param idleTimeout How long an unused instance stays open
	 * @param readers How many reader connections an open instance keeps at most, for
	 * read-only actions
	 * @param dataDirWait How long startup waits for another process that holds the data
	 * dir to give it up (a rolling restart on one host); 0 refuses to start at once,
	 * naming the holder
	 */
	public record Instances(@DefaultValue("1000") int maxOpen, @DefaultValue("10m") Duration idleTimeout,
			@DefaultValue("4") int readers, @DefaultValue("0s") Duration dataDirWait) {

		public Instances {
			PropertyCheck.atLeast("durable-db.instances.max-open", maxOpen, 1);
			PropertyCheck.positive("durable-db.instances.idle-timeout", idleTimeout);
			PropertyCheck.between("durable-db.instances.readers", readers, 1, 64);
			PropertyCheck.notNegative("durable-db.instances.data-dir-wait", dataDirWait);
		}

	}

	/**
	 * SQLite settings applied to every connection.
	 *
	 * @param synchronous 'PRAGMA synchronous': 'normal' (durable in WAL mode
	 * except for the last transactions, and the last tenants created, before a power
	 * loss) or 'full' (those too)
	 * @param busyTimeout How long SQLite itself waits for a lock held by another
	 * connection or process
	 * @param journalSizeLimit Bytes the write-ahead log is truncated to after a checkpoint
	 * @param cacheSize 'PRAGMA cache_size': pages when positive, KiB when negative
	 * @param mmapSize Bytes of the file SQLite may memory-map; 0 turns memory mapping off
	 */
	public record Sqlite(@DefaultValue("normal") SqliteSettings.Synchronous synchronous,
			@DefaultValue("5s") Duration busyTimeout, @DefaultValue("67108864") long journalSizeLimit,
			@DefaultValue("-2000") int cacheSize, @DefaultValue("0") long mmapSize) {

		public Sqlite {
			PropertyCheck.notNegative("durable-db.sqlite.busy-timeout", busyTimeout);
			PropertyCheck.atLeast("durable-db.sqlite.journal-size-limit", journalSizeLimit, -1);
			PropertyCheck.atLeast("durable-db.sqlite.mmap-size", mmapSize, 0);
		}

		/**
		 * These settings as the connections take them.
		 * @param automaticCheckpoints whether SQLite checkpoints by itself (not while
		 * replication ships the log)
		 */
		public SqliteSettings toSettings(boolean automaticCheckpoints) {
			return new SqliteSettings(this.synchronous, this.busyTimeout, this.journalSizeLimit, this.cacheSize,
					this.mmapSize, automaticCheckpoints);
		}

	}

	/**
	 * Actions.
	 *
	 * @param lockTimeout How long an action waits for its instance (the writer lock, a
	 * reader, an instance being opened, restored or deleted) before it fails as busy
	 */
	public record Action(@DefaultValue("5s") Duration lockTimeout) {

		public Action {
			PropertyCheck.positive("durable-db.action.lock-timeout", lockTimeout);
		}

	}

	/**
	 * Migrations.
	 *
	 * @param mode 'lazy' migrates an instance the first time it is opened;
	 * 'eager' migrates every existing instance at startup, before the application
	 * reports ready
	 * @param maxAttempts How many consecutive failed attempts restore the pre-migration
	 * snapshot before the instance stays failed until a fixed changelog or an operator's
	 * retry
	 * @param retryDelay How long an instance whose migration failed waits before the next
	 * attempt; doubles after each failed attempt; 0 retries on the next access
	 * @param parallelism How many instances eager migration, and a migration dry-run,
	 * work on at once; twice the number of processors (at least 4) when 0
	 * @param failOnError Whether eager migration fails startup when an instance fails to
	 * migrate; when false the application starts and those instances report the error on
	 * access
	 * @param replay Whether an instance one or more changelog steps behind replays, in one
	 * transaction, the statements Liquibase ran when the database's template took those
	 * steps, instead of running Liquibase (steps that cannot be replayed take Liquibase
	 * anyway)
	 */
	public record Migration(@DefaultValue("lazy") Mode mode, @DefaultValue("3") int maxAttempts,
			@DefaultValue("30s") Duration retryDelay, @DefaultValue("0") int parallelism,
			@DefaultValue("true") boolean failOnError, @DefaultValue("true") boolean replay) {

		public Migration {
			PropertyCheck.atLeast("durable-db.migration.max-attempts", maxAttempts, 1);
			PropertyCheck.notNegative("durable-db.migration.retry-delay", retryDelay);
			PropertyCheck.atLeast("durable-db.migration.parallelism", parallelism, 0);
		}

		/** When instances are migrated. */
		public enum Mode {

			/** The first time an instance is opened by this process. */
			LAZY,

			/** Every existing instance at startup. */
			EAGER

		}

	}

	/**
	 * Backups.
	 *
	 * @param enabled Whether backups, restore, archives and exports are available
	 * @param store Where backups are kept: 'file' (a folder) or 's3' (an
	 * S3-compatible bucket, through the 'S3Client' of Spring Cloud AWS)
	 * @param file The folder store
	 * @param s3 The S3 store
	 * @param schedule Cron expression of scheduled backups (six fields, seconds first),
	 * which back up every instance that changed since its last backup; none when unset
	 * @param parallelism How many instances a backup run works on at once
	 * @param retry How a failing backup is retried
	 * @param retention Which backups of an instance are kept
	 * @param staleAfter How old the last successful scheduled run may get before health
	 * reports backups as stale; not checked when unset
	 * @param compressionLevel Gzip level of backups, from 1 (fastest) to 9 (smallest)
	 */
	public record Backup(@DefaultValue("true") boolean enabled, @DefaultValue("file") StoreType store,
			@DefaultValue File file, @DefaultValue S3 s3, @Nullable String schedule,
			@DefaultValue("2") int parallelism, @DefaultValue Retry retry, @DefaultValue Retention retention,
			@Nullable Duration staleAfter, @DefaultValue("1") int compressionLevel) {

		public Backup {
			PropertyCheck.atLeast("durable-db.backup.parallelism", parallelism, 1);
			PropertyCheck.between("durable-db.backup.compression-level", compressionLevel, 1, 9);
			if (staleAfter != null) {
				PropertyCheck.notNegative("durable-db.backup.stale-after", staleAfter);
			}
		}

		/** Kinds of backup store. */
		public enum StoreType {

			/** A folder on disk. */
			FILE,

			/** An S3-compatible bucket. */
			S3

		}

		/**
		 * The folder store.
		 *
		 * @param dir Folder that holds the backups
		 */
		public record File(@DefaultValue("./backups") Path dir) {
		}

		/**
		 * The S3 store. The endpoint, region, credentials and path-style access are those of
		 * Spring Cloud AWS ('spring.cloud.aws.s3.*').
		 *
		 * @param bucket Bucket that holds the backups
		 * @param prefix Key prefix of every backup object
		 * @param compatibleChecksums Whether to send request checksums only when an
		 * operation requires them, as S3-compatible stores (R2, MinIO and others) expect;
		 * the AWS SDK otherwise adds them to every request
		 */
		public record S3(@Nullable String bucket, @DefaultValue("durable-db") String prefix,
				@DefaultValue("true") boolean compatibleChecksums) {
		}

		/**
		 * Retries of a failing backup, with exponential backoff.
		 *
		 * @param maxRetries How many times a failed backup is tried again
		 * @param delay Wait before the first retry
		 * @param multiplier Factor the wait grows by at each retry
		 * @param maxDelay Longest wait between two tries
		 */
		public record Retry(@DefaultValue("3") long maxRetries, @DefaultValue("1s") Duration delay,
				@DefaultValue("2") double multiplier, @DefaultValue("1m") Duration maxDelay) {

			public Retry {
				PropertyCheck.atLeast("durable-db.backup.retry.max-retries", maxRetries, 0);
				PropertyCheck.notNegative("durable-db.backup.retry.delay", delay);
				if (multiplier < 1) {
					throw new IllegalArgumentException(
							"durable-db.backup.retry.multiplier must be at least 1, not " + multiplier);
				}
				PropertyCheck.notNegative("durable-db.backup.retry.max-delay", maxDelay);
			}

		}

		/**
		 * Retention; the newest backup of an instance is always kept.
		 *
		 * @param keepLast How many backups of an instance to keep
		 * @param maxAge How old a backup may get
		 */
		public record Retention(@DefaultValue("10") int keepLast, @DefaultValue("30d") Duration maxAge) {

			public Retention {
				PropertyCheck.atLeast("durable-db.backup.retention.keep-last", keepLast, 1);
				PropertyCheck.positive("durable-db.backup.retention.max-age", maxAge);
			}

		}

	}

	/**
	 * Shipping every commit of every instance to the backup store, for point-in-time
	 * restore.
	 *
	 * @param enabled Whether each instance's write-ahead log is shipped to the backup
	 * store as it grows (when there is one: backups on); SQLite's automatic checkpoints
	 * are then off and the starter checkpoints only what it shipped
	 * @param acknowledge When a write action returns: 'local' once it committed locally
	 * (the store has it within the sync interval), 'replicated' once its commit is in the
	 * store (writers waiting at the same time share one shipping round)
	 * @param syncInterval How long after a commit the store has it at the latest, while
	 * the store answers
	 * @param checkpointFrames How many frames an instance's log may hold before the
	 * starter ships them and checkpoints (folds the log into the file)
	 * @param retention How far back an instance can be restored; older history is deleted
	 * @param lagThreshold How long a commit may wait for the store before health reports
	 * replication DOWN
	 * @param threads How many instances are shipped at once
	 * @param snapshotMinimumSegments How many bytes of pages (uncompressed) a generation
	 * ships before their weight may begin a new generation with a new snapshot; one begins
	 * once they weigh twice the database, or the generation is a day old
	 * @param recover Disaster recovery at startup: instances rebuilt from the store alone
	 */
	public record Replication(@DefaultValue("true") boolean enabled,
			@DefaultValue("local") Acknowledge acknowledge, @DefaultValue("1s") Duration syncInterval,
			@DefaultValue("1000") int checkpointFrames, @DefaultValue("30d") Duration retention,
			@DefaultValue("1m") Duration lagThreshold, @DefaultValue("2") int threads,
			@DefaultValue("16MB") DataSize snapshotMinimumSegments, @DefaultValue Recover recover) {

		public Replication {
			PropertyCheck.positive("durable-db.replication.sync-interval", syncInterval);
			PropertyCheck.atLeast("durable-db.replication.checkpoint-frames", checkpointFrames, 1);
			PropertyCheck.positive("durable-db.replication.retention", retention);
			PropertyCheck.positive("durable-db.replication.lag-threshold", lagThreshold);
			PropertyCheck.atLeast("durable-db.replication.threads", threads, 1);
		}

		/**
		 * Disaster recovery, run once as the application starts, before it serves: every
		 * instance of the listed databases that the store has and the data dir lacks is
		 * rebuilt from the store. Instances whose file exists are left alone.
		 *
		 * @param databases Databases to recover ('*' for all); none when empty
		 * @param tenant The one tenant (instance) to recover; all when unset
		 * @param at The time to recover to (ISO-8601, e.g. 2026-12-01T09:00:00Z): each
		 * instance's last commit at or before it; the last commit when unset
		 * @param threads How many instances are rebuilt at once
		 */
		public record Recover(@Nullable List<String> databases, @Nullable String tenant, @Nullable Instant at,
				@DefaultValue("4") int threads) {

			public Recover {
				databases = (databases != null) ? List.copyOf(databases) : List.of();
				PropertyCheck.atLeast("durable-db.replication.recover.threads", threads, 1);
			}

		}

		/** When a write action returns. */
		public enum Acknowledge {

			/** Once committed locally; the store has the commit within the sync interval. */
			LOCAL,

			/** Once the commit is in the store. */
			REPLICATED

		}

	}

	/**
	 * Health.
	 *
	 * @param freeSpaceThreshold Free space the data dir's file system must keep; health is
	 * DOWN below it, as writes will soon fail
	 */
	public record Health(@DefaultValue("10MB") DataSize freeSpaceThreshold) {
	}

	/**
	 * The developer console.
	 *
	 * @param enabled Whether the console is served; off unless set, except that Spring
	 * Boot DevTools' development defaults turn it on (as they do the H2 console)
	 * @param path Path the console is served at
	 * @param webAllowOthers Whether clients other than this machine (loopback addresses)
	 * may use the console
	 * @param allowWrites Whether the console may run statements that write, through the
	 * tenant's single writer, and restore a tenant to a time; read-only when false (SQLite
	 * itself refuses the writes)
	 * @param pageSize How many rows the console shows per page
	 * @param statementTimeout How long one console statement may run before SQLite
	 * interrupts it (and rolls it back), so that a runaway query does not hold the tenant's
	 * connection
	 */
	public record Console(@Nullable Boolean enabled, @DefaultValue("/durable-db/console") String path,
			@DefaultValue("false") boolean webAllowOthers, @DefaultValue("false") boolean allowWrites,
			@DefaultValue("100") int pageSize, @DefaultValue("30s") Duration statementTimeout) {

		public Console {
			PropertyCheck.notBlank("durable-db.console.path", path);
			if (!path.startsWith("/") || path.endsWith("/") || path.contains("*") || path.contains("{")) {
				throw new IllegalArgumentException(
						"durable-db.console.path must start with '/', not end with one, and hold no pattern: " + path);
			}
			PropertyCheck.atLeast("durable-db.console.page-size", pageSize, 1);
			PropertyCheck.positive("durable-db.console.statement-timeout", statementTimeout);
		}

	}

	/**
	 * Several application instances sharing the tenants, each instance file owned by at most
	 * one node at a time through a lease in the application's own PostgreSQL database
	 * ('spring.datasource.*'); actions run on their instance's owner, and an instance nobody
	 * owns is taken over from the replica store, which every node shares.
	 *
	 * @param enabled Whether this application instance is a node of a cluster: it keeps
	 * leases on instance files in the lease table of the application's DataSource, and
	 * routes every action to the node that holds its instance (needs replication)
	 * @param nodeId Id of this node in the lease table, unique among the running
	 * processes; the host name and a random suffix when unset
	 * @param advertisedUrl Base URL the other nodes reach this node at; required when
	 * enabled
	 * @param secret Secret all nodes share, at least 32 characters, that signs every action
	 * call between nodes; required when enabled
	 * @param leaseTtl How long a lease lasts without renewal, by the lease database's
	 * clock
	 * @param renewInterval How often this node renews all its leases, in one statement; a
	 * third of the lease TTL when unset; must be shorter than the TTL minus the safety
	 * margin
	 * @param safetyMargin How long before its lease may expire this node stops
	 * acknowledging writes for the instance, measured on its monotonic clock; a fifth of
	 * the lease TTL when unset
	 * @param table Name of the lease table (lower-case letters, digits and underscores),
	 * created in the DataSource's current schema unless it exists
	 * @param connectTimeout How long a node waits to connect to another node it sends an
	 * action to
	 * @param callTimeout How long a node waits for the answer of an action it sent to
	 * another node; when it gives up, the action may still have run there
	 */
	public record Cluster(@DefaultValue("false") boolean enabled, @Nullable String nodeId,
			@Nullable URI advertisedUrl, @Nullable String secret, @DefaultValue("10s") Duration leaseTtl,
			@Nullable Duration renewInterval, @Nullable Duration safetyMargin,
			@DefaultValue("durable_db_lease") String table, @DefaultValue("2s") Duration connectTimeout,
			@DefaultValue("30s") Duration callTimeout) {

		/** Shortest secret accepted: 32 characters, e.g. {@code openssl rand -base64 32}. */
		public static final int MINIMUM_SECRET_LENGTH = 32;

		private static final java.util.regex.Pattern TABLE = java.util.regex.Pattern.compile("[a-z_][a-z0-9_]{0,55}");

		private static final java.util.regex.Pattern NODE_ID = java.util.regex.Pattern.compile("[A-Za-z0-9._-]{1,100}");

		public Cluster {
			PropertyCheck.positive("durable-db.cluster.lease-ttl", leaseTtl);
			Duration margin = defaultIfNull(safetyMargin, leaseTtl.dividedBy(5));
			PropertyCheck.positive("durable-db.cluster.safety-margin", margin);
			if (margin.compareTo(leaseTtl) >= 0) {
				throw new IllegalArgumentException("durable-db.cluster.safety-margin must be shorter than "
						+ "durable-db.cluster.lease-ttl (" + leaseTtl + "), not " + margin);
			}
			// A round must come back before the lease stops being valid locally, or every
			// lease would lapse between two healthy rounds.
			Duration interval = defaultIfNull(renewInterval, leaseTtl.dividedBy(3));
			PropertyCheck.positive("durable-db.cluster.renew-interval", interval);
			if (interval.compareTo(leaseTtl.minus(margin)) >= 0) {
				throw new IllegalArgumentException("durable-db.cluster.renew-interval must be shorter than "
						+ "durable-db.cluster.lease-ttl minus durable-db.cluster.safety-margin ("
						+ leaseTtl.minus(margin) + "), not " + interval);
			}
			if (!TABLE.matcher(table).matches()) {
				throw new IllegalArgumentException("durable-db.cluster.table must be a plain SQL identifier "
						+ "(a lower-case letter or underscore, then up to 55 lower-case letters, digits and underscores), not '"
						+ table + "'");
			}
			PropertyCheck.positive("durable-db.cluster.connect-timeout", connectTimeout);
			PropertyCheck.positive("durable-db.cluster.call-timeout", callTimeout);
			if (nodeId != null && !NODE_ID.matcher(nodeId).matches()) {
				throw new IllegalArgumentException("durable-db.cluster.node-id must be 1 to 100 letters, digits, "
						+ "'.', '_' or '-', not '" + nodeId + "'");
			}
			if (enabled) {
				if (advertisedUrl == null) {
					throw new IllegalArgumentException("durable-db.cluster.advertised-url must be set when "
							+ "durable-db.cluster.enabled is true: the base URL other nodes reach this one at");
				}
				if (!("http".equals(advertisedUrl.getScheme()) || "https".equals(advertisedUrl.getScheme()))
						|| advertisedUrl.getHost() == null || advertisedUrl.getRawQuery() != null
						|| advertisedUrl.getRawFragment() != null) {
					throw new IllegalArgumentException("durable-db.cluster.advertised-url must be an http or https "
							+ "URL with a host and no query, not '" + advertisedUrl + "'");
				}
				if (secret == null || secret.length() < MINIMUM_SECRET_LENGTH) {
					throw new IllegalArgumentException("durable-db.cluster.secret must be set when "
							+ "durable-db.cluster.enabled is true, at least " + MINIMUM_SECRET_LENGTH
							+ " characters long" + ((secret != null) ? ", not " + secret.length() : ""));
				}
			}
		}

		/** How often this node renews its leases: {@code renew-interval}, or a third of the TTL. */
		public Duration renewIntervalOrDefault() {
			return defaultIfNull(this.renewInterval, this.leaseTtl.dividedBy(3));
		}

		/** How long before expiry this node stops acknowledging writes: {@code safety-margin}, or a fifth of the TTL. */
		public Duration safetyMarginOrDefault() {
			return defaultIfNull(this.safetyMargin, this.leaseTtl.dividedBy(5));
		}

		private static Duration defaultIfNull(@Nullable Duration value, Duration otherwise) {
			return (value != null) ? value : otherwise;
		}

		/** Never shows the secret (properties end up in logs and endpoints). */
		@Override
		public String toString() {
			return "Cluster[enabled=" + this.enabled + ", nodeId=" + this.nodeId + ", advertisedUrl="
					+ this.advertisedUrl + ", secret=" + ((this.secret != null) ? "******" : null) + ", leaseTtl="
					+ this.leaseTtl + ", renewInterval=" + this.renewInterval + ", safetyMargin="
					+ this.safetyMargin + ", table=" + this.table + ", connectTimeout=" + this.connectTimeout
					+ ", callTimeout=" + this.callTimeout + "]";
		}

	}

	/**
	 * Operations meant for development only.
	 *
	 * @param reset Whether the 'reset' operation may give instances fresh, empty files
	 * (the old files are kept aside until purged); refused when false
	 */
	public record Dev(@DefaultValue("false") boolean reset) {
	}

}
