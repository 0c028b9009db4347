package dev.durabledb.replication;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import dev.durabledb.action.DurableDatabase;
import dev.durabledb.fixtures.NoteActions;
import dev.durabledb.instance.InstanceFiles;
import dev.durabledb.instance.InstanceKey;
import dev.durabledb.instance.InstanceRegistry;
import dev.durabledb.sqlite.SqliteConnections;
import dev.durabledb.tenant.Tenants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exactness through the starter: a random workload (inserts, updates, deletes, large
 * blobs), a {@code VACUUM}, checkpoints and log restarts all along, and a deploy that
 * migrates the tenant, each commit's digest recorded with its bookmark; then restores to
 * 50 random bookmarks must each give that digest, undoing each restore must give back the
 * digest before it, and forks must hold the digest of their bookmark.
 */
class ReplicationExactnessTests {

	private static final InstanceKey ACME = new InstanceKey("notes", "acme");

	private static final String SCHEMA = "SELECT group_concat(name || ':' || sql, ';') FROM (SELECT name, sql"
			+ " FROM sqlite_master WHERE name NOT LIKE 'sqlite%' AND name NOT LIKE 'durable_db%' AND sql IS NOT NULL"
			+ " ORDER BY name)";

	@TempDir
	Path root;

	@Test
	void everyBookmarkRestoresAndForksToExactlyItsCommit() {
		ReplicationHarness harness = new ReplicationHarness(this.root);
		List<String> bookmarks = new ArrayList<>();
		List<String> digests = new ArrayList<>();
		SplittableRandom random = new SplittableRandom(42);
		harness.replicating().withPropertyValues("durable-db.replication.checkpoint-frames=40").run((context) -> {
			for (int commit = 0; commit < 80; commit++) {
				randomCommit(context, random);
				record(context, bookmarks, digests);
				if (commit == 40) {
					vacuum(context);
					record(context, bookmarks, digests);
				}
			}
		});
		// A deploy: the tenant migrates as it opens, in a new generation.
		harness.replicating()
			.withPropertyValues("durable-db.replication.checkpoint-frames=40",
					"durable-db.databases.notes.changelog=classpath:changelogs/notes-v2.yaml")
			.run((context) -> {
				int deployed = bookmarks.size();
				for (int commit = 0; commit < 40; commit++) {
					randomCommit(context, random);
					record(context, bookmarks, digests);
				}

				Bookmarks points = context.getBean(Bookmarks.class);
				SplittableRandom pick = new SplittableRandom(5);
				for (int i = 0; i < 50; i++) {
					int target = pick.nextInt(bookmarks.size());
					String before = digest(context, "acme");

					String undo = points.restore(ACME, bookmarks.get(target));

					// A commit from before the deploy is restored exactly, then migrated as it opens.
					assertThat(rows(digest(context, "acme"), target >= deployed)).as("restored to " + bookmarks.get(target))
						.isEqualTo(rows(digests.get(target), target >= deployed));
					if (i % 10 == 0) {
						points.restore(ACME, undo);
						assertThat(digest(context, "acme")).as("undone " + undo).isEqualTo(before);
						points.fork(ACME, bookmarks.get(target), "fork-" + i);
						assertThat(rows(digest(context, "fork-" + i), target >= deployed)).as("forked " + bookmarks.get(target))
							.isEqualTo(rows(digests.get(target), target >= deployed));
					}
				}
			});
	}

	private static void record(ApplicationContext context, List<String> bookmarks, List<String> digests)
			throws Exception {
		bookmarks.add(context.getBean(Bookmarks.class).current(ACME));
		digests.add(digest(context, "acme"));
	}

	/** One write action of one to four random statements on table {@code t}. */
	private static void randomCommit(ApplicationContext context, SplittableRandom random) throws Exception {
		JdbcTemplate jdbc = notes(context).jdbcTemplate();
		Tenants.run("acme", () -> context.getBean(NoteActions.class).inside(() -> jdbc.execute(
				(ConnectionCallback<Void>) (connection) -> {
					LoggedFiles.execute(connection, LoggedFiles.TABLE.replace("CREATE TABLE", "CREATE TABLE IF NOT EXISTS"));
					LoggedFiles.randomStatements(connection, random);
					return null;
				})));
	}

	/** A {@code VACUUM} on the instance, outside any action, while it is held. */
	private static void vacuum(ApplicationContext context) throws Exception {
		Path file = context.getBean(InstanceFiles.class).file(ACME);
		context.getBean(InstanceRegistry.class).withWriterLock(ACME, () -> {
			try (Connection connection = context.getBean(SqliteConnections.class).open(file);
					Statement statement = connection.createStatement()) {
				statement.execute("VACUUM");
			}
			return null;
		});
	}

	/** Every row of {@code t} and {@code notes}, hashed, then the schema (the starter's own table aside). */
	private static String digest(ApplicationContext context, String tenant) throws Exception {
		JdbcTemplate jdbc = notes(context).jdbcTemplate();
		ConnectionCallback<String> digest = (connection) -> {
			try {
				return LoggedFiles.digest(connection)
						+ LoggedFiles.query(connection, "SELECT group_concat(id || body, ';') FROM notes") + "\n"
						+ LoggedFiles.query(connection, SCHEMA);
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		};
		return Tenants.call(tenant, () -> context.getBean(NoteActions.class).readingInside(() -> jdbc.execute(digest)));
	}

	/** The digest, or the part of it about rows only when the schema may have changed since. */
	private static String rows(String digest, boolean withSchema) {
		return withSchema ? digest : digest.substring(0, digest.indexOf('\n'));
	}

	private static DurableDatabase notes(ApplicationContext context) {
		return context.getBeansOfType(DurableDatabase.class)
			.values()
			.stream()
			.filter((database) -> database.name().equals("notes"))
			.findFirst()
			.orElseThrow();
	}

}
