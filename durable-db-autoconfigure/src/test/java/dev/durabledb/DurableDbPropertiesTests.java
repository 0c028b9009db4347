package dev.durabledb;

import java.nio.file.Path;

import dev.durabledb.fixtures.Causes;
import dev.durabledb.fixtures.TestApplications;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** A bad value fails startup at bind time, with a message that names the property and what it accepts. */
class DurableDbPropertiesTests {

	@TempDir
	Path dataDir;

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"durable-db.instances.max-open=-5 | durable-db.instances.max-open must be at least 1, not -5",
			"durable-db.instances.readers=0 | durable-db.instances.readers must be between 1 and 64, not 0",
			"durable-db.instances.idle-timeout=0s | durable-db.instances.idle-timeout must be a positive duration",
			"durable-db.action.lock-timeout=-1s | durable-db.action.lock-timeout must be a positive duration",
			"durable-db.migration.max-attempts=0 | durable-db.migration.max-attempts must be at least 1, not 0",
			"durable-db.backup.compression-level=12 | durable-db.backup.compression-level must be between 1 and 9, not 12",
			"durable-db.backup.retention.keep-last=0 | durable-db.backup.retention.keep-last must be at least 1, not 0",
			"durable-db.backup.retry.multiplier=0.5 | durable-db.backup.retry.multiplier must be at least 1, not 0.5",
			"durable-db.tenant.pattern=[a-z | durable-db.tenant.pattern must be a regular expression" })
	void aBadValueFailsStartupNamingTheProperty(String property, String message) {
		TestApplications.starter(this.dataDir).withPropertyValues(property).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(Causes.rootMessage(context.getStartupFailure())).startsWith(message);
		});
	}

}
