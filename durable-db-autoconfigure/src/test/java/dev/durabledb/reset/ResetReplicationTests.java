package dev.durabledb.reset;

import java.nio.file.Path;
import java.time.Duration;

import dev.durabledb.fixtures.StarterConfigurations;
import dev.durabledb.fixtures.TestApplications;
import dev.durabledb.instance.InstanceKey;
import dev.durabledb.replication.Bookmarks;
import dev.durabledb.replication.DurableDbReplicationAutoConfiguration;
import dev.durabledb.replication.ReplicationStatus;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static dev.durabledb.reset.DevResetTests.bodies;
import static dev.durabledb.reset.DevResetTests.count;
import static dev.durabledb.reset.DevResetTests.write;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reset with replication on, to a folder store: the fresh file begins a new generation,
 * new writes ship after it, and the history before the reset stays restorable.
 */
class ResetReplicationTests {

	private static final InstanceKey ACME = new InstanceKey("notes", "acme");

	@TempDir
	Path root;

	private ApplicationContextRunner app() {
		return TestApplications.withActions(this.root.resolve("data"))
			.withConfiguration(StarterConfigurations.backups())
			.withConfiguration(AutoConfigurations.of(DurableDbReplicationAutoConfiguration.class))
			.withPropertyValues("durable-db.backup.file.dir=" + this.root.resolve("backups"),
					"durable-db.replication.enabled=true", "durable-db.replication.sync-interval=1h",
					"durable-db.dev.reset=true");
	}

	@Test
	void theResetInstanceKeepsReplicatingAndItsOldHistoryStaysRestorable() {
		app().run((context) -> {
			Bookmarks bookmarks = context.getBean(Bookmarks.class);
			write(context, "acme", "old one", "old two");
			String beforeReset = bookmarks.current(ACME);

			ResetResult result = context.getBean(DevReset.class).reset("notes");

			String undo = result.instances().get(0).undoBookmark();
			assertThat(undo).isEqualTo(beforeReset);
			write(context, "acme", "new");
			String afterReset = bookmarks.current(ACME);
			assertThat(generation(afterReset)).as("a new generation").isGreaterThan(generation(beforeReset));
			assertThat(bookmarks.status(ACME).failing()).isFalse();
			assertThat(bookmarks.status(ACME).bookmark()).isEqualTo(afterReset);

			// The history before the reset, and after it, are both in the store.
			bookmarks.restore(ACME, undo);
			assertThat(bodies(context, "acme")).containsExactly("old one", "old two");
			bookmarks.restore(ACME, afterReset);
			assertThat(bodies(context, "acme")).containsExactly("new");
		});
	}

	@Test
	void theResetShipsWithoutWaitingForAWrite() {
		app().withPropertyValues("durable-db.replication.sync-interval=20ms").run((context) -> {
			Bookmarks bookmarks = context.getBean(Bookmarks.class);
			write(context, "acme", "old");
			String beforeReset = bookmarks.current(ACME);

			context.getBean(DevReset.class).reset("notes");

			// Nobody writes or asks for a bookmark: the reset's own commit is shipped by the
			// rounds, in a new generation.
			ReplicationStatus shipped = Awaitility.await("the reset shipped")
				.atMost(Duration.ofSeconds(30))
				.until(() -> bookmarks.status(ACME), (status) -> status.generation() != null
						&& status.generation().compareTo(generation(beforeReset)) > 0 && status.pendingSince() == null);
			write(context, "acme", "written later");
			bookmarks.restore(ACME, shipped.bookmark());
			assertThat(count(context, "acme")).isZero();
		});
	}

	private static String generation(String bookmark) {
		return bookmark.substring(0, bookmark.indexOf('-'));
	}

}
