package dev.durabledb.demo.user;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import dev.durabledb.action.DurableAction;
import dev.durabledb.action.DurableDatabase;
import dev.durabledb.demo.stats.AnalyticsActions;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Users, in each tenant's own {@code main} database. */
@Component
@DurableAction(database = "main")
public class UserActions {

	private final JdbcClient db;

	private final AnalyticsActions analytics;

	private final Clock clock = Clock.systemUTC();

	public UserActions(@Qualifier("main") DurableDatabase main, AnalyticsActions analytics) {
		this.db = main.jdbcClient();
		this.analytics = analytics;
	}

	/** Creates a user and counts it in the global analytics: one cross-database call. */
	public User create(@Valid NewUser user) {
		boolean taken = this.db.sql("SELECT count(*) FROM users WHERE email = ?")
			.param(user.email())
			.query(Integer.class)
			.single() > 0;
		if (taken) {
			throw new EmailTakenException(user.email());
		}
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
		long id = this.db.sql("INSERT INTO users (name, email, created_at) VALUES (?, ?, ?) RETURNING id")
			.params(user.name(), user.email(), now.toString())
			.query(Long.class)
			.single();
		this.analytics.userCreated();
		return new User(id, user.name(), user.email(), now);
	}

	@DurableAction(readOnly = true)
	public List<User> list(@Min(1) @Max(1000) int limit) {
		return this.db.sql("SELECT id, name, email, created_at FROM users ORDER BY id LIMIT ?")
			.param(limit)
			.query(UserActions::user)
			.list();
	}

	@DurableAction(readOnly = true)
	public Optional<User> find(long id) {
		return this.db.sql("SELECT id, name, email, created_at FROM users WHERE id = ?")
			.param(id)
			.query(UserActions::user)
			.optional();
	}

	private static User user(java.sql.ResultSet row, int rowNumber) throws java.sql.SQLException {
		return new User(row.getLong("id"), row.getString("name"), row.getString("email"),
				Instant.parse(row.getString("created_at")));
	}

}
