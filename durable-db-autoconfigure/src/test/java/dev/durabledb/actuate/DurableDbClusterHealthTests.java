package dev.durabledb.actuate;

import java.nio.file.Path;

import dev.durabledb.cluster.LeaseKeeper;
import dev.durabledb.cluster.RenewalRounds;
import dev.durabledb.fixtures.CountingDataSource;
import dev.durabledb.fixtures.Postgres;
import dev.durabledb.instance.InstanceKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The {@code durableDbCluster} health contributor over HTTP: DOWN while the lease store does
 * not answer the renewal rounds, which the tests run themselves, one at a time.
 */
class DurableDbClusterHealthTests {

	private static final String CLUSTER = "$.components.durableDbCluster";

	@TempDir
	Path root;

	private final String table = Postgres.uniqueName("lease_health_test");

	private final CountingDataSource dataSource = new CountingDataSource(Postgres.dataSource());

	@BeforeAll
	static void postgres() {
		Postgres.assumeAvailable();
	}

	@AfterEach
	void drop() {
		Postgres.drop(this.table);
	}

	@Test
	void downWhileTheLeaseStoreIsUnreachableWithTheLastRenewalAndTheLeasesHeldAndUpWhenItAnswersAgain() {
		node().run((context) -> {
			LeaseKeeper keeper = context.getBean(LeaseKeeper.class);
			MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).build();
			// Before the first round: up, with no renewal yet.
			mvc.perform(get("/actuator/health"))
				.andExpect(status().isOk())
				.andExpect(jsonPath(CLUSTER + ".status").value("UP"))
				.andExpect(jsonPath(CLUSTER + ".details.node").value("node-a"))
				.andExpect(jsonPath(CLUSTER + ".details.leasesHeld").value(0))
				.andExpect(jsonPath(CLUSTER + ".details.lastRenewal").doesNotExist());

			keeper.acquire(new InstanceKey("notes", "acme"));
			RenewalRounds.run(keeper);
			String lastRenewal = keeper.lastRenewal().orElseThrow().toString();
			mvc.perform(get("/actuator/health"))
				.andExpect(status().isOk())
				.andExpect(jsonPath(CLUSTER + ".status").value("UP"))
				.andExpect(jsonPath(CLUSTER + ".details.leasesHeld").value(1))
				.andExpect(jsonPath(CLUSTER + ".details.lastRenewal").value(lastRenewal));

			this.dataSource.unreachable(true);
			RenewalRounds.run(keeper);
			mvc.perform(get("/actuator/health"))
				.andExpect(status().isServiceUnavailable())
				.andExpect(jsonPath("$.status").value("DOWN"))
				.andExpect(jsonPath(CLUSTER + ".status").value("DOWN"))
				.andExpect(jsonPath(CLUSTER + ".details.node").value("node-a"))
				// Still valid until its deadline, which a failed round does not move.
				.andExpect(jsonPath(CLUSTER + ".details.leasesHeld").value(1))
				.andExpect(jsonPath(CLUSTER + ".details.lastRenewal").value(lastRenewal))
				.andExpect(jsonPath("$.components.durableDb.status").value("UP"));

			this.dataSource.unreachable(false);
			RenewalRounds.run(keeper);
			mvc.perform(get("/actuator/health"))
				.andExpect(status().isOk())
				.andExpect(jsonPath(CLUSTER + ".status").value("UP"));
		});
	}

	@Test
	void itCanBeTurnedOffLeavingTheDurableDbIndicator() {
		node().withPropertyValues("management.health.durableDbCluster.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(DurableDbClusterHealthIndicator.class)
				.hasSingleBean(DurableDbHealthIndicator.class));
		node().withPropertyValues("management.health.durableDb.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(DurableDbClusterHealthIndicator.class)
				.doesNotHaveBean(DurableDbHealthIndicator.class));
	}

	@Test
	void backsOffForTheApplicationsOwnIndicatorOfTheSameName() {
		node().withBean("durableDbClusterHealthIndicator", String.class, () -> "own")
			.run((context) -> assertThat(context).doesNotHaveBean(DurableDbClusterHealthIndicator.class));
	}

	@Test
	void withoutClusterModeThereIsNoClusterIndicator() {
		ClusterNodes.singleNode(this.root.resolve("single")).run((context) -> {
			assertThat(context).hasSingleBean(DurableDbHealthIndicator.class)
				.doesNotHaveBean(DurableDbClusterHealthIndicator.class);
			MockMvcBuilders.webAppContextSetup(context)
				.build()
				.perform(get("/actuator/health"))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.components.durableDbCluster").doesNotExist());
		});
	}

	private WebApplicationContextRunner node() {
		return ClusterNodes.node(this.root.resolve("node-a"), "node-a", this.table, this.dataSource);
	}

}
