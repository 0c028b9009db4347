package dev.durabledb;

import java.io.InputStream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** What an IDE shows for durable-db's properties, as generated from DurableDbProperties. */
class ConfigurationMetadataTests {

	@Test
	void everyPropertyIsDescribedInPlainWords() throws Exception {
		JsonNode metadata;
		try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			metadata = JsonMapper.builder().build().readTree(in);
		}
		assertThat(metadata.get("properties")).hasSizeGreaterThan(30).allSatisfy((property) -> {
			String name = property.get("name").asString();
			assertThat(property.has("description")).as(name).isTrue();
			assertThat(property.get("description").asString()).as(name).doesNotContain("{@", "<");
		});
	}

}
