package dev.durabledb.instance;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Maps an instance id to a file name and back.
 * <p>
 * Lower-case ASCII letters, digits and {@code -} stand for themselves; every other byte
 * of the id's UTF-8 form, upper-case letters and {@code _} included, is written as
 * {@code _} and two lower-case hex digits. The mapping is injective even on
 * case-insensitive file systems ({@code Acme} is {@code _41cme}, {@code acme} is
 * {@code acme}), and a name can never hold a separator, a dot or a drive letter, so no
 * id can reach a file outside its folder. Names that Windows reserves ({@code con},
 * {@code nul}, {@code com1}...) have their first letter escaped too.
 */
public final class InstanceFileName {

	/** The suffix of every instance file. */
	public static final String SUFFIX = ".db";

	private static final char ESCAPE = '_';

	private static final Set<String> RESERVED = Set.of("con", "prn", "aux", "nul", "com1", "com2", "com3", "com4",
			"com5", "com6", "com7", "com8", "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8",
			"lpt9");

	private InstanceFileName() {
	}

	/** Returns the file name (with {@value #SUFFIX}) of an instance id. */
	public static String encode(String id) {
		if (id.isEmpty()) {
			throw new IllegalArgumentException("An instance id must not be empty");
		}
		StringBuilder name = new StringBuilder(id.length() + SUFFIX.length());
		boolean reserved = RESERVED.contains(id);
		byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
		for (int i = 0; i < bytes.length; i++) {
			int b = bytes[i] & 0xff;
			if (isPlain(b) && !(reserved && i == 0)) {
				name.append((char) b);
			}
			else {
				name.append(ESCAPE).append(String.format(Locale.ROOT, "%02x", b));
			}
		}
		return name.append(SUFFIX).toString();
	}

	/** Returns the instance id of a file name, or empty when it is not one this class wrote. */
	public static Optional<String> decode(String fileName) {
		if (!fileName.endsWith(SUFFIX) || fileName.length() == SUFFIX.length()) {
			return Optional.empty();
		}
		String name = fileName.substring(0, fileName.length() - SUFFIX.length());
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(name.length());
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			if (c == ESCAPE) {
				int value = hex(name, i + 1);
				if (value < 0) {
					return Optional.empty();
				}
				bytes.write(value);
				i += 2;
			}
			else if (isPlain(c)) {
				bytes.write(c);
			}
			else {
				return Optional.empty();
			}
		}
		String id = bytes.toString(StandardCharsets.UTF_8);
		return encode(id).equals(fileName) ? Optional.of(id) : Optional.empty();
	}

	private static int hex(String name, int at) {
		if (at + 2 > name.length()) {
			return -1;
		}
		int high = Character.digit(name.charAt(at), 16);
		int low = Character.digit(name.charAt(at + 1), 16);
		return (high < 0 || low < 0) ? -1 : (high << 4) | low;
	}

	private static boolean isPlain(int c) {
		return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
	}

}
