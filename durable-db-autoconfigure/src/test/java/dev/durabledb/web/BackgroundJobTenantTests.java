package dev.durabledb.web;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.durabledb.fixtures.NoteActions;
import dev.durabledb.fixtures.StarterConfigurations;
import dev.durabledb.tenant.DurableDbTenantContextAutoConfiguration;
import dev.durabledb.tenant.Tenants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** A job that a request starts runs for the request's tenant, on another thread. */
class BackgroundJobTenantTests {

	@TempDir
	Path dataDir;

	@Test
	void anAsyncJobStartedByARequestRunsForItsTenantAndReadsItsDatabase() {
		new WebApplicationContextRunner().withConfiguration(StarterConfigurations.core())
			.withConfiguration(AutoConfigurations.of(DurableDbWebAutoConfiguration.class,
					DurableDbTenantContextAutoConfiguration.class, TaskExecutionAutoConfiguration.class,
					HttpMessageConvertersAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
					WebMvcAutoConfiguration.class, MockMvcAutoConfiguration.class))
			.withUserConfiguration(JobApplication.class)
			.withPropertyValues("durable-db.data-dir=" + this.dataDir, "durable-db.tenant.auto-create=true")
			.run((context) -> {
				NoteActions notes = context.getBean(NoteActions.class);
				Tenants.run("acme", () -> notes.add("acme's note"));
				Tenants.run("globex", () -> notes.add("globex's note"));
				MockMvc mvc = context.getBean(MockMvc.class);
				BlockingQueue<Report> reports = context.getBean(ReportingJob.class).reports();

				mvc.perform(post("/reports").header("X-Tenant-Id", "globex")).andExpect(status().isAccepted());
				Report report = reports.poll(10, TimeUnit.SECONDS);

				assertThat(report).isNotNull();
				assertThat(report.thread()).startsWith("task-");
				assertThat(report.tenant()).contains("globex");
				assertThat(report.notes()).containsExactly("globex's note");
			});
	}

	/** What the job found: the thread it ran on, its tenant, the tenant's notes. */
	record Report(String thread, Optional<String> tenant, List<String> notes) {
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAsync
	static class JobApplication {

		@Bean
		NoteActions noteActions(@Qualifier("notes") dev.durabledb.action.DurableDatabase notes) {
			return new NoteActions(notes);
		}

		@Bean
		ReportingJob reportingJob(NoteActions notes) {
			return new ReportingJob(notes);
		}

		@Bean
		ReportController reportController(ReportingJob job) {
			return new ReportController(job);
		}

	}

	public static class ReportingJob {

		private final BlockingQueue<Report> reports = new LinkedBlockingQueue<>();

		private final NoteActions notes;

		ReportingJob(NoteActions notes) {
			this.notes = notes;
		}

		public BlockingQueue<Report> reports() {
			return this.reports;
		}

		@Async
		public void run() {
			this.reports.add(new Report(Thread.currentThread().getName(), Tenants.current(), this.notes.bodies()));
		}

	}

	@RestController
	static class ReportController {

		private final ReportingJob job;

		ReportController(ReportingJob job) {
			this.job = job;
		}

		@PostMapping("/reports")
		@ResponseStatus(HttpStatus.ACCEPTED)
		void start() {
			this.job.run();
		}

	}

}
