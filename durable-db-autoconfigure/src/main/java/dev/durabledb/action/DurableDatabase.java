package dev.durabledb.action;

import javax.sql.DataSource;

import dev.durabledb.database.DatabaseDefinition;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The JDBC handles of one durable database, bound to the action running on the current
 * thread: inside an action on {@code main}, {@code main}'s handles use that action's
 * connection (the current tenant's file, in the action's transaction). Outside any action
 * they fail at once; they never fall back to another tenant.
 * <p>
 * There is one bean of this type per database, qualified by the database name:
 *
 * <pre class="code">
 * UserActions(&#64;Qualifier("main") DurableDatabase main) { this.db = main.jdbcClient(); }
 * </pre>
 *
 * (the qualifier may be left out when the application has a single database). These are
 * not beans of type {@code DataSource}, {@code JdbcTemplate} or {@code JdbcClient}, so an
 * application's own primary database is left alone.
 */
public final class DurableDatabase {

	private final DatabaseDefinition definition;

	private final DataSource dataSource;

	private final JdbcTemplate jdbcTemplate;

	private final JdbcClient jdbcClient;

	DurableDatabase(DatabaseDefinition definition, ActionScope scope) {
		this.definition = definition;
		this.dataSource = scope.dataSource(definition.name());
		this.jdbcTemplate = new JdbcTemplate(this.dataSource);
		this.jdbcClient = JdbcClient.create(this.jdbcTemplate);
	}

	public String name() {
		return this.definition.name();
	}

	public DatabaseDefinition definition() {
		return this.definition;
	}

	/** A {@code DataSource} whose connection is the current action's. */
	public DataSource dataSource() {
		return this.dataSource;
	}

	/** A {@code JdbcTemplate} on the current action's connection. */
	public JdbcTemplate jdbcTemplate() {
		return this.jdbcTemplate;
	}

	/** A {@code JdbcClient} on the current action's connection. */
	public JdbcClient jdbcClient() {
		return this.jdbcClient;
	}

}
