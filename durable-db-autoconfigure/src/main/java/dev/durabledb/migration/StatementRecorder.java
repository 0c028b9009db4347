package dev.durabledb.migration;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import liquibase.listener.SqlListener;

/**
 * Records the statements Liquibase writes with while it migrates a template, in order,
 * except its own lock's: those are what replaying the step on a tenant must run.
 */
final class StatementRecorder extends SqlListener {

	private static final Pattern LOCK_TABLE = Pattern.compile("^\\s*UPDATE\\s+DATABASECHANGELOGLOCK\\b",
			Pattern.CASE_INSENSITIVE);

	private final List<String> statements = new ArrayList<>();

	@Override
	public void readSqlWillRun(String sql) {
		// Reads change nothing a replay must repeat.
	}

	@Override
	public void writeSqlWillRun(String sql) {
		if (!LOCK_TABLE.matcher(sql).find()) {
			this.statements.add(sql);
		}
	}

	List<String> statements() {
		return List.copyOf(this.statements);
	}

}
