package dev.durabledb.actuate;

import java.nio.file.Path;

import javax.sql.DataSource;

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
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The {@code durabledbcluster} endpoint over HTTP, through Spring Boot's actuator, on nodes
 * whose leases are in a real PostgreSQL table.
 */
class DurableDbClusterEndpointTests {

	private static final InstanceKey ACME = new InstanceKey("notes", "acme");

	private static final InstanceKey GLOBEX = new InstanceKey("notes", "globex");

	private static final InstanceKey INITECH = new InstanceKey("notes", "initech");

	private static final InstanceKey UMBRELLA = new InstanceKey("notes", "umbrella");

	@TempDir
	Path root;

	private final String table = Postgres.uniqueName("lease_endpoint_test");

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
	void theOverviewShowsThisNodeTheNodesOfTheLeaseTableAndThePageOfLeases() {
		node("node-a", this.dataSource).run((a) -> {
			LeaseKeeper keeper = a.getBean(LeaseKeeper.class);
			MockMvc mvc = mvc(a);
			node("node-b", Postgres.dataSource()).run((b) -> {
				keeper.acquire(ACME);
				keeper.acquire(GLOBEX);
				keeper.acquire(UMBRELLA);
				keeper.release(UMBRELLA);
				b.getBean(LeaseKeeper.class).acquire(INITECH);
				RenewalRounds.run(keeper);

				mvc.perform(get("/actuator/durabledbcluster"))
					.andExpect(status().isOk())
					.andExpect(jsonPath("$.node.id").value("node-a"))
					.andExpect(jsonPath("$.node.url").value("http://node-a:8080"))
					.andExpect(jsonPath("$.node.healthy").value(true))
					.andExpect(jsonPath("$.node.lastRenewal").value(keeper.lastRenewal().orElseThrow().toString()))
					.andExpect(jsonPath("$.node.leasesHeld").value(2))
					.andExpect(jsonPath("$.at").isString())
					.andExpect(jsonPath("$.totalNodes").value(2))
					.andExpect(jsonPath("$.nodes[*].id").value(contains("node-a", "node-b")))
					.andExpect(jsonPath("$.nodes[*].url").value(contains("http://node-a:8080", "http://node-b:8080")))
					.andExpect(jsonPath("$.nodes[*].leasesHeld").value(contains(2, 1)))
					.andExpect(jsonPath("$.nodes[*].expiredLeases").value(contains(0, 0)))
					.andExpect(jsonPath("$.nodes[*].live").value(contains(true, true)))
					.andExpect(jsonPath("$.totalLeases").value(4))
					.andExpect(jsonPath("$.liveLeases").value(3))
					.andExpect(jsonPath("$.page").value(0))
					.andExpect(jsonPath("$.size").value(100))
					.andExpect(jsonPath("$.leases[*].database").value(contains("notes", "notes", "notes", "notes")))
					.andExpect(jsonPath("$.leases[*].instance")
						.value(contains("acme", "globex", "initech", "umbrella")))
					.andExpect(jsonPath("$.leases[*].owner").value(contains("node-a", "node-a", "node-b")))
					.andExpect(jsonPath("$.leases[*].ownerUrl")
						.value(contains("http://node-a:8080", "http://node-a:8080", "http://node-b:8080")))
					// Released: no owner any more (the actuator leaves out what is absent).
					.andExpect(jsonPath("$.leases[3].owner").doesNotExist())
					.andExpect(jsonPath("$.leases[3].ownerUrl").doesNotExist())
					.andExpect(jsonPath("$.leases[*].epoch").value(contains(1, 1, 1, 1)))
					.andExpect(jsonPath("$.leases[*].live").value(contains(true, true, true, false)))
					.andExpect(jsonPath("$.leases[0].acquiredAt").isString())
					.andExpect(jsonPath("$.leases[0].expiresAt").isString());
			});
			// node-b shut down gracefully: it released its lease, and the table no longer names it.
			mvc.perform(get("/actuator/durabledbcluster"))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.totalNodes").value(1))
				.andExpect(jsonPath("$.liveLeases").value(2))
				.andExpect(jsonPath("$.leases[2].instance").value("initech"))
				.andExpect(jsonPath("$.leases[2].owner").doesNotExist());
		});
	}

	@Test
	void leasesComeInPagesInDatabaseAndInstanceOrder() {
		node("node-a", this.dataSource).run((a) -> {
			LeaseKeeper keeper = a.getBean(LeaseKeeper.class);
			for (int i = 0; i < 5; i++) {
				keeper.acquire(new InstanceKey("notes", "t" + i));
			}
			keeper.acquire(InstanceKey.global("counters"));
			MockMvc mvc = mvc(a);
			mvc.perform(get("/actuator/durabledbcluster").param("page", "1").param("size", "2"))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.page").value(1))
				.andExpect(jsonPath("$.size").value(2))
				.andExpect(jsonPath("$.totalLeases").value(6))
				.andExpect(jsonPath("$.leases[*].instance").value(contains("t1", "t2")));
			mvc.perform(get("/actuator/durabledbcluster").param("page", "0").param("size", "1"))
				.andExpect(jsonPath("$.leases[*].database").value(contains("counters")));
			mvc.perform(get("/actuator/durabledbcluster").param("page", "5").param("size", "2"))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.totalLeases").value(6))
				.andExpect(jsonPath("$.leases.length()").value(0));
		});
	}

	@Test
	void aBadPageOrSizeIsABadRequestProblemAndAsksNothingOfTheDatabase() {
		node("node-a", this.dataSource).run((a) -> {
			MockMvc mvc = mvc(a);
			this.dataSource.reset();
			for (String[] query : new String[][] { { "page", "-1" }, { "size", "0" }, { "size", "1001" } }) {
				problem(mvc.perform(get("/actuator/durabledbcluster").param(query[0], query[1])), 400,
						"page must be 0 or more and size between 1 and 1000");
			}
			mvc.perform(get("/actuator/durabledbcluster").param("page", "abc")).andExpect(status().isBadRequest());
			assertThat(this.dataSource.statements()).isZero();
		});
	}

	@Test
	void oneLeaseIsShownLiveOrReleasedAndOneNeverAcquiredIsNotFound() {
		node("node-a", this.dataSource).run((a) -> {
			LeaseKeeper keeper = a.getBean(LeaseKeeper.class);
			keeper.acquire(ACME);
			keeper.acquire(UMBRELLA);
			keeper.release(UMBRELLA);
			MockMvc mvc = mvc(a);
			mvc.perform(get("/actuator/durabledbcluster/notes/acme"))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.database").value("notes"))
				.andExpect(jsonPath("$.instance").value("acme"))
				.andExpect(jsonPath("$.owner").value("node-a"))
				.andExpect(jsonPath("$.ownerUrl").value("http://node-a:8080"))
				.andExpect(jsonPath("$.epoch").value(1))
				.andExpect(jsonPath("$.live").value(true))
				.andExpect(jsonPath("$.acquiredAt").isString())
				.andExpect(jsonPath("$.expiresAt").isString());
			mvc.perform(get("/actuator/durabledbcluster/notes/umbrella"))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.owner").doesNotExist())
				.andExpect(jsonPath("$.ownerUrl").doesNotExist())
				.andExpect(jsonPath("$.epoch").value(1))
				.andExpect(jsonPath("$.live").value(false));
			problem(mvc.perform(get("/actuator/durabledbcluster/notes/nope")), 404,
					"No node ever acquired a lease on 'notes/nope'");
			problem(mvc.perform(get("/actuator/durabledbcluster/nope/acme")), 404,
					"No node ever acquired a lease on 'nope/acme'");
		});
	}

	@Test
	void whenTheLeaseStoreDoesNotAnswerReadsAreServiceUnavailableProblemsThatShowNoConnectionDetails() {
		node("node-a", this.dataSource).run((a) -> {
			a.getBean(LeaseKeeper.class).acquire(ACME);
			MockMvc mvc = mvc(a);
			this.dataSource.unreachable(true);
			for (String path : new String[] { "/actuator/durabledbcluster", "/actuator/durabledbcluster/notes/acme" }) {
				problem(mvc.perform(get(path)), 503, "The lease store failed (SQL state 08001)")
					.andExpect(jsonPath("$.detail").value(containsString("durableDbCluster health")))
					.andExpect(jsonPath("$.detail").value(not(containsString("127.0.0.1"))))
					.andExpect(jsonPath("$.detail").value(not(containsString(this.table))));
			}
			this.dataSource.unreachable(false);
		});
	}

	@Test
	void itOnlyReadsEvenWithUnrestrictedAccess() {
		node("node-a", this.dataSource).withPropertyValues("management.endpoint.durabledbcluster.access=UNRESTRICTED")
			.run((a) -> {
				a.getBean(LeaseKeeper.class).acquire(ACME);
				MockMvc mvc = mvc(a);
				this.dataSource.reset();
				for (String path : new String[] { "/actuator/durabledbcluster",
						"/actuator/durabledbcluster/notes/acme" }) {
					mvc.perform(post(path).contentType(MediaType.APPLICATION_JSON)
						.content("{\"operation\": \"release\"}")).andExpect(status().isMethodNotAllowed());
				}
				assertThat(this.dataSource.statements()).isZero();
				assertThat(a.getBean(LeaseKeeper.class).isValid(ACME)).isTrue();
			});
	}

	@Test
	void readableByDefaultOnceExposedAndGoneWhenItsAccessIsNone() {
		node("node-a", this.dataSource).run((a) -> assertThat(a).hasSingleBean(DurableDbClusterEndpoint.class));
		node("node-a", this.dataSource).withPropertyValues("management.endpoint.durabledbcluster.access=NONE")
			.run((a) -> assertThat(a).doesNotHaveBean(DurableDbClusterEndpoint.class));
		node("node-a", this.dataSource).withPropertyValues("management.endpoints.web.exposure.include=durabledb")
			.run((a) -> assertThat(a).doesNotHaveBean(DurableDbClusterEndpoint.class));
	}

	@Test
	void withoutClusterModeThereIsNoClusterEndpointEvenExposed() {
		ClusterNodes.singleNode(this.root.resolve("single")).run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(DurableDbClusterEndpoint.class);
			mvc(context).perform(get("/actuator/durabledbcluster")).andExpect(status().isNotFound());
		});
		assertThat(Postgres.exists(this.table)).isFalse();
	}

	private WebApplicationContextRunner node(String id, DataSource dataSource) {
		return ClusterNodes.node(this.root.resolve(id), id, this.table, dataSource);
	}

	private static MockMvc mvc(WebApplicationContext context) {
		return MockMvcBuilders.webAppContextSetup(context).build();
	}

	private static ResultActions problem(ResultActions response, int status, String detail) throws Exception {
		return response.andExpect(status().is(status))
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value(containsString(detail)));
	}

}
