package dev.durabledb.cluster.remote;

import java.io.File;
import java.lang.reflect.Type;
import java.sql.Blob;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.Lock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.TypeFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** Which types travel as JSON, as the mapper at hand reads and writes them. */
class JsonTravelTests {

	private final JsonTravel travel = new JsonTravel(JsonMapper.shared());

	@ParameterizedTest
	@ValueSource(classes = { Thread.class, File.class, java.nio.file.Path.class, Blob.class, Iterator.class,
			Lock.class, Runnable.class, Formatter.class })
	void thingsThatMeanSomethingOnlyOnTheirNodeDoNotTravel(Class<?> type) {
		assertThat(this.travel.whyNot(type(type))).isPresent();
	}

	@Test
	void eachKindSaysWhy() {
		assertThat(this.travel.whyNot(type(Thread.class))).hasValue(
				"belongs to this JVM (a thread, an executor, a lock or a class loader)");
		assertThat(this.travel.whyNot(type(java.nio.file.Path.class))).hasValue("names a file on one node's disk");
		assertThat(this.travel.whyNot(type(Blob.class)))
			.hasValue("is a database handle, open only on the node that opened it");
		assertThat(this.travel.whyNot(type(Formatter.class))).hasValue("is code (a functional interface), not data");
	}

	@Test
	void dataTravelsEvenWhenItRefersToItself() {
		assertThat(this.travel.whyNot(type(Tree.class))).isEmpty();
		assertThat(this.travel.whyNot(type(JsonNode.class))).isEmpty();
		assertThat(this.travel.whyNot(this.types().constructParametricType(Optional.class, Tree.class))).isEmpty();
		assertThat(this.travel.whyNot(this.types().constructMapType(Map.class, String.class, Tree.class))).isEmpty();
	}

	@Test
	void aClassWithoutPropertiesTravelsOnlyWhenTheMapperWritesEmptyObjects() {
		// Jackson 3 writes them as {} unless told to fail.
		assertThat(this.travel.whyNot(type(Empty.class))).isEmpty();
		JsonTravel strict = new JsonTravel(
				JsonMapper.builder().enable(SerializationFeature.FAIL_ON_EMPTY_BEANS).build());
		assertThat(strict.whyNot(type(Empty.class))).hasValue("has no property the mapper can write");
	}

	@Test
	void whatIsInsideAnOptionalIsCheckedWhereItIs() {
		assertThat(this.travel.whyNot(this.types().constructParametricType(Optional.class, Holder.class)))
			.hasValue("at 'file' (java.io.File) names a file on one node's disk");
	}

	private TypeFactory types() {
		return JsonMapper.shared().getTypeFactory();
	}

	private tools.jackson.databind.JavaType type(Type type) {
		return types().constructType(type);
	}

	/** A functional interface of the application's own. */
	@FunctionalInterface
	interface Formatter {

		String format(String text);

	}

	public record Tree(String name, List<Tree> children) {
	}

	public record Holder(String name, File file) {
	}

	public static class Empty {

	}

}
