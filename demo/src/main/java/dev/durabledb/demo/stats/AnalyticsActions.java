package dev.durabledb.demo.stats;

import dev.durabledb.action.DurableAction;
import dev.durabledb.action.DurableDatabase;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Counters in the global {@code analytics} database, shared by every tenant. */
@Component
@DurableAction(database = "analytics")
public class AnalyticsActions {

	private static final String USERS_CREATED = "users_created";

	private final JdbcClient db;

	public AnalyticsActions(@Qualifier("analytics") DurableDatabase analytics) {
		this.db = analytics.jdbcClient();
	}

	public void userCreated() {
		this.db.sql("INSERT INTO counters (name, value) VALUES (?, 1) ON CONFLICT (name) DO UPDATE SET value = value + 1")
			.param(USERS_CREATED)
			.update();
	}

	@DurableAction(readOnly = true)
	public long usersCreated() {
		return this.db.sql("SELECT coalesce(max(value), 0) FROM counters WHERE name = ?")
			.param(USERS_CREATED)
			.query(Long.class)
			.single();
	}

}
