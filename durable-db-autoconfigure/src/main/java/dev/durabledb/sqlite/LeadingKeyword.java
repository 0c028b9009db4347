package dev.durabledb.sqlite;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The first keyword of an SQL statement, behind any whitespace and comments: enough to
 * tell transaction control ({@code BEGIN}, {@code COMMIT}...) from other statements
 * without parsing SQL.
 */
public final class LeadingKeyword {

	private static final Pattern FIRST_WORD = Pattern.compile("^(?:\\s|--[^\\n]*(?:\\n|$)|/\\*.*?\\*/)*([A-Za-z]+)",
			Pattern.DOTALL);

	private LeadingKeyword() {
	}

	/** The statement's first keyword in upper case; empty when it has none. */
	public static String of(String sql) {
		Matcher word = FIRST_WORD.matcher(sql);
		return word.find() ? word.group(1).toUpperCase(Locale.ROOT) : "";
	}

}
