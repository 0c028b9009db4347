package dev.durabledb.benchmarks;

import dev.durabledb.action.DurableAction;
import dev.durabledb.action.DurableDatabase;

import org.springframework.jdbc.core.simple.JdbcClient;

/** The actions the benchmarks time: one-row writes and point reads in the bench database. */
@DurableAction(database = "bench")
public class BenchActions {

	private final JdbcClient db;

	public BenchActions(DurableDatabase bench) {
		this.db = bench.jdbcClient();
	}

	public void insert(String key, String value) {
		this.db.sql("INSERT INTO items (k, v) VALUES (?, ?)").params(key, value).update();
	}

	public void upsert(String key, String value) {
		this.db.sql("INSERT INTO items (k, v) VALUES (?, ?) ON CONFLICT (k) DO UPDATE SET v = excluded.v")
			.params(key, value)
			.update();
	}

	/** Inserts many rows in one action: fills a tenant quickly. */
	public void insertBatch(String prefix, int count, String value) {
		for (int i = 0; i < count; i++) {
			insert(prefix + i, value);
		}
	}

	@DurableAction(readOnly = true)
	public String get(String key) {
		return this.db.sql("SELECT v FROM items WHERE k = ?").param(key).query(String.class).optional().orElse(null);
	}

}
