package dev.durabledb.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * Opens SQLite connections with the starter's pragmas: {@code journal_mode=WAL},
 * {@code synchronous}, {@code busy_timeout}, {@code foreign_keys=ON},
 * {@code journal_size_limit}, {@code cache_size} and {@code mmap_size}.
 */
public final class SqliteConnections {

	private final SqliteSettings settings;

	public SqliteConnections(SqliteSettings settings) {
		this.settings = settings;
	}

	/**
	 * Whether commits are durable across a power loss ({@code synchronous=FULL}); with
	 * {@code NORMAL} they survive a crash of the process, and the last ones may roll back
	 * on power loss. The starter's own file operations on the request path follow suit.
	 */
	public boolean durableAcrossPowerLoss() {
		return this.settings.synchronous() == SqliteSettings.Synchronous.FULL;
	}

	/** Opens a read-write connection, creating the file if it does not exist. */
	public Connection open(Path file) throws SQLException {
		Connection connection = config().createConnection(url(file));
		if (!this.settings.automaticCheckpoints()) {
			try (Statement statement = connection.createStatement()) {
				statement.execute("PRAGMA wal_autocheckpoint = 0");
			}
			catch (SQLException ex) {
				connection.close();
				throw ex;
			}
		}
		return connection;
	}

	/**
	 * Opens a connection that can only read ({@code PRAGMA query_only}); the file must
	 * exist, it is never created.
	 */
	public Connection openReader(Path file) throws SQLException {
		SQLiteConfig config = config();
		config.resetOpenMode(SQLiteOpenMode.CREATE);
		Connection connection = config.createConnection(url(file));
		try {
			queryOnly(connection, true);
		}
		catch (SQLException ex) {
			connection.close();
			throw ex;
		}
		return connection;
	}

	/**
	 * {@code PRAGMA integrity_check} on {@code connection}: {@code "ok"}, or the first
	 * problem SQLite found.
	 */
	public static String integrityCheck(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				java.sql.ResultSet verdict = statement.executeQuery("PRAGMA integrity_check")) {
			return verdict.next() ? verdict.getString(1) : "no answer";
		}
	}

	/**
	 * Makes a connection this class opened a reader ({@code true}) or lets it write: the
	 * two differ by {@code PRAGMA query_only} alone.
	 */
	public void queryOnly(Connection connection, boolean queryOnly) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute("PRAGMA query_only = " + (queryOnly ? 1 : 0));
		}
	}

	/**
	 * Opens a connection for inspecting a file without changing it: read-only at the
	 * operating-system level, no pragma that writes.
	 */
	public Connection openForInspection(Path file) throws SQLException {
		SQLiteConfig config = new SQLiteConfig();
		config.setReadOnly(true);
		config.setBusyTimeout((int) this.settings.busyTimeout().toMillis());
		return config.createConnection(url(file));
	}

	private SQLiteConfig config() {
		SQLiteConfig config = new SQLiteConfig();
		config.setJournalMode(SQLiteConfig.JournalMode.WAL);
		config.setSynchronous(SQLiteConfig.SynchronousMode.valueOf(this.settings.synchronous().name()));
		config.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, this.settings.busyTimeout().toMillis()));
		config.enforceForeignKeys(true);
		config.setJournalSizeLimit((int) Math.min(Integer.MAX_VALUE, this.settings.journalSizeLimit()));
		config.setCacheSize(this.settings.cacheSize());
		if (this.settings.mmapSize() > 0) {
			config.setPragma(SQLiteConfig.Pragma.MMAP_SIZE, Long.toString(this.settings.mmapSize()));
		}
		return config;
	}

	private static String url(Path file) {
		return "jdbc:sqlite:" + file.toAbsolutePath();
	}

}
