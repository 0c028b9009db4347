package dev.durabledb;

import java.nio.file.Path;

import dev.durabledb.fixtures.TestApplications;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

import static org.assertj.core.api.Assertions.assertThat;

/** durable-db's startup errors are reported as what is wrong and what to do, not as a stack trace. */
class DurableDbFailureAnalyzerTests {

	@TempDir
	Path dataDir;

	@Test
	void aMissingChangelogIsADescriptionAndAnAction() {
		TestApplications.starter(this.dataDir).withPropertyValues("durable-db.databases.orders.instance=global")
			.run((context) -> {
				FailureAnalysis analysis = new DurableDbFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).isEqualTo("Database 'orders' has no changelog");
				assertThat(analysis.getAction())
					.isEqualTo("Add db/durable/orders/changelog.yaml to the classpath or set durable-db.databases.orders.changelog");
			});
	}

	@Test
	void aDataDirInUseNamesItsHolderAndWhatToDo() {
		TestApplications.starter(this.dataDir).run((first) -> TestApplications.starter(this.dataDir).run((second) -> {
			FailureAnalysis analysis = new DurableDbFailureAnalyzer().analyze(second.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).contains("is in use by process " + ProcessHandle.current().pid());
			assertThat(analysis.getAction()).contains("durable-db.data-dir");
		}));
	}

	@Test
	void springBootFindsTheAnalyzer() throws Exception {
		java.util.Properties factories = new java.util.Properties();
		try (var in = DurableDbFailureAnalyzer.class.getResourceAsStream("/META-INF/spring.factories")) {
			factories.load(in);
		}
		assertThat(factories.getProperty(FailureAnalyzer.class.getName()))
			.contains(DurableDbFailureAnalyzer.class.getName());
	}

}
