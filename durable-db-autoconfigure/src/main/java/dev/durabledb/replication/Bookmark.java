package dev.durabledb.replication;

import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * One commit of one instance: its generation and its position in that generation (the
 * generation's snapshot is position 0, its first commit 1). As a string,
 * {@code <generation>-<position>} in fixed-width hex, so that the bookmarks of an
 * instance sort as strings in commit order: generations are numbered upwards.
 *
 * @param generation the generation, 16 hex digits
 * @param commit the position
 */
record Bookmark(String generation, long commit) implements Comparable<Bookmark> {

	private static final Pattern FORM = Pattern.compile("[0-9a-f]{16}-[0-9a-f]{16}");

	Bookmark {
		if (!Generation.isValid(generation) || commit < 0) {
			throw new IllegalArgumentException("Not a bookmark: " + generation + "/" + commit);
		}
	}

	/**
	 * Reads a bookmark written by {@link #toString()}.
	 * @throws IllegalArgumentException if {@code text} is not one
	 */
	static Bookmark parse(String text) {
		if (!FORM.matcher(text).matches()) {
			throw new IllegalArgumentException("Not a bookmark: '" + text + "' (expected 16 hex digits, '-', 16 hex digits)");
		}
		return new Bookmark(text.substring(0, 16), HexFormat.fromHexDigitsToLong(text, 17, 33));
	}

	@Override
	public int compareTo(Bookmark other) {
		return toString().compareTo(other.toString());
	}

	@Override
	public String toString() {
		return this.generation + "-" + HexFormat.of().toHexDigits(this.commit);
	}

}
