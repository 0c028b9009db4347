package dev.durabledb.backup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Backup ids sort in the order backups were taken, even within one millisecond. */
class BackupIdTests {

	@Test
	void idsTakenInTheSameMillisecondSortInTheOrderTheyWereTaken() {
		BackupId backupIds = new BackupId();
		Instant now = Instant.parse("2030-01-01T00:00:00.000Z");
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			ids.add(backupIds.next(now));
		}
		assertThat(ids).isSorted().doesNotHaveDuplicates().allMatch(BackupId::isValid);
	}

	@Test
	void anIdNamesItsCreationTime() {
		String id = new BackupId().next(Instant.parse("2031-06-15T12:34:56.789Z"));
		assertThat(id).startsWith("20310615T123456789Z-");
		assertThat(BackupId.isValid(id)).isTrue();
		assertThat(BackupId.isValid("../20310615T123456789Z-00000000")).isFalse();
	}

}
