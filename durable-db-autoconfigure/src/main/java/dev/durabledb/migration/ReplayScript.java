package dev.durabledb.migration;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What Liquibase ran to move a database's template from one changelog fingerprint to the
 * next, kept beside the templates so that every instance at {@code from} can take the same
 * step without Liquibase: the statements, in order, its bookkeeping rows included.
 * <p>
 * Stored as text a person can read: a header of {@code --} lines, then each statement
 * after a line that gives its length, so that no statement's content can be mistaken for
 * a separator.
 *
 * @param from the fingerprint the step starts at
 * @param to the fingerprint it ends at
 * @param fromSchema the {@link SchemaDigest} of the template at {@code from}: an instance
 * whose schema differs takes Liquibase
 * @param statements what to run, in order
 * @param liquibaseReason why the step must take Liquibase instead; {@code null} when it
 * can be replayed
 */
record ReplayScript(String from, String to, String fromSchema, List<String> statements,
		@Nullable String liquibaseReason) {

	private static final String MAGIC = "-- durable-db replay script";

	private static final String STATEMENT = "-- statement ";

	boolean replayable() {
		return this.liquibaseReason == null;
	}

	/** This step, to be taken by Liquibase for {@code reason}. */
	ReplayScript notReplayable(String reason) {
		return new ReplayScript(this.from, this.to, this.fromSchema, this.statements, reason);
	}

	/** Runs the statements on {@code connection}, inside the caller's transaction. */
	void runOn(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			for (String sql : this.statements) {
				statement.execute(sql);
			}
		}
	}

	String text() {
		StringBuilder text = new StringBuilder(MAGIC).append('\n');
		text.append("-- from ").append(this.from).append('\n');
		text.append("-- to ").append(this.to).append('\n');
		text.append("-- from-schema ").append(this.fromSchema).append('\n');
		if (this.liquibaseReason != null) {
			text.append("-- liquibase ").append(this.liquibaseReason.replace('\n', ' ')).append('\n');
		}
		for (String statement : this.statements) {
			text.append(STATEMENT).append(statement.length()).append('\n').append(statement).append('\n');
		}
		return text.toString();
	}

	/**
	 * Reads a script written by {@link #text()}.
	 * @throws IOException if it is not one
	 */
	static ReplayScript parse(String text) throws IOException {
		Lines lines = new Lines(text);
		if (!MAGIC.equals(lines.next())) {
			throw new IOException("Not a replay script");
		}
		String from = value(lines.next(), "-- from ");
		String to = value(lines.next(), "-- to ");
		String fromSchema = value(lines.next(), "-- from-schema ");
		String reason = null;
		List<String> statements = new ArrayList<>();
		String line = lines.next();
		if (line != null && line.startsWith("-- liquibase ")) {
			reason = line.substring("-- liquibase ".length());
			line = lines.next();
		}
		while (line != null) {
			statements.add(lines.take(Integer.parseInt(value(line, STATEMENT))));
			line = lines.next();
		}
		return new ReplayScript(from, to, fromSchema, List.copyOf(statements), reason);
	}

	private static String value(@Nullable String line, String prefix) throws IOException {
		if (line == null || !line.startsWith(prefix)) {
			throw new IOException("The replay script lacks '" + prefix.trim() + "'");
		}
		return line.substring(prefix.length());
	}

	/** Reads a script's text line by line, or a given number of characters at once. */
	private static final class Lines {

		private final String text;

		private int position;

		Lines(String text) {
			this.text = text;
		}

		@Nullable String next() {
			if (this.position >= this.text.length()) {
				return null;
			}
			int end = this.text.indexOf('\n', this.position);
			end = (end < 0) ? this.text.length() : end;
			String line = this.text.substring(this.position, end);
			this.position = end + 1;
			return line;
		}

		/** The next {@code length} characters and the line break after them. */
		String take(int length) throws IOException {
			int end = this.position + length;
			if (end >= this.text.length() || this.text.charAt(end) != '\n') {
				throw new IOException("A statement of the replay script is cut short");
			}
			String taken = this.text.substring(this.position, end);
			this.position = end + 1;
			return taken;
		}

	}

}
