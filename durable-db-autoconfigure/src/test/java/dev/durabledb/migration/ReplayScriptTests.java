package dev.durabledb.migration;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ReplayScriptTests {

	@Test
	void aScriptReadsBackAsWrittenWhateverItsStatementsHold() throws IOException {
		ReplayScript script = new ReplayScript("a".repeat(64), "b".repeat(64), "c".repeat(64),
				List.of("CREATE TABLE t (x TEXT)", "INSERT INTO t VALUES ('line\n-- statement 3\nabc;\n')", ""), null);

		assertThat(ReplayScript.parse(script.text())).isEqualTo(script);
		ReplayScript blocked = script.notReplayable("it is runAlways");
		assertThat(ReplayScript.parse(blocked.text())).isEqualTo(blocked);
		assertThat(blocked.replayable()).isFalse();
	}

	@Test
	void aCutOrForeignFileIsRefused() {
		String text = new ReplayScript("a", "b", "c", List.of("CREATE TABLE t (x TEXT)"), null).text();

		assertThatExceptionOfType(IOException.class).isThrownBy(() -> ReplayScript.parse(text.substring(0, text.length() - 5)))
			.withMessageContaining("cut short");
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> ReplayScript.parse("CREATE TABLE t (x)"))
			.withMessage("Not a replay script");
	}

	@Test
	void statementsSqliteCannotRunInATransactionAreFound() {
		assertThat(ReplayRules.whyNotInTransaction(List.of("CREATE TABLE t (x)", "  -- why\n/* really */ vacuum")))
			.hasValueSatisfying((reason) -> assertThat(reason).startsWith("it runs VACUUM"));
		assertThat(ReplayRules.whyNotInTransaction(List.of("CREATE TABLE pragma_notes (x)", "UPDATE t SET x = 'BEGIN'")))
			.isEmpty();
	}

}
