package dev.durabledb.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * How an instance gets from the fingerprint it records to the deployed one: by replaying
 * recorded steps in one transaction, or with Liquibase, and then why.
 *
 * @param steps the scripts to replay, in order; empty when Liquibase must run
 * @param liquibaseReason why Liquibase must run; {@code null} when the steps are replayed
 */
record ReplayPlan(List<ReplayScript> steps, @Nullable String liquibaseReason) {

	static ReplayPlan replay(List<ReplayScript> steps) {
		return new ReplayPlan(List.copyOf(steps), null);
	}

	static ReplayPlan liquibase(String reason) {
		return new ReplayPlan(List.of(), reason);
	}

	boolean replayable() {
		return this.liquibaseReason == null;
	}

	/** The schema digest an instance must have for the steps to apply to it. */
	String fromSchema() {
		return this.steps.get(0).fromSchema();
	}

	int statements() {
		return this.steps.stream().mapToInt((step) -> step.statements().size()).sum();
	}

	/** Runs every step on {@code connection}, inside the caller's transaction. */
	void runOn(Connection connection) throws SQLException {
		for (ReplayScript step : this.steps) {
			step.runOn(connection);
		}
	}

	/** One line for the instance status and the log. */
	String describe() {
		if (this.liquibaseReason != null) {
			return "liquibase: " + this.liquibaseReason;
		}
		return "replay: " + this.steps.size() + ((this.steps.size() == 1) ? " step, " : " steps, ") + statements()
				+ " statements in one transaction";
	}

}
