package dev.durabledb.migration;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;

import dev.durabledb.sqlite.InstanceTable;

/** The changesets a database file records as applied, as {@code file::id::author}. */
final class AppliedChangeSets {

	private AppliedChangeSets() {
	}

	static Set<String> read(Connection connection) throws SQLException {
		Set<String> applied = new HashSet<>();
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT FILENAME, ID, AUTHOR FROM DATABASECHANGELOG")) {
			while (rows.next()) {
				applied.add(rows.getString(1) + "::" + rows.getString(2) + "::" + rows.getString(3));
			}
		}
		catch (SQLException ex) {
			if (!InstanceTable.isMissing(ex)) {
				throw ex;
			}
		}
		return applied;
	}

}
