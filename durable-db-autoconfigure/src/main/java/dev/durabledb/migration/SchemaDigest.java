package dev.durabledb.migration;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import dev.durabledb.io.Sha256;
import dev.durabledb.sqlite.InstanceTable;

/**
 * A SHA-256 over what makes two files at one fingerprint interchangeable for a replay:
 * every table, index, view and trigger as SQLite stores its definition, and Liquibase's
 * record of the changesets (without the dates and deployment ids, which differ from run to
 * run). The starter's own table is left out. {@link #withData} adds every row of every
 * table, for templates, which are small.
 */
final class SchemaDigest {

	private static final String SCHEMA = "SELECT type, name, tbl_name, sql FROM sqlite_master"
			+ " WHERE name NOT LIKE 'sqlite_%' AND tbl_name <> '" + InstanceTable.NAME + "' ORDER BY type, name";

	private static final String CHANGELOG = "SELECT ID, AUTHOR, FILENAME, ORDEREXECUTED, MD5SUM, EXECTYPE, DESCRIPTION,"
			+ " COMMENTS, TAG, CONTEXTS, LABELS, LIQUIBASE FROM DATABASECHANGELOG ORDER BY ORDEREXECUTED, ID";

	private SchemaDigest() {
	}

	/** The digest of the schema and changeset record of the file open on {@code connection}. */
	static String of(Connection connection) throws SQLException {
		MessageDigest digest = Sha256.digest();
		addRows(connection, SCHEMA, digest);
		addRows(connection, CHANGELOG, digest);
		return HexFormat.of().formatHex(digest.digest());
	}

	/** {@link #of} and every row of every table of the file but Liquibase's and the starter's own. */
	static String withData(Connection connection) throws SQLException {
		MessageDigest digest = Sha256.digest();
		addRows(connection, SCHEMA, digest);
		addRows(connection, CHANGELOG, digest);
		List<String> tables = new ArrayList<>();
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'"
						+ " AND name NOT LIKE 'sqlite_%' AND name NOT IN ('DATABASECHANGELOG', 'DATABASECHANGELOGLOCK', '"
						+ InstanceTable.NAME + "') ORDER BY name")) {
			while (rows.next()) {
				tables.add(rows.getString(1));
			}
		}
		for (String table : tables) {
			digest.update(("table " + table + "\n").getBytes(StandardCharsets.UTF_8));
			addRows(connection, "SELECT * FROM \"" + table.replace("\"", "\"\"") + "\" ORDER BY 1", digest);
		}
		return HexFormat.of().formatHex(digest.digest());
	}

	private static void addRows(Connection connection, String query, MessageDigest digest) throws SQLException {
		try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(query)) {
			ResultSetMetaData columns = rows.getMetaData();
			StringBuilder row = new StringBuilder();
			while (rows.next()) {
				row.setLength(0);
				for (int i = 1; i <= columns.getColumnCount(); i++) {
					row.append(rows.getString(i)).append('\u0000');
				}
				digest.update(row.append('\n').toString().getBytes(StandardCharsets.UTF_8));
			}
		}
	}

}
