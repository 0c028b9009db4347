package dev.durabledb.replication;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;

/**
 * What a claim object of a fenced history says: the writer that created it, under
 * {@code epoch}, holds the position it is named after, with a segment (whose file name
 * it gives) or with the beginning of the next generation. The first writer to create a
 * position's claim wins it ({@link dev.durabledb.store.ObjectStore#putIfAbsent}); a
 * segment nobody claimed is an orphan readers ignore.
 * <pre>
 * segment &lt;first&gt;-&lt;last&gt;.e&lt;epoch&gt;.segment &lt;epoch&gt;
 * next &lt;generation&gt; &lt;epoch&gt;
 * </pre>
 *
 * @param next whether it begins the next generation rather than naming a segment
 * @param target the segment's file name, or the next generation
 * @param epoch the claiming writer's epoch
 */
record Claim(boolean next, String target, long epoch) {

	static final String SUFFIX = ".claim";

	static Claim segment(String fileName, long epoch) {
		return new Claim(false, fileName, epoch);
	}

	static Claim nextGeneration(String generation, long epoch) {
		return new Claim(true, generation, epoch);
	}

	/** The name of the claim of {@code position} in its generation's folder. */
	static String name(long position) {
		return HexFormat.of().toHexDigits(position) + SUFFIX;
	}

	/** The file name of a segment written under {@code epoch}: no other writer writes it. */
	static String segmentName(long first, long last, long epoch) {
		HexFormat hex = HexFormat.of();
		return hex.toHexDigits(first) + "-" + hex.toHexDigits(last) + ".e" + hex.toHexDigits(epoch) + ".segment";
	}

	/** The last commit a claimed segment's file name says it holds. */
	long lastCommit() {
		if (this.next || this.target.length() < 33 || this.target.charAt(16) != '-') {
			throw new IllegalStateException("Not a segment claim: " + this);
		}
		return HexFormat.fromHexDigitsToLong(this.target, 17, 33);
	}

	/** The first commit a claimed segment's file name says it holds. */
	long firstCommit() {
		return HexFormat.fromHexDigitsToLong(this.target, 0, 16);
	}

	byte[] encode() {
		return ((this.next ? "next " : "segment ") + this.target + " " + this.epoch + "\n")
			.getBytes(StandardCharsets.UTF_8);
	}

	/** The claim in {@code content}; empty if it is not one (which no writer writes). */
	static Optional<Claim> parse(byte[] content) {
		String[] parts = new String(content, StandardCharsets.UTF_8).strip().split(" ");
		if (parts.length != 3 || !(parts[0].equals("next") || parts[0].equals("segment"))) {
			return Optional.empty();
		}
		try {
			Claim claim = new Claim(parts[0].equals("next"), parts[1], Long.parseLong(parts[2]));
			if (claim.next() ? !Generation.isValid(claim.target()) : !isSegmentName(claim.target())) {
				return Optional.empty();
			}
			return Optional.of(claim);
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
	}

	private static boolean isSegmentName(String name) {
		return name.matches("[0-9a-f]{16}-[0-9a-f]{16}\\.e[0-9a-f]{16}\\.segment");
	}

}
