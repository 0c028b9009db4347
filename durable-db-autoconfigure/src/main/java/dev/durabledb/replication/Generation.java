package dev.durabledb.replication;

import java.time.Clock;
import java.util.HexFormat;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Generation ids: 16 hex digits of the milliseconds since the epoch when the generation
 * began, one more than the previous generation's if the clock says otherwise, so that an
 * instance's generations, and with them its bookmarks, sort in the order they began.
 */
final class Generation {

	private static final Pattern FORM = Pattern.compile("[0-9a-f]{16}");

	private Generation() {
	}

	/** The id of a generation that begins now, after {@code previous} (if any). */
	static String next(@Nullable String previous, Clock clock) {
		long id = clock.millis();
		if (previous != null) {
			id = Math.max(id, HexFormat.fromHexDigitsToLong(previous) + 1);
		}
		return HexFormat.of().toHexDigits(id);
	}

	/** When {@code generation} began (as its id says). */
	static java.time.Instant began(String generation) {
		return java.time.Instant.ofEpochMilli(HexFormat.fromHexDigitsToLong(generation));
	}

	static boolean isValid(String generation) {
		return FORM.matcher(generation).matches();
	}

}
