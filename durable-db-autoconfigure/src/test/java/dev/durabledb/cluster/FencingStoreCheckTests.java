package dev.durabledb.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.sql.DataSource;

import dev.durabledb.DurableDbConfigurationException;
import dev.durabledb.fixtures.Causes;
import dev.durabledb.fixtures.ForwardingObjectStore;
import dev.durabledb.fixtures.Postgres;
import dev.durabledb.store.ConditionalWrites;
import dev.durabledb.store.ObjectStore;
import dev.durabledb.store.file.FileObjectStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** Cluster mode refuses, at startup, a replica store that would let a second owner write. */
class FencingStoreCheckTests {

	private static final String SECRET = "a-secret-of-at-least-32-characters!";

	private final String table = Postgres.uniqueName("lease_fencing_test");

	@TempDir
	Path root;

	@BeforeAll
	static void postgres() {
		Postgres.assumeAvailable();
	}

	@AfterEach
	void drop() {
		Postgres.drop(this.table);
	}

	@Test
	void aStoreThatRefusesSecondWritesIsAccepted() {
		runner().withBean(ObjectStore.class, () -> new FileObjectStore(this.root.resolve("store")))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(ConditionalWrites.class).supported()).isTrue();
			});
		assertThat(this.root.resolve("store/_durable-db/probes")).satisfies((probes) -> {
			if (Files.exists(probes)) {
				try (var left = Files.list(probes)) {
					assertThat(left).isEmpty();
				}
			}
		});
	}

	@Test
	void aStoreThatOverwritesFailsStartupSayingWhyAndWhatToDo() {
		ObjectStore overwriting = new ForwardingObjectStore(new FileObjectStore(this.root.resolve("store"))) {

			@Override
			public boolean putIfAbsent(String key, byte[] content) throws IOException {
				put(key, content);
				return true;
			}

		};
		runner().withBean(ObjectStore.class, () -> overwriting).run((context) -> {
			DurableDbConfigurationException failure = Causes.find(context.getStartupFailure(),
					DurableDbConfigurationException.class);
			assertThat(failure.getDescription()).contains("durable-db.cluster.enabled=true")
				.contains("conditional writes")
				.contains(this.root.resolve("store").toString());
			assertThat(failure.getAction()).contains("If-None-Match").contains("turn the cluster off");
			assertThat(Postgres.exists(this.table)).isFalse();
		});
	}

	@Test
	void aStoreThatCannotBeAskedFailsStartup() {
		ObjectStore unreachable = new ForwardingObjectStore(new FileObjectStore(this.root.resolve("store"))) {

			@Override
			public boolean putIfAbsent(String key, byte[] content) throws IOException {
				throw new IOException("connection refused");
			}

		};
		runner().withBean(ObjectStore.class, () -> unreachable).run((context) -> {
			DurableDbConfigurationException failure = Causes.find(context.getStartupFailure(),
					DurableDbConfigurationException.class);
			assertThat(failure.getDescription()).contains("could not be asked").contains("connection refused");
		});
	}

	@Test
	void withoutClusterModeNoStoreIsProbed() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(DurableDbClusterAutoConfiguration.class))
			.withBean(ObjectStore.class, () -> new FileObjectStore(this.root.resolve("store")))
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(ConditionalWrites.class);
				assertThat(this.root.resolve("store")).doesNotExist();
			});
	}

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(DurableDbClusterAutoConfiguration.class))
			.withBean(DataSource.class, Postgres::dataSource)
			.withPropertyValues("durable-db.cluster.enabled=true", "durable-db.cluster.advertised-url=http://10.0.0.1:8080",
					"durable-db.cluster.secret=" + SECRET, "durable-db.cluster.table=" + this.table);
	}

}
