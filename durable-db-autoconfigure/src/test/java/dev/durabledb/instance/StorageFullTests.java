package dev.durabledb.instance;

import java.nio.file.Path;

import dev.durabledb.action.DurableDatabase;
import dev.durabledb.fixtures.NoteActions;
import dev.durabledb.fixtures.TestApplications;
import dev.durabledb.tenant.Tenants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Full storage, made real by SQLite itself: {@code PRAGMA max_page_count} on the writer
 * connection makes SQLite answer {@code SQLITE_FULL} ("database or disk is full") as a
 * full disk would, and raising it is the disk getting space back.
 */
@ExtendWith(OutputCaptureExtension.class)
class StorageFullTests {

	@TempDir
	Path dataDir;

	@Test
	void writesFailWithStorageFullLoseNothingLogOnceAndResumeWhenThereIsSpace(CapturedOutput output) {
		TestApplications.withActions(this.dataDir).run((context) -> {
			NoteActions notes = context.getBean(NoteActions.class);
			Tenants.run("acme", () -> notes.add("before"));
			limitPages(context, "SELECT page_count FROM pragma_page_count()");

			int acknowledged = 1 + writeUntilFull(notes);
			for (int i = 0; i < 3; i++) {
				assertThatExceptionOfType(StorageFullException.class)
					.isThrownBy(() -> Tenants.run("acme", () -> notes.add("x".repeat(100))));
			}
			assertThat(Tenants.call("acme", notes::count)).isEqualTo(acknowledged);

			limitPages(context, "SELECT 1073741823");
			Tenants.run("acme", () -> notes.add("after"));
			assertThat(Tenants.call("acme", notes::count)).isEqualTo(acknowledged + 1);
		});
		assertThat(output.getOut().lines().filter((line) -> line.contains("Writes fail: the storage of"))).hasSize(1);
		assertThat(output.getOut()).doesNotContain("\tat ");
	}

	/**
	 * Writes 100-character notes to {@code acme} until storage is full.
	 * @return how many writes were acknowledged before
	 */
	static int writeUntilFull(NoteActions notes) {
		for (int acknowledged = 0; acknowledged < 200_000; acknowledged++) {
			try {
				Tenants.run("acme", () -> notes.add("x".repeat(100)));
			}
			catch (StorageFullException ex) {
				assertThat(ex.getRetryAfter()).isPositive();
				return acknowledged;
			}
		}
		throw new AssertionError("storage never filled up");
	}

	/** Sets the writer's page limit to what {@code sql} answers, inside a write action. */
	private static void limitPages(ApplicationContext context, String sql) throws Exception {
		NoteActions notes = context.getBean(NoteActions.class);
		DurableDatabase db = context.getBean("notesDurableDatabase", DurableDatabase.class);
		Tenants.call("acme", () -> notes.inside(() -> {
			long pages = db.jdbcClient().sql(sql).query(Long.class).single();
			return db.jdbcClient().sql("PRAGMA max_page_count = " + pages).query(Long.class).single();
		}));
	}

}
