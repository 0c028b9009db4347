package dev.durabledb.console;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One page of what a statement answered.
 *
 * @param columns the column names; empty for a statement that returns no rows
 * @param rows the page's rows, each value a string, a number or null (blobs are shown by
 * size and first bytes)
 * @param page which page, from 0
 * @param pageSize rows per page
 * @param more whether rows follow this page
 * @param changes rows the statement changed, for one that returns no rows
 * @param millis time the statement took to run and fill the page
 */
record ResultPage(List<String> columns, List<List<@Nullable Object>> rows, int page, int pageSize, boolean more,
		int changes, double millis) {
}
