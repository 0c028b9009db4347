package dev.durabledb.backup;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Which backups of an instance to keep: the newest {@code keepLast}, none older than
 * {@code maxAge}, and always the newest one, whatever its age.
 *
 * @param keepLast how many backups to keep at most
 * @param maxAge how old a backup may get
 */
record Retention(int keepLast, Duration maxAge) {

	/** The backups to delete, from a list ordered newest first. */
	List<BackupManifest> expired(List<BackupManifest> newestFirst, Instant now) {
		List<BackupManifest> expired = new ArrayList<>();
		Instant oldestKept = now.minus(this.maxAge);
		for (int i = 1; i < newestFirst.size(); i++) {
			BackupManifest manifest = newestFirst.get(i);
			if (i >= this.keepLast || manifest.createdAt().isBefore(oldestKept)) {
				expired.add(manifest);
			}
		}
		return expired;
	}

}
