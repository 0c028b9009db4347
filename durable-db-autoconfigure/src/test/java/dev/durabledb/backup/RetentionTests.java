package dev.durabledb.backup;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RetentionTests {

	private static final Instant NOW = Instant.parse("2026-06-30T00:00:00Z");

	@Test
	void keepsTheNewestNAndDropsWhatIsTooOld() {
		List<BackupManifest> newestFirst = List.of(backup("2026-06-29"), backup("2026-06-28"), backup("2026-06-27"),
				backup("2026-05-01"));
		Retention retention = new Retention(3, Duration.ofDays(30));
		assertThat(retention.expired(newestFirst, NOW)).containsExactly(newestFirst.get(3));
		assertThat(new Retention(2, Duration.ofDays(365)).expired(newestFirst, NOW))
			.containsExactly(newestFirst.get(2), newestFirst.get(3));
	}

	@Test
	void neverDropsTheNewestBackupHoweverOld() {
		List<BackupManifest> newestFirst = List.of(backup("2020-01-02"), backup("2020-01-01"));
		assertThat(new Retention(1, Duration.ofDays(1)).expired(newestFirst, NOW)).containsExactly(newestFirst.get(1));
		assertThat(new Retention(0, Duration.ofDays(1)).expired(List.of(newestFirst.get(0)), NOW)).isEmpty();
	}

	private static BackupManifest backup(String day) {
		Instant at = Instant.parse(day + "T00:00:00Z");
		return new BackupManifest(new BackupId().next(at), "notes", "acme", at, 1, 1, "0".repeat(64), "", "scheduled", "epoch:1");
	}

}
