package dev.durabledb.cluster.routing;

import java.util.List;

import dev.durabledb.action.DurableAction;
import dev.durabledb.action.DurableDatabase;
import dev.durabledb.cluster.LeaseKeeper;
import dev.durabledb.fixtures.CounterActions;
import dev.durabledb.fixtures.Gate;
import jakarta.validation.constraints.NotBlank;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Notes of a tenant, written and read wherever the tenant lives; each body says which node ran it. */
@DurableAction(database = "notes")
public class RoutedNotes {

	private final JdbcClient db;

	private final Gate gate;

	private final String node;

	private final CounterActions counters;

	public RoutedNotes(DurableDatabase notes, Gate gate, LeaseKeeper leases, CounterActions counters) {
		this.db = notes.jdbcClient();
		this.gate = gate;
		this.node = leases.nodeId();
		this.counters = counters;
	}

	/** Adds a note and counts it in the global counters database, wherever that lives. */
	public String addCounted(@NotBlank String body) {
		add(body);
		this.counters.increment("notes");
		return this.node;
	}

	/** Adds a note; answers the node that ran it. */
	public String add(@NotBlank String body) {
		this.db.sql("INSERT INTO notes (body) VALUES (?)").param(body).update();
		return this.node;
	}

	/** Adds a note, then waits at the gate inside the transaction. */
	public String addHeld(String body) {
		add(body);
		this.gate.hold();
		return this.node;
	}

	@DurableAction(readOnly = true)
	public List<String> notes() {
		return this.db.sql("SELECT body FROM notes ORDER BY id").query(String.class).list();
	}

}
