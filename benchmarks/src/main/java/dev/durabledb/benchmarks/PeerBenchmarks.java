package dev.durabledb.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.SplittableRandom;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.durabledb.tenant.TenantDirectory;
import dev.durabledb.tenant.Tenants;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * What a team would pick instead: PostgreSQL on this machine, the usual Spring ways.
 * <ul>
 * <li>one-row writes and point reads in one shared table with a {@code tenant_id} column
 * (primary key {@code (tenant_id, id)}), through a HikariCP pool, auto-commit, default
 * {@code synchronous_commit};</li>
 * <li>a new tenant as a PostgreSQL schema with the same 20-changeset Liquibase changelog
 * run in it (schema per tenant).</li>
 * </ul>
 * Rounds alternate, the durable-db side first, as the one-row scenarios do. The server is
 * {@code -Dpeer.postgres.url} (default {@code jdbc:postgresql://127.0.0.1:5432/test}) as
 * {@code -Dpeer.postgres.user} (default {@code postgres}); when it cannot be reached the
 * peers are skipped with a line that says why, and every other figure is still taken.
 */
final class PeerBenchmarks {

	private static final int ROWS = 10_000;

	private PeerBenchmarks() {
	}

	static void run(Bench bench) throws Exception {
		String url = System.getProperty("peer.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");
		String user = System.getProperty("peer.postgres.user", "postgres");
		HikariDataSource postgres;
		try {
			postgres = pool(url, user);
		}
		catch (RuntimeException ex) {
			for (String name : new String[] { "peer.insert_vs_postgres", "peer.select_vs_postgres",
					"peer.create_vs_postgres_schema" }) {
				bench.results().skipped(name, "no PostgreSQL at " + url + " as " + user + " (" + ex.getMessage() + ")");
			}
			return;
		}
		try (postgres; ConfigurableApplicationContext context = bench.start(bench.newFolder("peers"), Map.of())) {
			BenchActions actions = context.getBean(BenchActions.class);
			TenantDirectory tenants = context.getBean(TenantDirectory.class);
			tenants.create("peer");
			sharedTable(postgres);
			rows(bench, actions, postgres);
			tenantCreation(bench, tenants, postgres);
		}
	}

	private static HikariDataSource pool(String url, String user) {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(url);
		config.setUsername(user);
		config.setMaximumPoolSize(4);
		config.setInitializationFailTimeout(2000);
		config.setConnectionTimeout(2000);
		return new HikariDataSource(config);
	}

	private static void sharedTable(HikariDataSource postgres) throws SQLException {
		try (Connection connection = postgres.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("DROP TABLE IF EXISTS durable_db_peer_items");
			statement.execute("CREATE TABLE durable_db_peer_items (tenant_id TEXT NOT NULL, id BIGSERIAL,"
					+ " k TEXT NOT NULL, v TEXT NOT NULL, PRIMARY KEY (tenant_id, id), UNIQUE (tenant_id, k))");
		}
	}

	private static void rows(Bench bench, BenchActions actions, HikariDataSource postgres) throws Exception {
		Sizes sizes = bench.sizes();
		String value = Bench.value(100);
		long[] next = new long[1];
		try (Tenants.Binding binding = Tenants.bind("peer")) {
			double[][] inserts = Measure.alternating(sizes.oneRowWarmups(), sizes.oneRowRounds(), sizes.writeOps() / 4,
					(ops) -> {
						for (int i = 0; i < ops; i++) {
							actions.insert("p" + next[0]++, value);
						}
					}, (ops) -> {
						for (int i = 0; i < ops; i++) {
							insert(postgres, "q" + next[0]++, value);
						}
					});
			bench.results().result("peer.postgres_insert", Measure.median(inserts[1]) / 1000, "us/op");
			bench.results().ratio("peer.insert_vs_postgres", Measure.medianRatio(inserts[0], inserts[1]), 0.50, true);

			actions.insertBatch("s", ROWS, value);
			for (int i = 0; i < ROWS; i++) {
				insert(postgres, "s" + i, value);
			}
			long firstId = firstId(postgres);
			SplittableRandom random = new SplittableRandom(7);
			double[][] selects = Measure.alternating(sizes.oneRowWarmups(), sizes.oneRowRounds(), sizes.readOps() / 10,
					(ops) -> {
						for (int i = 0; i < ops; i++) {
							actions.get("s" + random.nextInt(ROWS));
						}
					}, (ops) -> {
						for (int i = 0; i < ops; i++) {
							select(postgres, firstId + random.nextInt(ROWS));
						}
					});
			bench.results().result("peer.postgres_select", Measure.median(selects[1]) / 1000, "us/op");
			bench.results().ratio("peer.select_vs_postgres", Measure.medianRatio(selects[0], selects[1]), 0.50, true);
		}
	}

	private static void insert(HikariDataSource postgres, String key, String value) throws SQLException {
		try (Connection connection = postgres.getConnection();
				PreparedStatement insert = connection
					.prepareStatement("INSERT INTO durable_db_peer_items (tenant_id, k, v) VALUES (?, ?, ?)")) {
			insert.setString(1, "peer");
			insert.setString(2, key);
			insert.setString(3, value);
			insert.executeUpdate();
		}
	}

	private static void select(HikariDataSource postgres, long id) throws SQLException {
		try (Connection connection = postgres.getConnection();
				PreparedStatement select = connection
					.prepareStatement("SELECT v FROM durable_db_peer_items WHERE tenant_id = ? AND id = ?")) {
			select.setString(1, "peer");
			select.setLong(2, id);
			try (ResultSet result = select.executeQuery()) {
				result.next();
			}
		}
	}

	private static long firstId(HikariDataSource postgres) throws SQLException {
		try (Connection connection = postgres.getConnection(); Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(
						"SELECT min(id) FROM durable_db_peer_items WHERE tenant_id = 'peer' AND k LIKE 's%'")) {
			result.next();
			return result.getLong(1);
		}
	}

	/** A new tenant: a copy of the template against a schema built by Liquibase. */
	private static void tenantCreation(Bench bench, TenantDirectory tenants, HikariDataSource postgres)
			throws Exception {
		Sizes sizes = bench.sizes();
		int[] next = { 0 };
		double[][] creates = Measure.alternating(1, sizes.rounds(), sizes.liquibaseOps(), (ops) -> {
			for (int i = 0; i < ops; i++) {
				tenants.create("peer-" + next[0]++);
			}
		}, (ops) -> {
			for (int i = 0; i < ops; i++) {
				schema(postgres, "durable_db_peer_" + next[0]++);
			}
		});
		try (Connection connection = postgres.getConnection(); Statement statement = connection.createStatement()) {
			for (int i = 0; i < next[0]; i++) {
				statement.execute("DROP SCHEMA IF EXISTS durable_db_peer_" + i + " CASCADE");
			}
		}
		bench.results().result("peer.postgres_schema_create", Measure.median(creates[1]) / 1000, "us/op");
		bench.results().ratio("peer.create_vs_postgres_schema", Measure.median(creates[0]) / Measure.median(creates[1]),
				0.05, true);
	}

	private static void schema(HikariDataSource postgres, String schema) throws Exception {
		try (Connection connection = postgres.getConnection()) {
			try (Statement statement = connection.createStatement()) {
				statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
				statement.execute("CREATE SCHEMA " + schema);
				statement.execute("SET search_path TO " + schema);
			}
			LiquibaseBaseline.update(connection, schema);
			try (Statement statement = connection.createStatement()) {
				statement.execute("SET search_path TO public");
			}
		}
	}

}
