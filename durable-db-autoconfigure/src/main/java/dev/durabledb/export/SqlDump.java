package dev.durabledb.export;

import java.io.IOException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Writes a database as SQL text (schema, then data, then indexes, triggers and views) that
 * the {@code sqlite3} shell loads back into an identical database. Every value keeps its
 * storage class: integers, reals (exactly; infinities as {@code 9e999}), text, BLOBs as
 * {@code X'..'} and NULLs.
 */
final class SqlDump {

	private static final HexFormat HEX = HexFormat.of().withUpperCase();

	private SqlDump() {
	}

	/** Dumps the database open on {@code connection}, inside one read transaction. */
	public static void write(Connection connection, Writer out) throws SQLException, IOException {
		out.write("PRAGMA foreign_keys=OFF;\nBEGIN TRANSACTION;\n");
		List<String[]> tables = objects(connection, "type = 'table' AND name NOT LIKE 'sqlite_%'");
		for (String[] table : tables) {
			out.write(table[1]);
			out.write(";\n");
			rows(connection, table[0], out);
		}
		if (exists(connection, "sqlite_sequence")) {
			out.write("DELETE FROM sqlite_sequence;\n");
			rows(connection, "sqlite_sequence", out);
		}
		for (String[] other : objects(connection, "type IN ('index', 'trigger', 'view') AND sql IS NOT NULL")) {
			out.write(other[1]);
			out.write(";\n");
		}
		out.write("COMMIT;\n");
	}

	private static List<String[]> objects(Connection connection, String where) throws SQLException {
		List<String[]> objects = new ArrayList<>();
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT name, sql FROM sqlite_schema WHERE " + where
						+ " ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 WHEN 'trigger' THEN 2 ELSE 3 END, rowid")) {
			while (rows.next()) {
				objects.add(new String[] { rows.getString(1), rows.getString(2) });
			}
		}
		return objects;
	}

	private static boolean exists(Connection connection, String table) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement
					.executeQuery("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = '" + table + "'")) {
			return rows.next();
		}
	}

	private static void rows(Connection connection, String table, Writer out) throws SQLException, IOException {
		String quoted = identifier(table);
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT * FROM " + quoted)) {
			int columns = rows.getMetaData().getColumnCount();
			while (rows.next()) {
				out.write("INSERT INTO ");
				out.write(quoted);
				out.write(" VALUES(");
				for (int column = 1; column <= columns; column++) {
					if (column > 1) {
						out.write(',');
					}
					out.write(literal(rows.getObject(column)));
				}
				out.write(");\n");
			}
		}
	}

	static String identifier(String name) {
		return '"' + name.replace("\"", "\"\"") + '"';
	}

	static String literal(Object value) {
		if (value == null) {
			return "NULL";
		}
		if (value instanceof byte[] bytes) {
			return "X'" + HEX.formatHex(bytes) + "'";
		}
		if (value instanceof Double number) {
			if (number.isNaN()) {
				return "NULL";
			}
			if (number.isInfinite()) {
				return (number > 0) ? "9e999" : "-9e999";
			}
			return Double.toString(number);
		}
		if (value instanceof Float number) {
			return literal(number.doubleValue());
		}
		if (value instanceof Number number) {
			return number.toString();
		}
		return text(value.toString());
	}

	/** A text literal; NUL cannot appear in one, so text holding it is built from its bytes. */
	private static String text(String text) {
		if (text.indexOf('\0') >= 0) {
			return "CAST(X'" + HEX.formatHex(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "' AS TEXT)";
		}
		return "'" + text.replace("'", "''") + "'";
	}

}
