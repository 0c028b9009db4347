package dev.durabledb.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import dev.durabledb.action.ActionDefinition;
import dev.durabledb.action.ActionListener;
import dev.durabledb.backup.BackupListener;
import dev.durabledb.migration.MigrationListener;
import dev.durabledb.replication.ReplicationListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * durable-db's Micrometer meters:
 * <ul>
 * <li>{@code durabledb.actions} (timer; tags {@code database}, {@code action},
 * {@code outcome}: success, error or busy);</li>
 * <li>{@code durabledb.migrations} (counter of Liquibase runs; tags {@code database},
 * {@code outcome});</li>
 * <li>{@code durabledb.migrations.replayed} (counter of migrations replayed without
 * Liquibase; tags {@code database}, {@code outcome});</li>
 * <li>{@code durabledb.backups} and {@code durabledb.restores} (timers; tags
 * {@code database}, {@code outcome});</li>
 * <li>{@code durabledb.replication.segments}, {@code durabledb.replication.commits},
 * {@code durabledb.replication.bytes} and {@code durabledb.replication.snapshots}
 * (counters of what replication put in the store; tag {@code database}; bytes tagged
 * {@code kind}: segment or snapshot), and the gauge {@code durabledb.replication.lag}
 * (seconds the oldest commit not yet in the store has waited) when replication is on.</li>
 * </ul>
 */
final class DurableDbMetrics implements ActionListener, MigrationListener, BackupListener, ReplicationListener {

	private final MeterRegistry registry;

	private final Map<ActionDefinition, Timer[]> actionTimers = new ConcurrentHashMap<>();

	DurableDbMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void actionFinished(ActionDefinition action, Outcome outcome, long nanos) {
		Timer[] timers = this.actionTimers.computeIfAbsent(action, this::timers);
		timers[outcome.ordinal()].record(nanos, TimeUnit.NANOSECONDS);
	}

	@Override
	public void liquibaseRan(String database, boolean success) {
		count("durabledb.migrations", "Liquibase runs on instances and templates", database, success);
	}

	@Override
	public void replayed(String database, boolean success) {
		count("durabledb.migrations.replayed", "Migrations replayed on instances without Liquibase", database, success);
	}

	private void count(String name, String description, String database, boolean success) {
		Counter.builder(name)
			.description(description)
			.tag("database", database)
			.tag("outcome", success ? "success" : "failure")
			.register(this.registry)
			.increment();
	}

	@Override
	public void backupFinished(String database, boolean success, long nanos) {
		operation("durabledb.backups", "Backups of instances", database, success, nanos);
	}

	@Override
	public void restoreFinished(String database, boolean success, long nanos) {
		operation("durabledb.restores", "Restores of instances", database, success, nanos);
	}

	private void operation(String name, String description, String database, boolean success, long nanos) {
		Timer.builder(name)
			.description(description)
			.tag("database", database)
			.tag("outcome", success ? "success" : "failure")
			.register(this.registry)
			.record(nanos, TimeUnit.NANOSECONDS);
	}

	@Override
	public void segmentShipped(String database, int commits, long bytes) {
		replicationCounter("durabledb.replication.segments", "Segments put in the store", database).increment();
		replicationCounter("durabledb.replication.commits", "Commits put in the store", database).increment(commits);
		shippedBytes(database, "segment").increment(bytes);
	}

	@Override
	public void snapshotShipped(String database, long bytes) {
		replicationCounter("durabledb.replication.snapshots", "Snapshots beginning a generation", database).increment();
		shippedBytes(database, "snapshot").increment(bytes);
	}

	private Counter replicationCounter(String name, String description, String database) {
		return Counter.builder(name).description(description).tag("database", database).register(this.registry);
	}

	private Counter shippedBytes(String database, String kind) {
		return Counter.builder("durabledb.replication.bytes")
			.description("Bytes put in the store by replication, compressed")
			.baseUnit("bytes")
			.tag("database", database)
			.tag("kind", kind)
			.register(this.registry);
	}

	private Timer[] timers(ActionDefinition action) {
		Outcome[] outcomes = Outcome.values();
		Timer[] timers = new Timer[outcomes.length];
		for (Outcome outcome : outcomes) {
			timers[outcome.ordinal()] = Timer.builder("durabledb.actions")
				.description("Durable actions, waiting for the instance included")
				.tag("database", action.database())
				.tag("action", action.name())
				.tag("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT))
				.register(this.registry);
		}
		return timers;
	}

}
