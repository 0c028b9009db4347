package dev.durabledb.benchmarks;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.durabledb.action.DurableDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/** The application the benchmarks run: the starter, one per-tenant database, its actions. */
@SpringBootConfiguration
@EnableAutoConfiguration
public class BenchmarkApp {

	@Bean
	BenchActions benchActions(DurableDatabase bench) {
		return new BenchActions(bench);
	}

	/** As in an application with Actuator: durable-db's meters are recorded, so their cost is in the figures. */
	@Bean
	MeterRegistry meterRegistry() {
		return new SimpleMeterRegistry();
	}

	/**
	 * Starts the application over {@code root}, with extra properties and, where given,
	 * configurations of its own (beans that replace the starter's defaults).
	 */
	public static ConfigurableApplicationContext start(Path root, Map<String, Object> properties,
			Class<?>... configurations) {
		Map<String, Object> all = new LinkedHashMap<>();
		all.put("durable-db.data-dir", root.resolve("data").toString());
		all.put("durable-db.backup.file.dir", root.resolve("backups").toString());
		all.put("durable-db.tenant.auto-create", "false");
		// Off unless a scenario asks for it: the figures before replication existed stay
		// comparable, and the replication scenario measures what it costs.
		all.put("durable-db.replication.enabled", "false");
		all.put("logging.level.root", "warn");
		all.put("logging.level.liquibase", "error");
		all.putAll(properties);
		return new SpringApplicationBuilder(BenchmarkApp.class).sources(configurations)
			.web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.properties(all)
			.run();
	}

}
