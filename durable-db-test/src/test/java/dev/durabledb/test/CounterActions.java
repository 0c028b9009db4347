package dev.durabledb.test;

import dev.durabledb.action.DurableAction;
import dev.durabledb.action.DurableDatabase;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

@Component
@DurableAction(database = "counters")
public class CounterActions {

	private final JdbcClient db;

	public CounterActions(@Qualifier("counters") DurableDatabase counters) {
		this.db = counters.jdbcClient();
	}

	public long increment(String name) {
		this.db.sql("INSERT INTO counters (name, value) VALUES (?, 1)"
				+ " ON CONFLICT (name) DO UPDATE SET value = value + 1").param(name).update();
		return this.db.sql("SELECT value FROM counters WHERE name = ?").param(name).query(Long.class).single();
	}

}
