package dev.durabledb.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import dev.durabledb.DurableDbConfigurationException;
import dev.durabledb.fixtures.Causes;
import dev.durabledb.fixtures.CountingDataSource;
import dev.durabledb.fixtures.Postgres;
import dev.durabledb.fixtures.TestApplications;
import dev.durabledb.instance.InstanceKey;
import dev.durabledb.instance.InstanceRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sqlite.SQLiteDataSource;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class DurableDbClusterAutoConfigurationTests {

	private static final String SECRET = "a-secret-of-at-least-32-characters!";

	private final String table = Postgres.uniqueName("lease_autoconfig_test");

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DurableDbClusterAutoConfiguration.class))
		.withPropertyValues("durable-db.cluster.table=" + this.table);

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
	void offByDefaultTheStarterIsSingleNodeAndTouchesNoDataSource() {
		TestApplications.starter(this.root.resolve("data"))
			.withConfiguration(AutoConfigurations.of(DurableDbClusterAutoConfiguration.class))
			.withUserConfiguration(PostgresDataSource.class)
			.withPropertyValues("durable-db.cluster.table=" + this.table)
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.hasSingleBean(InstanceRegistry.class)
					.doesNotHaveBean(LeaseKeeper.class)
					.doesNotHaveBean(LeaseRenewals.class);
				assertThat(Postgres.exists(this.table)).isFalse();
			});
	}

	@Test
	void enabledItCreatesTheLeaseTableAtStartupRenewsOnOneThreadAndReleasesEverythingOnShutdown() {
		CountingDataSource dataSource = new CountingDataSource(Postgres.dataSource());
		Set<String> renewingThreads = ConcurrentHashMap.newKeySet();
		dataSource.beforeEachStatement((sql) -> {
			if (sql.startsWith("UPDATE " + this.table + " SET expires_at")) {
				renewingThreads.add(Thread.currentThread().getName());
			}
		});
		this.runner.withBean(DataSource.class, () -> dataSource)
			.withPropertyValues(enabled("durable-db.cluster.node-id=node-1", "durable-db.cluster.lease-ttl=3s",
					"durable-db.cluster.renew-interval=50ms"))
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(LeaseKeeper.class);
				assertThat(Postgres.exists(this.table)).isTrue();
				LeaseKeeper keeper = context.getBean(LeaseKeeper.class);
				assertThat(keeper.nodeId()).isEqualTo("node-1");
				InstanceKey key = new InstanceKey("notes", "acme");
				assertThat(keeper.acquire(key)).isEqualTo(new Acquisition.Granted(key, 1));
				assertThat(new LeaseTable(Postgres.dataSource(), this.table).owner(key))
					.hasValueSatisfying((lease) -> assertThat(lease.ownerUrl()).isEqualTo("http://10.0.0.1:8080"));
				await().atMost(Duration.ofSeconds(10)).until(() -> keeper.lastRenewal().isPresent());
				for (int i = 0; i < 20; i++) {
					keeper.acquire(new InstanceKey("notes", "t" + i));
				}
				Instant last = keeper.lastRenewal().orElseThrow();
				await().atMost(Duration.ofSeconds(10)).until(() -> keeper.lastRenewal().orElseThrow().isAfter(last));
				assertThat(renewingThreads).containsExactly("durable-db-lease-renewal");
				assertThat(keeper.healthy()).isTrue();
				assertThat(keeper.isValid(key)).isTrue();
			});
		assertThat(new LeaseTable(Postgres.dataSource(), this.table).list(null, 100)).hasSize(21)
			.noneMatch(Lease::live);
	}

	@Test
	void theTableIsCreatedOnlyOnceEverySingletonIsReadySoAfterFlywayOrLiquibaseMigrated() {
		// Flyway and Liquibase migrate as their beans initialise; so does this one, even
		// initialised after every bean of the cluster.
		AtomicReference<Boolean> seenByAMigration = new AtomicReference<>();
		this.runner.withUserConfiguration(PostgresDataSource.class)
			.withBean("migration", InitializingBean.class, () -> () -> seenByAMigration.set(Postgres.exists(this.table)),
					(definition) -> definition.setDependsOn("durableDbLeaseRenewals"))
			.withPropertyValues(enabled())
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(seenByAMigration).hasValue(false);
				assertThat(Postgres.exists(this.table)).isTrue();
			});
	}

	@Test
	void withoutANodeIdEachProcessGetsItsOwnFromTheHostName() {
		String[] ids = new String[2];
		for (int i = 0; i < 2; i++) {
			int index = i;
			this.runner.withUserConfiguration(PostgresDataSource.class)
				.withPropertyValues(enabled())
				.run((context) -> ids[index] = context.getBean(LeaseKeeper.class).nodeId());
		}
		assertThat(ids[0]).matches("[a-z0-9._-]+-[0-9a-f]{8}").isNotEqualTo(ids[1]);
	}

	@Test
	void enabledWithoutADataSourceStartupFailsSayingWhatIsMissing() {
		this.runner.withPropertyValues(enabled()).run((context) -> {
			assertThat(context).hasFailed();
			DurableDbConfigurationException failure = Causes.find(context.getStartupFailure(),
					DurableDbConfigurationException.class);
			assertThat(failure.getDescription())
				.contains("durable-db.cluster.enabled=true keeps its leases in the application's DataSource, and there is none");
			assertThat(failure.getAction()).contains("spring.datasource.*", "PostgreSQL");
		});
	}

	@Test
	void withTwoDataSourcesItUsesThePrimaryOneAndWithoutAPrimaryStartupFails() {
		this.runner.withUserConfiguration(PostgresDataSource.class, SqliteDataSource.class)
			.withPropertyValues(enabled())
			.run((context) -> assertThat(Causes.find(context.getStartupFailure(), DurableDbConfigurationException.class)
				.getDescription()).contains("several, none of them @Primary"));
		this.runner.withUserConfiguration(PrimaryPostgresDataSource.class, SqliteDataSource.class)
			.withPropertyValues(enabled())
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(LeaseKeeper.class);
				assertThat(Postgres.exists(this.table)).isTrue();
			});
	}

	@Test
	void aDataSourceThatIsNotPostgresqlFailsStartupNamingIt() {
		this.runner.withUserConfiguration(SqliteDataSource.class).withPropertyValues(enabled()).run((context) -> {
			DurableDbConfigurationException failure = Causes.find(context.getStartupFailure(),
					DurableDbConfigurationException.class);
			assertThat(failure.getDescription()).contains("must be PostgreSQL, and it is SQLite");
		});
	}

	@Test
	void aTableOfThatNameThatIsSomethingElseFailsStartupAndIsLeftAsItIs() {
		new JdbcTemplate(Postgres.dataSource()).execute("CREATE TABLE " + this.table + " (id bigint)");
		this.runner.withUserConfiguration(PostgresDataSource.class).withPropertyValues(enabled()).run((context) -> {
			assertThat(Causes.find(context.getStartupFailure(), DurableDbConfigurationException.class).getDescription())
				.contains("'" + this.table + "' exists but is not a durable-db lease table");
			assertThat(new JdbcTemplate(Postgres.dataSource()).queryForList("SELECT column_name FROM "
					+ "information_schema.columns WHERE table_name = ?", String.class, this.table))
				.containsExactly("id");
		});
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"durable-db.cluster.advertised-url= | durable-db.cluster.advertised-url must be set when durable-db.cluster.enabled is true",
			"durable-db.cluster.advertised-url=ftp://node:21 | durable-db.cluster.advertised-url must be an http or https URL",
			"durable-db.cluster.advertised-url=http://node:8080/?x=1 | durable-db.cluster.advertised-url must be an http or https URL",
			"durable-db.cluster.secret= | durable-db.cluster.secret must be set when durable-db.cluster.enabled is true, at least 32 characters long",
			"durable-db.cluster.secret=short | durable-db.cluster.secret must be set when durable-db.cluster.enabled is true, at least 32 characters long, not 5",
			"durable-db.cluster.renew-interval=10s | durable-db.cluster.renew-interval must be shorter than durable-db.cluster.lease-ttl minus durable-db.cluster.safety-margin (PT8S), not PT10S",
			"durable-db.cluster.renew-interval=9s | durable-db.cluster.renew-interval must be shorter than durable-db.cluster.lease-ttl minus durable-db.cluster.safety-margin (PT8S), not PT9S",
			"durable-db.cluster.safety-margin=10s | durable-db.cluster.safety-margin must be shorter than durable-db.cluster.lease-ttl (PT10S), not PT10S",
			"durable-db.cluster.safety-margin=0s | durable-db.cluster.safety-margin must be a positive duration",
			"durable-db.cluster.lease-ttl=0s | durable-db.cluster.lease-ttl must be a positive duration",
			"durable-db.cluster.table=leases; DROP TABLE x | durable-db.cluster.table must be a plain SQL identifier",
			"durable-db.cluster.table=Leases | durable-db.cluster.table must be a plain SQL identifier",
			"durable-db.cluster.node-id=node 1 | durable-db.cluster.node-id must be 1 to 100 letters, digits",
			"durable-db.cluster.connect-timeout=0s | durable-db.cluster.connect-timeout must be a positive duration",
			"durable-db.cluster.call-timeout=-1s | durable-db.cluster.call-timeout must be a positive duration" })
	void aBadValueFailsStartupNamingThePropertyAndCreatesNothing(String property, String message) {
		this.runner.withUserConfiguration(PostgresDataSource.class)
			.withPropertyValues(enabled())
			.withPropertyValues(property)
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(Causes.rootMessage(context.getStartupFailure())).startsWith(message);
				assertThat(Postgres.exists(this.table)).isFalse();
			});
	}

	@Test
	void theSecretNeverShowsInTheProperties() {
		this.runner.withUserConfiguration(PostgresDataSource.class).withPropertyValues(enabled()).run((context) -> {
			String shown = context.getBean(dev.durabledb.DurableDbProperties.class).toString();
			assertThat(shown).contains("advertisedUrl=http://10.0.0.1:8080").doesNotContain(SECRET);
		});
	}

	private static String[] enabled(String... more) {
		String[] properties = { "durable-db.cluster.enabled=true",
				"durable-db.cluster.advertised-url=http://10.0.0.1:8080", "durable-db.cluster.secret=" + SECRET };
		String[] all = java.util.Arrays.copyOf(properties, properties.length + more.length);
		System.arraycopy(more, 0, all, properties.length, more.length);
		return all;
	}

	@Configuration(proxyBeanMethods = false)
	static class PostgresDataSource {

		@Bean
		DataSource dataSource() {
			return Postgres.dataSource();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class PrimaryPostgresDataSource {

		@Bean
		@Primary
		DataSource dataSource() {
			return Postgres.dataSource();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SqliteDataSource {

		@Bean
		DataSource sqliteDataSource() {
			SQLiteDataSource dataSource = new SQLiteDataSource();
			dataSource.setUrl("jdbc:sqlite::memory:");
			return dataSource;
		}

	}

}
