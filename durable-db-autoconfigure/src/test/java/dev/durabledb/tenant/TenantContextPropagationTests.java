package dev.durabledb.tenant;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import dev.durabledb.fixtures.NoteActions;
import dev.durabledb.fixtures.TestApplications;
import io.micrometer.context.ContextExecutorService;
import io.micrometer.context.ContextSnapshotFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.Context;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskDecorator;
import org.springframework.core.task.support.ContextPropagatingTaskDecorator;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bound tenant follows work handed to other threads, and reads that tenant's
 * database there: acme and globex each hold one note of their own.
 */
class TenantContextPropagationTests {

	@TempDir
	Path dataDir;

	private ApplicationContextRunner runner() {
		return TestApplications.withActions(this.dataDir)
			.withConfiguration(AutoConfigurations.of(TaskExecutionAutoConfiguration.class,
					TaskSchedulingAutoConfiguration.class, DurableDbTenantContextAutoConfiguration.class))
			.withUserConfiguration(BackgroundWork.class)
			// One thread each, so that a task that comes after another runs on the thread it used.
			.withPropertyValues("spring.task.execution.pool.core-size=1", "spring.task.execution.pool.max-size=1",
					"spring.task.scheduling.pool.size=1");
	}

	@Test
	void anAsyncMethodRunsForTheTenantThatCalledItAndReadsItsDatabase() {
		runner().run((context) -> {
			Jobs jobs = withNotes(context).getBean(Jobs.class);

			Seen acme = Tenants.call("acme", jobs::look).get(10, TimeUnit.SECONDS);
			Seen globex = Tenants.call("globex", jobs::look).get(10, TimeUnit.SECONDS);

			assertThat(acme.thread()).isNotEqualTo(Thread.currentThread().getName());
			assertThat(acme.tenant()).contains("acme");
			assertThat(acme.notes()).containsExactly("acme's note");
			assertThat(globex.tenant()).contains("globex");
			assertThat(globex.notes()).containsExactly("globex's note");
		});
	}

	@Test
	void aTaskOfTheAutoConfiguredExecutorRunsForItsTenantAndTheNextOneWithoutATenantSeesNone() {
		runner().run((context) -> {
			NoteActions notes = withNotes(context).getBean(NoteActions.class);
			ThreadPoolTaskExecutor executor = context.getBean("applicationTaskExecutor", ThreadPoolTaskExecutor.class);

			Seen first = Tenants.call("acme", () -> executor.submitCompletable(() -> Seen.here(notes)))
				.get(10, TimeUnit.SECONDS);
			Seen second = executor.submitCompletable(() -> Seen.here(null)).get(10, TimeUnit.SECONDS);

			assertThat(first.tenant()).contains("acme");
			assertThat(first.notes()).containsExactly("acme's note");
			assertThat(second.thread()).isEqualTo(first.thread());
			assertThat(second.tenant()).isEmpty();
		});
	}

	@Test
	void aTaskScheduledInsideATenantRunsForItAndTheNextOneWithoutATenantSeesNone() {
		runner().run((context) -> {
			NoteActions notes = withNotes(context).getBean(NoteActions.class);
			TaskScheduler scheduler = context.getBean(TaskScheduler.class);
			CompletableFuture<Seen> inAcme = new CompletableFuture<>();
			CompletableFuture<Seen> outside = new CompletableFuture<>();

			Tenants.run("acme", () -> scheduler.schedule(() -> inAcme.complete(Seen.here(notes)), Instant.now()));
			Seen first = inAcme.get(10, TimeUnit.SECONDS);
			scheduler.schedule(() -> outside.complete(Seen.here(null)), Instant.now());
			Seen second = outside.get(10, TimeUnit.SECONDS);

			assertThat(first.tenant()).contains("acme");
			assertThat(first.notes()).containsExactly("acme's note");
			assertThat(second.thread()).isEqualTo(first.thread());
			assertThat(second.tenant()).isEmpty();
		});
	}

	@Test
	void aCompletableFutureOnAnExecutorWrappedByTheLibraryCarriesTheTenant() {
		runner().run((context) -> {
			NoteActions notes = withNotes(context).getBean(NoteActions.class);
			ExecutorService pool = Executors.newSingleThreadExecutor();
			try {
				// The library's own registry knows the tenant: the starter registers nothing by hand.
				ExecutorService propagating = ContextExecutorService.wrap(pool, ContextSnapshotFactory.builder().build());

				Seen globex = Tenants.call("globex",
						() -> CompletableFuture.supplyAsync(() -> Seen.here(notes), propagating))
					.get(10, TimeUnit.SECONDS);
				Seen after = CompletableFuture.supplyAsync(() -> Seen.here(null), propagating).get(10, TimeUnit.SECONDS);

				assertThat(globex.tenant()).contains("globex");
				assertThat(globex.notes()).containsExactly("globex's note");
				assertThat(after.thread()).isEqualTo(globex.thread());
				assertThat(after.tenant()).isEmpty();
			}
			finally {
				pool.shutdownNow();
			}
		});
	}

	@Test
	void aReactorChainCarriesTheTenantOnceAutomaticPropagationIsOn() {
		runner().run((context) -> {
			NoteActions notes = withNotes(context).getBean(NoteActions.class);
			Hooks.enableAutomaticContextPropagation();
			try {
				List<String> captured = Tenants.call("acme",
						() -> Mono.fromCallable(notes::bodies).subscribeOn(Schedulers.boundedElastic()).block());
				List<String> written = Mono.fromCallable(notes::bodies)
					.subscribeOn(Schedulers.boundedElastic())
					.contextWrite(Context.of(TenantThreadLocalAccessor.KEY, "globex"))
					.block();

				assertThat(captured).containsExactly("acme's note");
				assertThat(written).containsExactly("globex's note");
			}
			finally {
				Hooks.disableAutomaticContextPropagation();
			}
		});
	}

	@Test
	void aTaskLeavesNoTenantBehindOnTheThreadThatRanIt() {
		runner().run((context) -> {
			TaskDecorator decorator = context.getBean(TaskDecorator.class);
			CompletableFuture<Optional<String>> seen = new CompletableFuture<>();
			Runnable submittedInAcme = Tenants.call("acme",
					() -> decorator.decorate(() -> seen.complete(Tenants.current())));

			// Run on this very thread, which has no tenant, as a pooled thread would.
			submittedInAcme.run();

			assertThat(seen).isCompletedWithValue(Optional.of("acme"));
			assertThat(Tenants.current()).isEmpty();
		});
	}

	@Test
	void aTaskSubmittedWithoutATenantRunsWithNoneEvenOnAThreadThatHasOneAndGivesItBack() {
		runner().run((context) -> {
			TaskDecorator decorator = context.getBean(TaskDecorator.class);
			CompletableFuture<Optional<String>> seen = new CompletableFuture<>();
			Runnable submittedOutside = decorator.decorate(() -> seen.complete(Tenants.current()));

			// Run on this very thread, bound to globex, as a caller-runs rejection policy would.
			Optional<String> after = Tenants.call("globex", () -> {
				submittedOutside.run();
				return Tenants.current();
			});

			assertThat(seen).isCompletedWithValue(Optional.empty());
			assertThat(after).contains("globex");
			assertThat(Tenants.current()).isEmpty();
		});
	}

	@Test
	void aTaskThatFailsStillGivesTheThreadItsOwnTenantBack() {
		runner().run((context) -> {
			TaskDecorator decorator = context.getBean(TaskDecorator.class);
			Runnable failing = Tenants.call("acme", () -> decorator.decorate(() -> {
				throw new IllegalStateException("the task fails");
			}));

			Optional<String> after = Tenants.call("globex", () -> {
				try {
					failing.run();
				}
				catch (IllegalStateException expected) {
					// What matters is the binding afterwards.
				}
				return Tenants.current();
			});

			assertThat(after).contains("globex");
		});
	}

	@Test
	void turnedOffTasksRunForNoTenant() {
		runner().withPropertyValues("durable-db.tenant.propagate-context=false").run((context) -> {
			assertThat(context).doesNotHaveBean(TaskDecorator.class);
			Jobs jobs = context.getBean(Jobs.class);

			Seen seen = Tenants.call("acme", jobs::look).get(10, TimeUnit.SECONDS);

			assertThat(seen.tenant()).isEmpty();
		});
	}

	@Test
	void backsOffForSpringBootsOwnPropagationWhichCarriesTheTenantToo() {
		runner().withPropertyValues("spring.task.execution.propagate-context=true").run((context) -> {
			assertThat(context).hasSingleBean(TaskDecorator.class)
				.getBean(TaskDecorator.class)
				.isExactlyInstanceOf(ContextPropagatingTaskDecorator.class);
			Jobs jobs = withNotes(context).getBean(Jobs.class);

			Seen seen = Tenants.call("acme", jobs::look).get(10, TimeUnit.SECONDS);

			assertThat(seen.tenant()).contains("acme");
			assertThat(seen.notes()).containsExactly("acme's note");
		});
	}

	@Test
	void backsOffForTheApplicationsOwnContextPropagatingDecorator() {
		runner().withBean("mine", ContextPropagatingTaskDecorator.class, ContextPropagatingTaskDecorator::new)
			.run((context) -> assertThat(context).hasSingleBean(TaskDecorator.class).hasBean("mine"));
	}

	@Test
	void withoutTheContextPropagationLibraryThereIsNoDecoratorAndTheApplicationStarts() {
		runner().withClassLoader(new FilteredClassLoader("io.micrometer.context"))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(TaskDecorator.class));
	}

	private static AssertableApplicationContext withNotes(AssertableApplicationContext context) {
		NoteActions notes = context.getBean(NoteActions.class);
		Tenants.run("acme", () -> notes.add("acme's note"));
		Tenants.run("globex", () -> notes.add("globex's note"));
		return context;
	}

	/** What a task saw: the thread it ran on, its tenant, and the notes it read there. */
	record Seen(String thread, Optional<String> tenant, List<String> notes) {

		/** Looks around on this thread; reads the notes when given the actions and a tenant is bound. */
		static Seen here(NoteActions notes) {
			Optional<String> tenant = Tenants.current();
			List<String> bodies = (notes != null && tenant.isPresent()) ? notes.bodies() : List.of();
			return new Seen(Thread.currentThread().getName(), tenant, bodies);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAsync
	@EnableScheduling
	static class BackgroundWork {

		@Bean
		Jobs jobs(NoteActions notes) {
			return new Jobs(notes);
		}

	}

	public static class Jobs {

		private final NoteActions notes;

		Jobs(NoteActions notes) {
			this.notes = notes;
		}

		@Async
		public CompletableFuture<Seen> look() {
			return CompletableFuture.completedFuture(Seen.here(this.notes));
		}

	}

}
