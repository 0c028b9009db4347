package dev.durabledb.migration;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.durabledb.sqlite.LeadingKeyword;
import liquibase.change.Change;
import liquibase.change.ColumnConfig;
import liquibase.change.core.AddColumnChange;
import liquibase.change.core.AddDefaultValueChange;
import liquibase.change.core.AddForeignKeyConstraintChange;
import liquibase.change.core.AddNotNullConstraintChange;
import liquibase.change.core.AddPrimaryKeyChange;
import liquibase.change.core.AddUniqueConstraintChange;
import liquibase.change.core.CreateIndexChange;
import liquibase.change.core.CreateTableChange;
import liquibase.change.core.CreateViewChange;
import liquibase.change.core.DeleteDataChange;
import liquibase.change.core.DropColumnChange;
import liquibase.change.core.DropDefaultValueChange;
import liquibase.change.core.DropForeignKeyConstraintChange;
import liquibase.change.core.DropIndexChange;
import liquibase.change.core.DropNotNullConstraintChange;
import liquibase.change.core.DropPrimaryKeyChange;
import liquibase.change.core.DropTableChange;
import liquibase.change.core.DropUniqueConstraintChange;
import liquibase.change.core.DropViewChange;
import liquibase.change.core.EmptyChange;
import liquibase.change.core.InsertDataChange;
import liquibase.change.core.ModifyDataTypeChange;
import liquibase.change.core.RawSQLChange;
import liquibase.change.core.RenameColumnChange;
import liquibase.change.core.RenameTableChange;
import liquibase.change.core.RenameViewChange;
import liquibase.change.core.SQLFileChange;
import liquibase.change.core.UpdateDataChange;
import liquibase.changelog.ChangeSet;

/**
 * Which changesets may be replayed from a template's recording, and which statements may
 * run inside the one transaction of a replay.
 * <p>
 * A changeset is replayed only when what Liquibase runs for it cannot depend on the
 * tenant: no preconditions (they may pass on one tenant and fail on another), not
 * {@code runAlways} or {@code runOnChange} (run again on their own terms), no contexts or
 * labels, inside a transaction, and built only of changes whose SQL follows from the
 * schema alone, which every tenant at a fingerprint shares with the template. Anything
 * else (custom and Java changes, {@code loadData}, {@code tagDatabase}, ...) takes
 * Liquibase.
 */
final class ReplayRules {

	private static final Set<Class<? extends Change>> REPLAYABLE = Set.of(CreateTableChange.class,
			DropTableChange.class, RenameTableChange.class, AddColumnChange.class, DropColumnChange.class,
			RenameColumnChange.class, ModifyDataTypeChange.class, CreateIndexChange.class, DropIndexChange.class,
			AddForeignKeyConstraintChange.class, DropForeignKeyConstraintChange.class, AddPrimaryKeyChange.class,
			DropPrimaryKeyChange.class, AddUniqueConstraintChange.class, DropUniqueConstraintChange.class,
			AddNotNullConstraintChange.class, DropNotNullConstraintChange.class, AddDefaultValueChange.class,
			DropDefaultValueChange.class, CreateViewChange.class, DropViewChange.class, RenameViewChange.class,
			RawSQLChange.class, SQLFileChange.class, InsertDataChange.class, UpdateDataChange.class,
			DeleteDataChange.class, EmptyChange.class);

	/** Statements SQLite cannot run inside a transaction, or that mean something else there. */
	private static final Set<String> OUTSIDE_TRANSACTIONS = Set.of("BEGIN", "COMMIT", "END", "ROLLBACK", "SAVEPOINT",
			"RELEASE", "VACUUM", "PRAGMA", "ATTACH", "DETACH");

	private ReplayRules() {
	}

	/** Why {@code changeSet} must take Liquibase; empty if it can be replayed. */
	static Optional<String> whyNot(ChangeSet changeSet) {
		if (changeSet.getPreconditions() != null && !changeSet.getPreconditions().getNestedPreconditions().isEmpty()) {
			return Optional.of("it has preconditions, which may hold for one tenant and not another");
		}
		if (changeSet.isAlwaysRun()) {
			return Optional.of("it is runAlways");
		}
		if (changeSet.isRunOnChange()) {
			return Optional.of("it is runOnChange");
		}
		if (!changeSet.isRunInTransaction()) {
			return Optional.of("it is runInTransaction: false");
		}
		if (changeSet.getContextFilter() != null && !changeSet.getContextFilter().isEmpty()) {
			return Optional.of("it has contexts");
		}
		if (changeSet.getLabels() != null && !changeSet.getLabels().isEmpty()) {
			return Optional.of("it has labels");
		}
		for (Change change : changeSet.getChanges()) {
			if (!REPLAYABLE.contains(change.getClass())) {
				return Optional.of("its change " + change.getSerializedObjectName()
						+ " may run other SQL on each tenant (only schema and SQL changes are replayed)");
			}
			if (change instanceof InsertDataChange insert && readsFiles(insert.getColumns())) {
				return Optional.of("its insert reads a file");
			}
			if (change instanceof UpdateDataChange update && readsFiles(update.getColumns())) {
				return Optional.of("its update reads a file");
			}
		}
		return Optional.empty();
	}

	/** Why {@code statements} cannot run in one transaction; empty if they can. */
	static Optional<String> whyNotInTransaction(List<String> statements) {
		for (String statement : statements) {
			String keyword = LeadingKeyword.of(statement);
			if (OUTSIDE_TRANSACTIONS.contains(keyword)) {
				return Optional.of("it runs " + keyword + ", which SQLite cannot run (or runs otherwise) inside a transaction");
			}
		}
		return Optional.empty();
	}

	private static boolean readsFiles(List<? extends ColumnConfig> columns) {
		return columns.stream().anyMatch((column) -> column.getValueBlobFile() != null || column.getValueClobFile() != null);
	}

}
