package dev.durabledb.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class SyncingFileOutputTests {

	@TempDir
	Path folder;

	@Test
	void writesEveryByteAcrossSeveralBackgroundSyncs() throws IOException {
		byte[] data = new byte[SyncingFileOutput.SYNC_EVERY_BYTES * 2 + 12345];
		new Random(7).nextBytes(data);
		Path file = this.folder.resolve("large.db");
		SyncingFileOutput output = SyncingFileOutput.create(file);
		try (output) {
			output.write(data[0]);
			for (int offset = 1; offset < data.length; offset += 65536) {
				output.write(data, offset, Math.min(65536, data.length - offset));
			}
		}
		output.awaitSynced();
		output.awaitSynced();

		assertThat(Files.readAllBytes(file)).isEqualTo(data);
	}

	@Test
	void replacesWhatAFileHeld() throws IOException {
		Path file = this.folder.resolve("leftover.db");
		Files.write(file, new byte[100_000]);
		SyncingFileOutput output = SyncingFileOutput.create(file);
		output.write(new byte[] { 1, 2, 3 }, 0, 3);
		output.awaitSynced();

		assertThat(Files.readAllBytes(file)).containsExactly(1, 2, 3);
	}

}
