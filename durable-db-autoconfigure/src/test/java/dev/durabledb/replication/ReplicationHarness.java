package dev.durabledb.replication;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import dev.durabledb.fixtures.NoteActions;
import dev.durabledb.fixtures.StarterConfigurations;
import dev.durabledb.fixtures.TestApplications;
import dev.durabledb.store.ObjectStore;
import dev.durabledb.store.file.FileObjectStore;
import dev.durabledb.tenant.Tenants;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

/**
 * The notes application with replication to a file store under one folder, and the
 * store read back by hand: tenant acme's history, rebuilt at any bookmark.
 */
final class ReplicationHarness {

	private final Path root;

	ReplicationHarness(Path root) {
		this.root = root;
	}

	/** The application, data under {@code data/}, store under {@code backups/}, rounds only when asked. */
	ApplicationContextRunner replicating() {
		return TestApplications.withActions(this.root.resolve("data"))
			.withConfiguration(StarterConfigurations.backups())
			.withConfiguration(AutoConfigurations.of(DurableDbReplicationAutoConfiguration.class))
			.withPropertyValues("durable-db.backup.file.dir=" + this.root.resolve("backups"),
					"durable-db.replication.enabled=true", "durable-db.replication.sync-interval=1h");
	}

	ObjectStore store() {
		return new FileObjectStore(this.root.resolve("backups"));
	}

	/** Tenant acme's history in the store. */
	Replica replica() {
		return replica("acme");
	}

	Replica replica(String tenant) {
		return new Replica(store(), "notes", tenant, tenant + ".db");
	}

	/** The notes of acme, rebuilt from the store alone at {@code bookmark}. */
	List<String> rebuilt(Bookmark bookmark) {
		try {
			Path target = Files.createTempFile(this.root, "rebuilt", ".db");
			replica().rebuild(bookmark, target);
			try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + target)) {
				return bodies(connection);
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	Path wal() {
		return this.root.resolve("data/notes/acme.db-wal");
	}

	static void write(ApplicationContext context, String tenant, String... bodies) {
		NoteActions notes = context.getBean(NoteActions.class);
		for (String body : bodies) {
			Tenants.run(tenant, () -> notes.add(body));
		}
	}

	static List<String> bodies(Connection connection) throws SQLException {
		List<String> bodies = new ArrayList<>();
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT body FROM notes ORDER BY id")) {
			while (rows.next()) {
				bodies.add(rows.getString(1));
			}
		}
		return bodies;
	}

}
