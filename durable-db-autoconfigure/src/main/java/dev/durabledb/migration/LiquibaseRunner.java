package dev.durabledb.migration;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

import dev.durabledb.sqlite.InstanceTable;
import liquibase.Scope;
import liquibase.UpdateSummaryEnum;
import liquibase.UpdateSummaryOutputEnum;
import liquibase.analytics.configuration.AnalyticsArgs;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.command.core.helpers.ShowSummaryArgument;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.listener.LiquibaseListener;
import liquibase.listener.SqlListener;
import liquibase.resource.ResourceAccessor;
import liquibase.ui.LoggerUIService;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs Liquibase {@code update} on one connection at a time.
 * <p>
 * Liquibase 5.0 keeps its lock-service state JVM-wide, so two updates running at once in
 * one JVM can leave {@code DATABASECHANGELOGLOCK} rows set or fail to create their
 * tables, even on different databases. The lock is therefore static: one update at a
 * time in the whole JVM, whatever the number of application contexts.
 */
final class LiquibaseRunner {

	private static final Logger logger = LoggerFactory.getLogger(LiquibaseRunner.class);

	private static final ReentrantLock JVM_WIDE = new ReentrantLock(true);

	private final ClassLoader classLoader;

	LiquibaseRunner(ClassLoader classLoader) {
		this.classLoader = classLoader;
	}

	/** Where the changelog at {@code location} is read from. */
	ChangelogSource source(String location) {
		return ChangelogSource.of(location, this.classLoader);
	}

	/**
	 * Applies the pending changesets of {@code changelog} on {@code connection}, which
	 * stays open: the caller owns it, and holds the file exclusively (no other connection
	 * migrates it, in this process or any other).
	 * @throws ChangeSetFailure if a changeset fails: which one, and why
	 */
	void update(Connection connection, Changelog changelog) throws ChangeSetFailure, SQLException {
		update(connection, changelog, null);
	}

	/**
	 * {@link #update(Connection, Changelog)}, telling {@code listener} each statement
	 * Liquibase runs.
	 */
	void update(Connection connection, Changelog changelog, @Nullable SqlListener listener)
			throws ChangeSetFailure, SQLException {
		JVM_WIDE.lock();
		try {
			clearStaleLock(connection);
			inScope(changelog.source(), listener, (accessor) -> {
				Database database = DatabaseFactory.getInstance()
					.findCorrectDatabaseImplementation(new JdbcConnection(connection));
				new CommandScope(UpdateCommandStep.COMMAND_NAME)
					.addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
					.addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, changelog.source().path())
					.addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY, UpdateSummaryEnum.OFF)
					.addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY_OUTPUT, UpdateSummaryOutputEnum.LOG)
					.execute();
				return null;
			});
		}
		catch (RuntimeException ex) {
			throw ChangeSetFailure.of(changelog, connection, ex);
		}
		finally {
			JVM_WIDE.unlock();
			// Liquibase turns auto-commit off; hand the connection back as it came, or the
			// caller's next writes would vanish with an uncommitted transaction on close.
			if (!connection.isClosed() && !connection.getAutoCommit()) {
				connection.commit();
				connection.setAutoCommit(true);
			}
		}
	}

	/**
	 * Clears a {@code DATABASECHANGELOGLOCK} row left set by a process that died during a
	 * migration. It can only be stale: Liquibase runs one update at a time in this JVM
	 * (the lock above), the data dir belongs to this process alone, and the caller holds
	 * the file. Without this, Liquibase would wait for it (5 minutes) and then fail, on
	 * every attempt, since the guard's snapshot carries the row too.
	 */
	private static void clearStaleLock(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet held = statement
					.executeQuery("SELECT LOCKEDBY, LOCKGRANTED FROM DATABASECHANGELOGLOCK WHERE LOCKED <> 0")) {
			if (!held.next()) {
				return;
			}
			logger.warn("Cleared a Liquibase lock that a stopped process left in {} (held by {} since {})",
					connection.getMetaData().getURL(), held.getString(1), held.getString(2));
		}
		catch (SQLException ex) {
			if (InstanceTable.isMissing(ex)) {
				return;
			}
			throw ex;
		}
		try (Statement statement = connection.createStatement()) {
			statement.executeUpdate(
					"UPDATE DATABASECHANGELOGLOCK SET LOCKED = 0, LOCKGRANTED = NULL, LOCKEDBY = NULL WHERE LOCKED <> 0");
		}
	}

	/**
	 * Runs {@code work} in a Liquibase scope that reads from {@code source}, logs through
	 * {@link LiquibaseLog} and sends no analytics.
	 */
	<T> T inScope(ChangelogSource source, ScopedWork<T> work) {
		return inScope(source, null, work);
	}

	private <T> T inScope(ChangelogSource source, @Nullable LiquibaseListener listener, ScopedWork<T> work) {
		Map<String, Object> scope = Map.of(Scope.Attr.resourceAccessor.name(), source.accessor(),
				Scope.Attr.ui.name(), new LoggerUIService(), Scope.Attr.logService.name(), LiquibaseLog.INSTANCE,
				AnalyticsArgs.ENABLED.getKey(), false);
		try {
			return Scope.child(listener, scope, () -> work.run(source.accessor()));
		}
		catch (RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex.getMessage(), ex);
		}
	}

	@FunctionalInterface
	interface ScopedWork<T> {

		T run(ResourceAccessor accessor) throws Exception;

	}

}
