package dev.durabledb.instance;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.durabledb.fixtures.TestApplications;
import dev.durabledb.sqlite.PreparedConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The one call into an instance: lock, begin, run, commit or roll back, unlock, release. */
class InstanceTransactionsTests {

	private static final InstanceKey ACME = new InstanceKey("notes", "acme");

	@TempDir
	Path dataDir;

	private final List<String> commits = new CopyOnWriteArrayList<>();

	private ApplicationContextRunner app() {
		return TestApplications.starter(this.dataDir)
			.withPropertyValues("durable-db.tenant.auto-create=true", "durable-db.action.lock-timeout=200ms")
			.withBean(CommitListener.class, () -> new CommitListener() {

				@Override
				public void beforeCommit(InstanceKey key, Connection connection) throws SQLException {
					try (Statement statement = connection.createStatement()) {
						statement.execute("INSERT INTO notes (body) VALUES ('written by the listener')");
					}
				}

				@Override
				public void afterCommit(InstanceKey key) {
					InstanceTransactionsTests.this.commits.add(key.toString());
				}

			});
	}

	@Test
	void aWriteCommitsWithWhatTheCommitListenerWroteInTheSameTransaction() throws Throwable {
		app().run((context) -> {
			InstanceTransactions transactions = context.getBean(InstanceTransactions.class);

			transactions.run(ACME, false, (connection) -> insert(connection, "by the work"));

			assertThat(bodies(transactions)).containsExactly("by the work", "written by the listener");
			assertThat(this.commits).containsExactly("notes/acme");
		});
	}

	@Test
	void workThatThrowsRollsBackTellsNoListenerAndFreesTheWriter() throws Throwable {
		app().run((context) -> {
			InstanceTransactions transactions = context.getBean(InstanceTransactions.class);

			assertThatExceptionOfType(IllegalStateException.class)
				.isThrownBy(() -> transactions.run(ACME, false, (connection) -> {
					insert(connection, "rolled back");
					throw new IllegalStateException("the work failed");
				}));

			assertThat(bodies(transactions)).isEmpty();
			assertThat(this.commits).isEmpty();
			transactions.run(ACME, false, (connection) -> insert(connection, "the writer is free"));
			assertThat(bodies(transactions)).containsExactly("the writer is free", "written by the listener");
			assertThat(context.getBean(InstanceRegistry.class).instancesInUse()).isZero();
		});
	}

	@Test
	void aSecondWriterWaitsAtMostTheLockTimeoutWhileReadersGoOn() throws Throwable {
		app().run((context) -> {
			InstanceTransactions transactions = context.getBean(InstanceTransactions.class);
			transactions.run(ACME, false, (connection) -> insert(connection, "first"));
			CountDownLatch writing = new CountDownLatch(1);
			CountDownLatch release = new CountDownLatch(1);
			CompletableFuture<Object> holder = CompletableFuture.supplyAsync(() -> {
				try {
					return transactions.run(ACME, false, (connection) -> {
						writing.countDown();
						return release.await(30, TimeUnit.SECONDS);
					});
				}
				catch (Throwable ex) {
					throw new IllegalStateException(ex);
				}
			});
			assertThat(writing.await(30, TimeUnit.SECONDS)).isTrue();
			try {
				assertThat(bodies(transactions)).containsExactly("first", "written by the listener");
				assertThatExceptionOfType(InstanceBusyException.class)
					.isThrownBy(() -> transactions.run(ACME, false, (connection) -> insert(connection, "never")));
			}
			finally {
				release.countDown();
			}
			holder.get(30, TimeUnit.SECONDS);
			assertThat(bodies(transactions)).doesNotContain("never");
		});
	}

	private static Object insert(PreparedConnection connection, String body) throws SQLException {
		try (Statement statement = connection.connection().createStatement()) {
			statement.execute("INSERT INTO notes (body) VALUES ('" + body + "')");
		}
		return body;
	}

	private static List<String> bodies(InstanceTransactions transactions) throws Throwable {
		return transactions.run(ACME, true, (connection) -> {
			List<String> bodies = new java.util.ArrayList<>();
			try (Statement statement = connection.connection().createStatement();
					ResultSet rows = statement.executeQuery("SELECT body FROM notes ORDER BY id")) {
				while (rows.next()) {
					bodies.add(rows.getString(1));
				}
			}
			return bodies;
		});
	}

}
