package dev.durabledb.cluster.remote;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.durabledb.DurableDbConfigurationException;
import dev.durabledb.action.DurableAction;
import dev.durabledb.fixtures.Causes;
import dev.durabledb.fixtures.NoteActions;
import dev.durabledb.fixtures.StarterConfigurations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In cluster mode, actions whose arguments or results cannot travel as JSON fail startup,
 * naming the bean, the method and the parameter, rather than their first remote call.
 */
class ActionJsonCheckTests {

	@TempDir
	Path dataDir;

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner().withConfiguration(StarterConfigurations.core())
			.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class, JacksonAutoConfiguration.class,
					DurableDbRemoteActionAutoConfiguration.class))
			.withPropertyValues("durable-db.data-dir=" + this.dataDir, "durable-db.cluster.enabled=true",
					"durable-db.cluster.advertised-url=http://127.0.0.1:8080",
					"durable-db.cluster.secret=" + ClusterNodes.SECRET);
	}

	@Test
	void actionsOfPlainDataStartAndSoDoTheOnesOfAGenericBaseClassBoundToIt() {
		runner().withBean(PlainActions.class).withBean(NoteRepository.class).run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(ActionJsonCheck.class);
		});
	}

	@Test
	void anActionTakingASupplierFailsStartupNamingTheBeanTheMethodAndTheParameter() {
		runner().withBean("supplied", SuppliedActions.class)
			.run((context) -> assertThat(problems(context)).containsExactly(
					"bean 'supplied', SuppliedActions.add(Supplier): parameter 'body' "
							+ "(java.util.function.Supplier<java.lang.String>) is code (a functional interface), "
							+ "not data"));
	}

	@Test
	void anActionTakingAnInputStreamFailsStartupNamingTheBeanTheMethodAndTheParameter() {
		runner().withBean("uploads", UploadActions.class)
			.run((context) -> assertThat(problems(context)).containsExactly(
					"bean 'uploads', UploadActions.upload(String, InputStream): parameter 'content' "
							+ "(java.io.InputStream) is a resource (AutoCloseable), open only on the node that opened it"));
	}

	@Test
	void whatCannotTravelInsideARecordOrAListIsFoundAndNamedByItsPath() {
		runner().withBean("attachments", AttachmentActions.class)
			.run((context) -> assertThat(problems(context)).containsExactly(
					"bean 'attachments', AttachmentActions.attach(Attachment): parameter 'attachment' "
							+ "(dev.durabledb.cluster.remote.ActionJsonCheckTests$Attachment) at 'data' "
							+ "(java.io.InputStream) is a resource (AutoCloseable), open only on the node that opened it",
					"bean 'attachments', AttachmentActions.attachAll(List): parameter 'attachments' "
							+ "(java.util.List<dev.durabledb.cluster.remote.ActionJsonCheckTests$Attachment>) at "
							+ "'[].data' (java.io.InputStream) is a resource (AutoCloseable), open only on the node "
							+ "that opened it"));
	}

	@Test
	void resultsAreCheckedAsParametersAre() {
		runner().withBean("lazy", LazyActions.class).run((context) -> assertThat(problems(context)).containsExactly(
				"bean 'lazy', LazyActions.later(): its result "
						+ "(java.util.concurrent.CompletableFuture<java.lang.String>) is a result still to come, on "
						+ "the node that computes it",
				"bean 'lazy', LazyActions.lines(): its result (java.util.stream.Stream<java.lang.String>) is a "
						+ "resource (AutoCloseable), open only on the node that opened it"));
	}

	@Test
	void typesTheMapperCannotReadBackFailStartupWithTheMappersReason() {
		runner().withBean("vague", VagueActions.class).run((context) -> assertThat(problems(context)).containsExactly(
				"bean 'vague', VagueActions.anything(Object): parameter 'value' (java.lang.Object) is declared as "
						+ "Object (or an unbound type variable): the other node would read a map, a list or a string, "
						+ "not what was sent",
				"bean 'vague', VagueActions.byNote(Map): parameter 'notes' "
						+ "(java.util.Map<dev.durabledb.cluster.remote.ActionJsonCheckTests$Note,java.lang.String>) "
						+ "at '{key}' (dev.durabledb.cluster.remote.ActionJsonCheckTests$Note) cannot be read back as "
						+ "a map key by the mapper: Cannot find a (Map) Key deserializer for type [simple type, class "
						+ "dev.durabledb.cluster.remote.ActionJsonCheckTests$Note]",
				"bean 'vague', VagueActions.shape(Shape): parameter 'shape' "
						+ "(dev.durabledb.cluster.remote.ActionJsonCheckTests$Shape) is an interface or abstract "
						+ "class, and the mapper has no type information to pick the class to read (@JsonTypeInfo)",
				"bean 'vague', VagueActions.unmade(Unmade): parameter 'unmade' "
						+ "(dev.durabledb.cluster.remote.ActionJsonCheckTests$Unmade) cannot be created by the mapper: "
						+ "it has no public no-argument constructor, record constructor or @JsonCreator"));
	}

	@Test
	void theTestFixturesNoteActionsTakeACallableAndCannotStartInAClusterButStartWithoutOne() {
		runner().withBean("noteActions", NoteActions.class).run((context) -> assertThat(problems(context)).contains(
				"bean 'noteActions', NoteActions.inside(Callable): parameter 'work' "
						+ "(java.util.concurrent.Callable<java.lang.Object>) is code (a functional interface), not data",
				"bean 'noteActions', NoteActions.inside(Callable): its result (java.lang.Object) is declared as "
						+ "Object (or an unbound type variable): the other node would read a map, a list or a string, "
						+ "not what was sent"));
		runner().withBean("noteActions", NoteActions.class)
			.withPropertyValues("durable-db.cluster.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ActionJsonCheck.class));
	}

	@Test
	void theFailureSaysWhatToDo() {
		runner().withBean("supplied", SuppliedActions.class).run((context) -> {
			DurableDbConfigurationException failure = Causes.find(context.getStartupFailure(),
					DurableDbConfigurationException.class);
			assertThat(failure.getDescription()).startsWith("In a cluster (durable-db.cluster.enabled=true) an action "
					+ "may run on another node, its arguments and result sent as JSON, and these cannot travel as JSON:");
			assertThat(failure.getAction()).contains("records, lists, maps, strings, numbers", "turn the cluster off");
		});
	}

	@Test
	void lazyBeansAreCheckedAsWell() {
		runner().withBean("supplied", SuppliedActions.class, SuppliedActions::new,
				(definition) -> definition.setLazyInit(true))
			.run((context) -> assertThat(problems(context)).hasSize(1));
	}

	private static List<String> problems(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		String description = Causes.find(context.getStartupFailure(), DurableDbConfigurationException.class)
			.getDescription();
		return description.lines().filter((line) -> line.startsWith(" - ")).map((line) -> line.substring(3)).toList();
	}

	public record Note(String body, List<String> tags) {
	}

	public enum Color {

		RED, GREEN

	}

	@JsonTypeInfo(use = JsonTypeInfo.Id.NAME)
	@JsonSubTypes({ @JsonSubTypes.Type(value = Circle.class, name = "circle"),
			@JsonSubTypes.Type(value = Square.class, name = "square") })
	public sealed interface Figure permits Circle, Square {

	}

	public record Circle(double radius) implements Figure {
	}

	public record Square(double side) implements Figure {
	}

	public record Page<T>(List<T> items, int total) {
	}

	@DurableAction(database = "notes")
	public static class PlainActions {

		public long add(String body, int priority, boolean pinned, Color color, Instant due, UUID id) {
			return 1;
		}

		public Note note(Note note, Optional<Note> previous, Map<String, Note> byTitle, Set<Color> colors,
				BigDecimal price, byte[] image, long[] counts) {
			return note;
		}

		public List<Note> notes(List<String> bodies) {
			return List.of();
		}

		public Page<Note> page(int number) {
			return new Page<>(List.of(), 0);
		}

		public Figure figure(Figure figure) {
			return figure;
		}

		public void forget(String body) {
		}

	}

	/** Actions of a generic base class: {@code T} is bound by the subclass. */
	public abstract static class Repository<T> {

		@DurableAction(database = "notes")
		public T save(T item) {
			return item;
		}

		@DurableAction(database = "notes")
		public List<T> all() {
			return List.of();
		}

	}

	public static class NoteRepository extends Repository<Note> {

	}

	@DurableAction(database = "notes")
	public static class SuppliedActions {

		public long add(Supplier<String> body) {
			return 1;
		}

	}

	@DurableAction(database = "notes")
	public static class UploadActions {

		public void upload(String name, InputStream content) {
		}

	}

	public record Attachment(String name, InputStream data) {
	}

	@DurableAction(database = "notes")
	public static class AttachmentActions {

		public void attach(Attachment attachment) {
		}

		public void attachAll(List<Attachment> attachments) {
		}

	}

	@DurableAction(database = "notes")
	public static class LazyActions {

		public CompletableFuture<String> later() {
			return CompletableFuture.completedFuture("");
		}

		public Stream<String> lines() {
			return Stream.empty();
		}

	}

	public interface Shape {

	}

	/** Two constructors, neither marked: the mapper cannot tell which one to create it with. */
	public static class Unmade {

		private final String name;

		public Unmade(String name, int size) {
			this.name = name;
		}

		public Unmade(int size, String name) {
			this.name = name;
		}

		public String getName() {
			return this.name;
		}

	}

	@DurableAction(database = "notes")
	public static class VagueActions {

		public void anything(Object value) {
		}

		public void byNote(Map<Note, String> notes) {
		}

		public void shape(Shape shape) {
		}

		public void unmade(Unmade unmade) {
		}

	}

}
