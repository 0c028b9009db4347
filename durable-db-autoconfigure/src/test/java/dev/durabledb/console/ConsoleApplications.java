package dev.durabledb.console;

import java.nio.file.Path;

import dev.durabledb.fixtures.NoteActions;
import dev.durabledb.fixtures.StarterConfigurations;
import dev.durabledb.replication.DurableDbReplicationAutoConfiguration;
import dev.durabledb.tenant.Tenants;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/** Servlet applications with the notes database and the console turned on, over real files. */
final class ConsoleApplications {

	private ConsoleApplications() {
	}

	/** The console over {@code dataDir}; tenants are created on first use by the actions (not by the console). */
	static WebApplicationContextRunner console(Path dataDir) {
		return servlet(dataDir).withPropertyValues("durable-db.console.enabled=true");
	}

	/** A servlet application with the starter and the notes actions, the console as configured. */
	static WebApplicationContextRunner servlet(Path dataDir) {
		return new WebApplicationContextRunner().withConfiguration(StarterConfigurations.core())
			.withConfiguration(AutoConfigurations.of(DurableDbConsoleAutoConfiguration.class,
					WebMvcAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
					JacksonAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class))
			.withUserConfiguration(Notes.class)
			.withPropertyValues("durable-db.data-dir=" + dataDir, "durable-db.tenant.auto-create=true");
	}

	/** {@link #console} with replication to a folder store under {@code root/backups}, data in {@code root/data}. */
	static WebApplicationContextRunner replicated(Path root) {
		return console(root.resolve("data")).withConfiguration(StarterConfigurations.backups())
			.withConfiguration(AutoConfigurations.of(DurableDbReplicationAutoConfiguration.class))
			.withPropertyValues("durable-db.backup.file.dir=" + root.resolve("backups"),
					"durable-db.replication.sync-interval=1h");
	}

	static MockMvc mvc(ApplicationContext context) {
		return MockMvcBuilders.webAppContextSetup((WebApplicationContext) context).build();
	}

	static void addNotes(ApplicationContext context, String tenant, String... bodies) {
		NoteActions notes = context.getBean(NoteActions.class);
		for (String body : bodies) {
			Tenants.run(tenant, () -> notes.add(body));
		}
	}

	static int count(ApplicationContext context, String tenant) {
		return Tenants.call(tenant, () -> context.getBean(NoteActions.class).count());
	}

	@Configuration(proxyBeanMethods = false)
	static class Notes {

		@Bean
		NoteActions noteActions(@Qualifier("notes") dev.durabledb.action.DurableDatabase notes) {
			return new NoteActions(notes);
		}

	}

}
