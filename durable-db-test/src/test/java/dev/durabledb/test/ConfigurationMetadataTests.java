package dev.durabledb.test;

import java.io.InputStream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** IDEs read the test support's one property where they read every other. */
class ConfigurationMetadataTests {

	@Test
	void theCleanTenantsPropertyIsDescribed() throws Exception {
		JsonNode metadata;
		try (InputStream in = CleanTenantsTestExecutionListener.class
			.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(in).isNotNull();
			metadata = JsonMapper.builder().build().readTree(in);
		}
		assertThat(metadata.get("properties")).singleElement().satisfies((property) -> {
			assertThat(property.get("name").asString()).isEqualTo(CleanTenantsTestExecutionListener.PROPERTY);
			assertThat(property.get("defaultValue").asBoolean()).isTrue();
			assertThat(property.get("description").asString()).isNotBlank();
		});
	}

}
