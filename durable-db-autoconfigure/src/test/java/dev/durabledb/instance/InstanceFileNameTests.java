package dev.durabledb.instance;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class InstanceFileNameTests {

	@Test
	void plainLowerCaseIdsKeepTheirName() {
		assertThat(InstanceFileName.encode("acme-42")).isEqualTo("acme-42.db");
	}

	@Test
	void upperCaseAndUnderscoreAreEscaped() {
		assertThat(InstanceFileName.encode("Acme")).isEqualTo("_41cme.db");
		assertThat(InstanceFileName.encode("a_b")).isEqualTo("a_5fb.db");
	}

	@Test
	void namesStayDistinctOnACaseInsensitiveFileSystem() {
		List<String> ids = List.of("acme", "ACME", "Acme", "aCmE", "a_41", "_41", "A", "a", "_", "__");
		Set<String> folded = new HashSet<>();
		for (String id : ids) {
			assertThat(folded.add(InstanceFileName.encode(id).toLowerCase(Locale.ROOT))).as(id).isTrue();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "../etc/passwd", "/abs", "a/b", "a\\b", "C:\\x", "nul\u0000x", ".", "..", "é", "con",
			"NUL", "lpt1", "x.db" })
	void noIdCanNameAPathOutsideItsFolder(String id) {
		String name = InstanceFileName.encode(id);
		assertThat(name).matches("[a-z0-9_-]+\\.db");
		assertThat(name).doesNotContain("..", "/", "\\");
		Path dir = Path.of("/data/notes");
		assertThat(dir.resolve(name).normalize().getParent()).isEqualTo(dir);
		assertThat(InstanceFileName.decode(name)).contains(id);
	}

	@Test
	void reservedWindowsNamesAreEscaped() {
		assertThat(InstanceFileName.encode("con")).isEqualTo("_63on.db");
		assertThat(InstanceFileName.encode("console")).isEqualTo("console.db");
	}

	@Test
	void decodingRejectsNamesThisClassNeverWrites() {
		assertThat(InstanceFileName.decode("Acme.db")).isEmpty();
		assertThat(InstanceFileName.decode("_4.db")).isEmpty();
		assertThat(InstanceFileName.decode("_4A.db")).isEmpty();
		assertThat(InstanceFileName.decode("notes.txt")).isEmpty();
		assertThat(InstanceFileName.decode(".db")).isEmpty();
		assertThat(InstanceFileName.decode("con.db")).isEmpty();
	}

	@Test
	void emptyIdsAreRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> InstanceFileName.encode(""));
	}

}
