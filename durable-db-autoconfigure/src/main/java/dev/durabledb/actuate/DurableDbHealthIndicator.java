package dev.durabledb.actuate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

import dev.durabledb.instance.InstanceKey;
import dev.durabledb.migration.SchemaMigrations;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of durable-db: the data dir is writable, and no instance is stuck in a failed
 * migration (its attempts ran out, so it fails on every access until fixed).
 */
public class DurableDbHealthIndicator extends AbstractHealthIndicator {

	private static final int MAX_LISTED = 20;

	private final Path dataDir;

	private final SchemaMigrations migrations;

	public DurableDbHealthIndicator(Path dataDir, SchemaMigrations migrations) {
		super("durable-db health check failed");
		this.dataDir = dataDir;
		this.migrations = migrations;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) throws Exception {
		boolean writable = Files.isDirectory(this.dataDir) && Files.isWritable(this.dataDir);
		List<String> stuck = this.migrations.failingInstances()
			.stream()
			.filter(this::isStuck)
			.map(InstanceKey::toString)
			.sorted()
			.toList();
		builder.withDetail("dataDirWritable", writable).withDetail("failedMigrations", stuck.size());
		if (!stuck.isEmpty()) {
			builder.withDetail("failedInstances", stuck.subList(0, Math.min(MAX_LISTED, stuck.size())));
		}
		if (writable && stuck.isEmpty()) {
			builder.up();
		}
		else {
			builder.down();
		}
	}

	private boolean isStuck(InstanceKey key) {
		try {
			return this.migrations.status(key).failed();
		}
		catch (SQLException | RuntimeException ex) {
			return true;
		}
	}

}
