package dev.durabledb.backup;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Backup ids: the UTC creation time to the millisecond, then random hex, for example
 * {@code 20261122T020713123Z-9f2c41d0}. They sort by time and are safe as file names and
 * object keys. One instance hands out strictly increasing ids: two backups taken in the
 * same millisecond get consecutive milliseconds, so that "newest first" (and retention,
 * which always keeps the newest) never depends on the random part.
 */
final class BackupId {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'")
		.withZone(ZoneOffset.UTC);

	private static final Pattern VALID = Pattern.compile("\\d{8}T\\d{9}Z-[0-9a-f]{8}");

	private static final SecureRandom RANDOM = new SecureRandom();

	private final AtomicLong lastMillis = new AtomicLong();

	/** The id of a backup taken at {@code createdAt}, after every id this instance gave. */
	String next(Instant createdAt) {
		long millis = this.lastMillis.updateAndGet((last) -> Math.max(last + 1, createdAt.toEpochMilli()));
		byte[] random = new byte[4];
		RANDOM.nextBytes(random);
		return TIME.format(Instant.ofEpochMilli(millis)) + "-" + HexFormat.of().formatHex(random);
	}

	/** Whether {@code id} has the form of a backup id (and so is safe in a path). */
	public static boolean isValid(String id) {
		return id != null && VALID.matcher(id).matches();
	}

}
