package dev.durabledb.console;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import dev.durabledb.instance.InstanceKey;
import dev.durabledb.instance.InstanceTransactions;
import dev.durabledb.instance.TransactionWork;
import dev.durabledb.sqlite.LeadingKeyword;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.sqlite.ProgressHandler;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteLimits;
import org.sqlite.core.DB;

import org.springframework.http.HttpStatus;

/**
 * Runs the console's SQL inside one instance: schema listing, table pages and the
 * developer's own statements.
 * <p>
 * Read-only is SQLite's doing, not a guess from the SQL: a read runs in a read
 * transaction on one of the instance's reader connections, which are opened
 * {@code query_only}, so SQLite itself refuses any write; {@code query_only} is set again
 * after every statement, in case the statement was the pragma that lifts it. While a
 * console statement runs, SQLite's limit on attached databases is 0, so no statement can
 * {@code ATTACH} another file (another tenant's, say).
 * Writes, when allowed, run through the instance's single writer like an action.
 */
final class ConsoleStatements {

	private static final Log logger = LogFactory.getLog("dev.durabledb.console");

	/** Statements that would end or nest the transaction the console runs each statement in. */
	private static final Set<String> TRANSACTION_CONTROL = Set.of("BEGIN", "COMMIT", "END", "ROLLBACK", "SAVEPOINT",
			"RELEASE");

	private static final int BLOB_PREVIEW_BYTES = 32;

	private static final int ATTACHED = SQLiteLimits.SQLITE_LIMIT_ATTACHED.getId();

	private static final int PROGRESS_STEPS = 10_000;

	private final InstanceTransactions transactions;

	private final boolean allowWrites;

	private final Duration timeout;

	ConsoleStatements(InstanceTransactions transactions, boolean allowWrites, Duration timeout) {
		this.transactions = transactions;
		this.allowWrites = allowWrites;
		this.timeout = timeout;
	}

	boolean allowWrites() {
		return this.allowWrites;
	}

	/** The instance's tables, views, indexes and triggers, tables first. */
	List<SchemaObject> schema(InstanceKey key) throws Exception {
		return transaction(key, true, (connection) -> {
			List<SchemaObject> objects = new ArrayList<>();
			try (PreparedStatement statement = connection.connection()
				.prepareStatement("SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY "
						+ "CASE type WHEN 'table' THEN 0 WHEN 'view' THEN 1 WHEN 'index' THEN 2 ELSE 3 END, name");
					ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					objects.add(new SchemaObject(rows.getString(1), rows.getString(2), rows.getString(3),
							rows.getString(4)));
				}
			}
			return objects;
		});
	}

	/** A page of the rows of table or view {@code name}. */
	ResultPage browse(InstanceKey key, String name, int page, int pageSize) throws Exception {
		boolean known = schema(key).stream()
			.anyMatch((object) -> object.name().equals(name)
					&& (object.type().equals("table") || object.type().equals("view")));
		if (!known) {
			throw new ConsoleException(HttpStatus.NOT_FOUND, "'" + key + "' has no table or view named '" + name + "'");
		}
		String sql = "SELECT * FROM \"" + name.replace("\"", "\"\"") + "\"";
		return run(key, sql, page, pageSize, false);
	}

	/**
	 * Runs the developer's {@code sql} and answers page {@code page} of its rows. Only the
	 * first page of a statement may write (a later page runs it again, read-only).
	 * @param write whether to run it on the writer; refused unless writes are allowed
	 */
	ResultPage run(InstanceKey key, String sql, int page, int pageSize, boolean write) throws Exception {
		if (sql.isBlank()) {
			throw new ConsoleException(HttpStatus.BAD_REQUEST, "The statement is empty");
		}
		String keyword = LeadingKeyword.of(sql);
		if (TRANSACTION_CONTROL.contains(keyword)) {
			throw new ConsoleException(HttpStatus.BAD_REQUEST,
					"The console runs each statement in a transaction of its own; " + keyword + " is not needed");
		}
		if (write && !this.allowWrites) {
			throw new ConsoleException(HttpStatus.FORBIDDEN,
					"The console is read-only; set durable-db.console.allow-writes=true to run writes");
		}
		boolean onWriter = write && page == 0;
		String mode = onWriter ? "write" : "read";
		try {
			long deadline = System.nanoTime() + this.timeout.toNanos();
			ResultPage result = transaction(key, !onWriter,
					onWriter ? (connection) -> execute(connection.connection(), sql, page, pageSize, deadline)
							: readOnly(sql, page, pageSize, deadline));
			logger.info("Console " + mode + " on '" + key + "': " + sql + " -> " + describe(result));
			return result;
		}
		catch (SQLException ex) {
			logger.info("Console " + mode + " on '" + key + "': " + sql + " -> failed: " + ex.getMessage());
			if (ex.getErrorCode() == SQLiteErrorCode.SQLITE_INTERRUPT.code) {
				throw new ConsoleException(HttpStatus.BAD_REQUEST, "The statement ran longer than "
						+ "durable-db.console.statement-timeout (" + this.timeout + ") and was stopped; nothing of it was kept");
			}
			throw ex;
		}
		catch (Exception ex) {
			logger.info("Console " + mode + " on '" + key + "': " + sql + " -> failed: " + ex.getMessage());
			throw ex;
		}
	}

	/** Work in one transaction of {@code key}; only what the work itself can throw is checked. */
	private <T> T transaction(InstanceKey key, boolean readOnly, TransactionWork<T> work) throws Exception {
		try {
			return this.transactions.run(key, readOnly, work);
		}
		catch (Exception | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static TransactionWork<ResultPage> readOnly(String sql, int page, int pageSize, long deadline) {
		return (connection) -> {
			Connection reader = connection.connection();
			try {
				return execute(reader, sql, page, pageSize, deadline);
			}
			finally {
				try (Statement statement = reader.createStatement()) {
					statement.execute("PRAGMA query_only = 1");
				}
			}
		};
	}

	/**
	 * Runs the statement with no database attachable and a deadline after which SQLite
	 * interrupts it (its progress handler, checked every {@value #PROGRESS_STEPS} steps of
	 * its virtual machine).
	 */
	private static ResultPage execute(Connection connection, String sql, int page, int pageSize, long deadline)
			throws SQLException {
		DB database = connection.unwrap(SQLiteConnection.class).getDatabase();
		int attachable = database.limit(ATTACHED, 0);
		ProgressHandler.setHandler(connection, PROGRESS_STEPS, new StatementDeadline(deadline));
		try {
			return executeAlone(connection, sql, page, pageSize);
		}
		finally {
			ProgressHandler.clearHandler(connection);
			database.limit(ATTACHED, attachable);
		}
	}

	private static ResultPage executeAlone(Connection connection, String sql, int page, int pageSize)
			throws SQLException {
		long start = System.nanoTime();
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			if (!statement.execute()) {
				int changes = Math.max(0, statement.getUpdateCount());
				return new ResultPage(List.of(), List.of(), page, pageSize, false, changes, millisSince(start));
			}
			try (ResultSet rows = statement.getResultSet()) {
				ResultSetMetaData meta = rows.getMetaData();
				List<String> columns = new ArrayList<>();
				for (int i = 1; i <= meta.getColumnCount(); i++) {
					columns.add(meta.getColumnLabel(i));
				}
				long skip = (long) page * pageSize;
				boolean more = false;
				List<List<@Nullable Object>> taken = new ArrayList<>();
				while (rows.next()) {
					if (skip > 0) {
						skip--;
					}
					else if (taken.size() < pageSize) {
						taken.add(row(rows, columns.size()));
					}
					else {
						more = true;
						break;
					}
				}
				return new ResultPage(columns, taken, page, pageSize, more, 0, millisSince(start));
			}
		}
	}

	private static List<@Nullable Object> row(ResultSet rows, int columns) throws SQLException {
		List<@Nullable Object> values = new ArrayList<>(columns);
		for (int i = 1; i <= columns; i++) {
			Object value = rows.getObject(i);
			values.add((value instanceof byte[] bytes) ? blob(bytes) : value);
		}
		return values;
	}

	private static String blob(byte[] bytes) {
		String head = HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, BLOB_PREVIEW_BYTES));
		return "x'" + head + ((bytes.length > BLOB_PREVIEW_BYTES) ? "…" : "") + "' (" + bytes.length + " bytes)";
	}

	/** Interrupts the statement once the deadline has passed. */
	private static final class StatementDeadline extends ProgressHandler {

		private final long deadline;

		StatementDeadline(long deadline) {
			this.deadline = deadline;
		}

		@Override
		protected int progress() {
			return (System.nanoTime() - this.deadline > 0) ? 1 : 0;
		}

	}

	private static double millisSince(long start) {
		return Math.round((System.nanoTime() - start) / 10_000.0) / 100.0;
	}

	private static String describe(ResultPage result) {
		String rows = result.columns().isEmpty() ? result.changes() + " changed"
				: result.rows().size() + " rows" + (result.more() ? " (more follow)" : "");
		return rows + " in " + result.millis() + " ms";
	}

}
