package dev.durabledb.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import dev.durabledb.DurableDbConfigurationException;
import dev.durabledb.instance.InstanceKey;
import org.jspecify.annotations.Nullable;

/**
 * The lease table in the application's PostgreSQL database: one row per instance file that
 * was ever leased. Every time is the database's ({@code now()}), never this JVM's: nodes
 * whose clocks disagree still agree on when a lease expired. Rows are never deleted, so
 * that an epoch is never handed out twice for an instance, whatever was released or
 * expired before.
 * <p>
 * Each operation is one autocommitted statement, and is correct under READ COMMITTED,
 * PostgreSQL's default: an {@code INSERT ... ON CONFLICT DO UPDATE ... WHERE} either
 * inserts or locks the row that is there and judges its condition on the latest committed
 * version, so of several nodes racing for one lease exactly one gets it. Under a stricter
 * default isolation the losers of such a race get a serialization failure instead, and
 * the statement is tried again. Connections are taken from the {@link DataSource} itself,
 * outside any transaction of the application: a lease is never rolled back with the
 * caller's work.
 */
final class LeaseTable {

	/** Tries of one operation that meets a serialization failure, or a lease changing hands under it. */
	private static final int ATTEMPTS = 5;

	private static final String COLUMNS = "database_name, instance, owner_node, owner_url, epoch, acquired_at, expires_at";

	/** Whether a row is held: owned, and not expired by the database's clock. */
	private static final String LIVE = "owner_node IS NOT NULL AND expires_at > now()";

	private final DataSource dataSource;

	private final String name;

	private final String acquire;

	private final String live;

	private final String renewAll;

	private final String release;

	private final String releaseAll;

	private final String list;

	private final String find;

	private final String totals;

	private final String nodes;

	private final String page;

	LeaseTable(DataSource dataSource, String name) {
		if (!name.matches("[a-z_][a-z0-9_]{0,55}")) {
			throw new IllegalArgumentException("Not a plain SQL identifier: " + name);
		}
		this.dataSource = dataSource;
		this.name = name;
		this.acquire = "INSERT INTO " + name + " AS lease (" + COLUMNS + ") VALUES (?, ?, ?, ?, 1, now(), "
				+ "now() + ? * interval '1 microsecond') ON CONFLICT (database_name, instance) DO UPDATE SET "
				+ "owner_node = excluded.owner_node, owner_url = excluded.owner_url, epoch = lease.epoch + 1, "
				+ "acquired_at = excluded.acquired_at, expires_at = excluded.expires_at "
				// Free, released or expired, or this node's own from a previous life (a node
				// that restarts with the same id): a new acquisition, so a new epoch.
				+ "WHERE lease.owner_node IS NULL OR lease.expires_at <= now() OR lease.owner_node = excluded.owner_node "
				+ "RETURNING " + COLUMNS;
		this.live = "SELECT " + COLUMNS + " FROM " + name + " WHERE database_name = ? AND instance = ? "
				+ "AND owner_node IS NOT NULL AND expires_at > now()";
		this.renewAll = "UPDATE " + name + " SET expires_at = now() + ? * interval '1 microsecond' "
				+ "WHERE owner_node = ? AND expires_at > now() RETURNING " + COLUMNS;
		this.release = "UPDATE " + name + " SET owner_node = NULL, owner_url = NULL, expires_at = now() "
				+ "WHERE database_name = ? AND instance = ? AND owner_node = ? AND epoch = ?";
		this.releaseAll = "UPDATE " + name + " SET owner_node = NULL, owner_url = NULL, expires_at = now() "
				+ "WHERE owner_node = ?";
		this.list = "SELECT " + COLUMNS + ", " + LIVE + " FROM " + name
				+ " WHERE (database_name, instance) > (?, ?) ORDER BY database_name, instance LIMIT ?";
		this.find = "SELECT " + COLUMNS + ", " + LIVE + " FROM " + name + " WHERE database_name = ? AND instance = ?";
		this.totals = "SELECT now(), count(*), count(*) FILTER (WHERE " + LIVE + "), count(DISTINCT owner_node) FROM "
				+ name;
		// A node's URL from its latest acquisition (a node restarted under the same id may
		// advertise another); nodes holding live leases first.
		this.nodes = "SELECT owner_node, (array_agg(owner_url ORDER BY acquired_at DESC))[1], "
				+ "count(*) FILTER (WHERE expires_at > now()), count(*) FILTER (WHERE expires_at <= now()) FROM " + name
				+ " WHERE owner_node IS NOT NULL GROUP BY owner_node "
				+ "ORDER BY count(*) FILTER (WHERE expires_at > now()) = 0, owner_node LIMIT ?";
		this.page = "SELECT " + COLUMNS + ", " + LIVE + " FROM " + name
				+ " ORDER BY database_name, instance LIMIT ? OFFSET ?";
	}

	/** The statements that create the table, as the README documents them. */
	static List<String> ddl(String name) {
		return List.of("CREATE TABLE IF NOT EXISTS " + name + " (\n" //
				+ "    database_name text        NOT NULL,\n" //
				+ "    instance      text        NOT NULL,\n" //
				+ "    owner_node    text,\n" //
				+ "    owner_url     text,\n" //
				+ "    epoch         bigint      NOT NULL,\n" //
				+ "    acquired_at   timestamptz NOT NULL,\n" //
				+ "    expires_at    timestamptz NOT NULL,\n" //
				+ "    PRIMARY KEY (database_name, instance)\n" //
				+ ")", "CREATE INDEX IF NOT EXISTS " + name + "_owner ON " + name + " (owner_node)");
	}

	String name() {
		return this.name;
	}

	/**
	 * Creates the table unless it exists, then checks that the table by that name is a
	 * lease table. Nodes starting at once take turns (a transaction-scoped advisory lock):
	 * two concurrent {@code CREATE TABLE IF NOT EXISTS} of one name can otherwise fail in
	 * PostgreSQL. A table that exists is left as it is, so it may be created beforehand by
	 * a role allowed to, from the documented DDL.
	 * @throws DurableDbConfigurationException when the database is not PostgreSQL, or the
	 * table by that name is something else
	 */
	void create() {
		try (Connection connection = this.dataSource.getConnection()) {
			String product = connection.getMetaData().getDatabaseProductName();
			if (!"PostgreSQL".equals(product)) {
				throw new DurableDbConfigurationException(
						"durable-db.cluster.enabled=true keeps its leases in the application's DataSource, which must be "
								+ "PostgreSQL, and it is " + product,
						"Point spring.datasource.* at a PostgreSQL database, or turn the cluster off");
			}
			boolean autoCommit = connection.getAutoCommit();
			connection.setAutoCommit(false);
			try {
				try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
					lock.setString(1, "durable-db lease table " + this.name);
					lock.execute();
				}
				if (!exists(connection)) {
					try (Statement statement = connection.createStatement()) {
						for (String ddl : ddl(this.name)) {
							statement.execute(ddl);
						}
					}
				}
				connection.commit();
			}
			catch (SQLException ex) {
				connection.rollback();
				throw ex;
			}
			finally {
				connection.setAutoCommit(autoCommit);
			}
			checkShape(connection);
		}
		catch (SQLException ex) {
			throw new LeaseStoreException("Could not create the lease table '" + this.name + "'", ex);
		}
	}

	private boolean exists(Connection connection) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
			statement.setString(1, this.name);
			try (ResultSet result = statement.executeQuery()) {
				result.next();
				return result.getBoolean(1);
			}
		}
	}

	private void checkShape(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.executeQuery("SELECT " + COLUMNS + " FROM " + this.name + " WHERE false").close();
		}
		catch (SQLException ex) {
			if (!connection.getAutoCommit()) {
				connection.rollback();
			}
			throw new DurableDbConfigurationException(
					"The table '" + this.name + "' exists but is not a durable-db lease table (" + ex.getMessage() + ")",
					"Choose another name with durable-db.cluster.table, or drop or rename that table");
		}
	}

	/**
	 * Acquires the lease on {@code key} for {@code node} for {@code ttl}, unless another
	 * node holds it (owned and not expired by the database's clock). Every acquisition,
	 * including one by the node that held it, gives the lease the next epoch.
	 */
	Acquisition acquire(InstanceKey key, String node, String url, Duration ttl) {
		return run((connection) -> {
			for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
				try (PreparedStatement statement = connection.prepareStatement(this.acquire)) {
					statement.setString(1, key.database());
					statement.setString(2, key.instance());
					statement.setString(3, node);
					statement.setString(4, url);
					statement.setLong(5, micros(ttl));
					try (ResultSet result = statement.executeQuery()) {
						if (result.next()) {
							return new Acquisition.Granted(key, result.getLong("epoch"));
						}
					}
				}
				Optional<Lease> holder = live(connection, key);
				if (holder.isPresent()) {
					return new Acquisition.Refused(holder.get());
				}
				// Released or expired between the two statements: try again.
			}
			throw new SQLException("The lease on " + key + " changed hands " + ATTEMPTS + " times during one attempt");
		});
	}

	/**
	 * Renews, in one statement, every lease {@code node} holds and that has not expired by
	 * the database's clock, for {@code ttl} from now.
	 * @return the leases renewed: the ones {@code node} still holds
	 */
	List<Lease> renewAll(String node, Duration ttl) {
		return run((connection) -> {
			try (PreparedStatement statement = connection.prepareStatement(this.renewAll)) {
				statement.setLong(1, micros(ttl));
				statement.setString(2, node);
				try (ResultSet result = statement.executeQuery()) {
					List<Lease> renewed = new ArrayList<>();
					while (result.next()) {
						renewed.add(lease(result, true));
					}
					return renewed;
				}
			}
		});
	}

	/**
	 * Releases the lease on {@code key} if {@code node} still holds it under
	 * {@code epoch}: it expires now and has no owner, and keeps its epoch, so that the next
	 * acquisition gets a higher one.
	 * @return whether it was released
	 */
	boolean release(InstanceKey key, String node, long epoch) {
		return run((connection) -> {
			try (PreparedStatement statement = connection.prepareStatement(this.release)) {
				statement.setString(1, key.database());
				statement.setString(2, key.instance());
				statement.setString(3, node);
				statement.setLong(4, epoch);
				return statement.executeUpdate() == 1;
			}
		});
	}

	/**
	 * Releases every lease {@code node} holds, expired or not.
	 * @return how many were released
	 */
	int releaseAll(String node) {
		return run((connection) -> {
			try (PreparedStatement statement = connection.prepareStatement(this.releaseAll)) {
				statement.setString(1, node);
				return statement.executeUpdate();
			}
		});
	}

	/** The live lease on {@code key}: who holds it now, by the database's clock. */
	Optional<Lease> owner(InstanceKey key) {
		return run((connection) -> live(connection, key));
	}

	/**
	 * A page of the table in key order, live or not.
	 * @param after the last key of the previous page; {@code null} for the first page
	 * @param limit how many rows at most
	 */
	List<Lease> list(@Nullable InstanceKey after, int limit) {
		return run((connection) -> {
			try (PreparedStatement statement = connection.prepareStatement(this.list)) {
				statement.setString(1, (after != null) ? after.database() : "");
				statement.setString(2, (after != null) ? after.instance() : "");
				statement.setInt(3, limit);
				try (ResultSet result = statement.executeQuery()) {
					List<Lease> page = new ArrayList<>();
					while (result.next()) {
						page.add(lease(result, result.getBoolean(8)));
					}
					return page;
				}
			}
		});
	}

	/** The row of {@code key}, live or not: empty when no node ever acquired it. */
	Optional<Lease> find(InstanceKey key) {
		return run((connection) -> {
			try (PreparedStatement statement = connection.prepareStatement(this.find)) {
				statement.setString(1, key.database());
				statement.setString(2, key.instance());
				try (ResultSet result = statement.executeQuery()) {
					return result.next() ? Optional.of(lease(result, result.getBoolean(8))) : Optional.empty();
				}
			}
		});
	}

	/**
	 * The table as the database saw it at one moment: the totals, the nodes its rows name
	 * and a page of the rows in key order, read in one read-only REPEATABLE READ
	 * transaction, so that they agree with each other and every {@code live} was judged at
	 * the same {@code now()} (PostgreSQL's {@code now()} is the transaction's start).
	 * @param offset how many rows to skip
	 * @param limit how many rows at most
	 * @param nodeLimit how many nodes at most
	 */
	LeaseOverview overview(long offset, int limit, int nodeLimit) {
		return consistently((connection) -> {
			Instant at;
			long leases;
			long live;
			long nodeCount;
			try (Statement statement = connection.createStatement();
					ResultSet result = statement.executeQuery(this.totals)) {
				result.next();
				at = result.getObject(1, OffsetDateTime.class).toInstant();
				leases = result.getLong(2);
				live = result.getLong(3);
				nodeCount = result.getLong(4);
			}
			List<NodeLeases> nodes = new ArrayList<>();
			try (PreparedStatement statement = connection.prepareStatement(this.nodes)) {
				statement.setInt(1, nodeLimit);
				try (ResultSet result = statement.executeQuery()) {
					while (result.next()) {
						nodes.add(new NodeLeases(result.getString(1), result.getString(2), result.getLong(3),
								result.getLong(4)));
					}
				}
			}
			List<Lease> page = new ArrayList<>();
			try (PreparedStatement statement = connection.prepareStatement(this.page)) {
				statement.setInt(1, limit);
				statement.setLong(2, offset);
				try (ResultSet result = statement.executeQuery()) {
					while (result.next()) {
						page.add(lease(result, result.getBoolean(8)));
					}
				}
			}
			return new LeaseOverview(at, leases, live, nodeCount, nodes, page);
		});
	}

	private Optional<Lease> live(Connection connection, InstanceKey key) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(this.live)) {
			statement.setString(1, key.database());
			statement.setString(2, key.instance());
			try (ResultSet result = statement.executeQuery()) {
				return result.next() ? Optional.of(lease(result, true)) : Optional.empty();
			}
		}
	}

	private static Lease lease(ResultSet result, boolean live) throws SQLException {
		return new Lease(new InstanceKey(result.getString("database_name"), result.getString("instance")),
				result.getString("owner_node"), result.getString("owner_url"), result.getLong("epoch"),
				instant(result, "acquired_at"), instant(result, "expires_at"), live);
	}

	private static Instant instant(ResultSet result, String column) throws SQLException {
		return result.getObject(column, OffsetDateTime.class).toInstant();
	}

	private static long micros(Duration ttl) {
		return ttl.toNanos() / 1000;
	}

	/**
	 * Runs {@code work} on a connection of its own, committing it if the pool hands out
	 * connections that do not autocommit; tries again after a serialization failure or a
	 * deadlock, which PostgreSQL rolled back.
	 */
	private <T> T run(Work<T> work) {
		for (int attempt = 1;; attempt++) {
			try (Connection connection = this.dataSource.getConnection()) {
				boolean autoCommit = connection.getAutoCommit();
				try {
					T result = work.run(connection);
					if (!autoCommit) {
						connection.commit();
					}
					return result;
				}
				catch (SQLException ex) {
					if (!autoCommit) {
						connection.rollback();
					}
					throw ex;
				}
			}
			catch (SQLException ex) {
				if (attempt < ATTEMPTS && retryable(ex)) {
					continue;
				}
				throw new LeaseStoreException("The lease store failed (SQL state " + ex.getSQLState() + ")", ex);
			}
		}
	}

	/**
	 * Runs {@code work} in one read-only REPEATABLE READ transaction of its own, then gives
	 * the connection back as it was.
	 */
	private <T> T consistently(Work<T> work) {
		return run((connection) -> {
			boolean autoCommit = connection.getAutoCommit();
			boolean readOnly = connection.isReadOnly();
			int isolation = connection.getTransactionIsolation();
			// No statement ran on it yet, so no transaction is open: these may change.
			connection.setAutoCommit(false);
			connection.setReadOnly(true);
			connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
			try {
				T result = work.run(connection);
				connection.commit();
				return result;
			}
			catch (SQLException ex) {
				connection.rollback();
				throw ex;
			}
			finally {
				connection.setTransactionIsolation(isolation);
				connection.setReadOnly(readOnly);
				connection.setAutoCommit(autoCommit);
			}
		});
	}

	private static boolean retryable(SQLException ex) {
		return "40001".equals(ex.getSQLState()) || "40P01".equals(ex.getSQLState());
	}

	@FunctionalInterface
	private interface Work<T> {

		T run(Connection connection) throws SQLException;

	}

}
