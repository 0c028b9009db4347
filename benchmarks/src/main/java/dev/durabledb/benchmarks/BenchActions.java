package dev.durabledb.benchmarks;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import dev.durabledb.action.DurableAction;
import dev.durabledb.action.DurableDatabase;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The actions the benchmarks time: one-row writes and point reads in the bench database.
 * <p>
 * {@link #insert} and {@link #get} run the very JDBC calls of the raw baselines (a
 * prepared statement on the action's connection), so that the ratios measure durable-db
 * and nothing else; their {@code JdbcClient} twins show what Spring's fluent API adds on
 * top, as most applications would write them.
 */
@DurableAction(database = "bench")
public class BenchActions {

	static final String INSERT = "INSERT INTO items (k, v) VALUES (?, ?)";

	static final String SELECT = "SELECT v FROM items WHERE k = ?";

	private static final String UPSERT = "INSERT INTO items (k, v) VALUES (?, ?) ON CONFLICT (k) DO UPDATE SET v = excluded.v";

	private final DataSource dataSource;

	private final JdbcClient db;

	public BenchActions(DurableDatabase bench) {
		this.dataSource = bench.dataSource();
		this.db = bench.jdbcClient();
	}

	public void insert(String key, String value) throws SQLException {
		try (PreparedStatement insert = this.dataSource.getConnection().prepareStatement(INSERT)) {
			insert.setString(1, key);
			insert.setString(2, value);
			insert.executeUpdate();
		}
	}

	@DurableAction(readOnly = true)
	public String get(String key) throws SQLException {
		try (PreparedStatement select = this.dataSource.getConnection().prepareStatement(SELECT)) {
			select.setString(1, key);
			try (ResultSet result = select.executeQuery()) {
				return result.next() ? result.getString(1) : null;
			}
		}
	}

	public void insertWithJdbcClient(String key, String value) {
		this.db.sql(INSERT).params(key, value).update();
	}

	@DurableAction(readOnly = true)
	public String getWithJdbcClient(String key) {
		return this.db.sql(SELECT).param(key).query(String.class).optional().orElse(null);
	}

	public void upsert(String key, String value) {
		this.db.sql(UPSERT).params(key, value).update();
	}

	@DurableAction(readOnly = true)
	public int count() {
		return this.db.sql("SELECT count(*) FROM items").query(Integer.class).single();
	}

	/** Inserts many rows in one action: fills a tenant quickly. */
	public void insertBatch(String prefix, int count, String value) throws SQLException {
		for (int i = 0; i < count; i++) {
			insert(prefix + i, value);
		}
	}

}
