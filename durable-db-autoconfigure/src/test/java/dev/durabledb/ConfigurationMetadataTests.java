package dev.durabledb;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** What an IDE shows for durable-db's properties, as generated from DurableDbProperties. */
class ConfigurationMetadataTests {

	@Test
	void everyPropertyIsDescribedInPlainWords() throws Exception {
		JsonNode metadata = metadata();
		assertThat(metadata.get("properties")).hasSizeGreaterThan(30).allSatisfy((property) -> {
			String name = property.get("name").asString();
			assertThat(property.has("description")).as(name).isTrue();
			assertThat(property.get("description").asString()).as(name).doesNotContain("{@", "<");
		});
	}

	@Test
	void everyEnumeratedPropertyHasValueHintsInTheFormItIsWritten() throws Exception {
		JsonNode metadata = metadata();
		Map<String, List<String>> hints = new TreeMap<>();
		metadata.get("hints").forEach((hint) -> hints.put(hint.get("name").asString(),
				hint.get("values").valueStream().map((value) -> value.get("value").asString()).toList()));
		assertThat(hints).containsEntry("durable-db.tenant.resolver", List.of("header", "subdomain"))
			.containsEntry("durable-db.databases.values.instance", List.of("per-tenant", "global"))
			.containsEntry("durable-db.sqlite.synchronous", List.of("normal", "full"))
			.containsEntry("durable-db.migration.mode", List.of("lazy", "eager"))
			.containsEntry("durable-db.backup.store", List.of("file", "s3"));
		metadata.get("hints").forEach((hint) -> hint.get("values")
			.forEach((value) -> assertThat(value.has("description")).as(hint.get("name").asString()).isTrue()));
	}

	private JsonNode metadata() throws Exception {
		try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			return JsonMapper.builder().build().readTree(in);
		}
	}

}
