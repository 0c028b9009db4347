package dev.durabledb.actuate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.durabledb.migration.InstanceDryRun;
import dev.durabledb.migration.MigrationDryRun;
import dev.durabledb.migration.MigrationDryRunReport;
import org.jspecify.annotations.Nullable;

/**
 * The endpoint's {@code validate} operation on a database: a {@link MigrationDryRun} of
 * every instance, or of a {@code sample}, answered as counts, the failures and (for up to
 * {@value #MAX_LISTED} instances) every instance's result. Bad input is a 400 problem.
 */
final class ValidateOperation {

	/** How many instances, and failures, an answer lists at most; the counts are always whole. */
	static final int MAX_LISTED = 1000;

	private final MigrationDryRun dryRun;

	ValidateOperation(MigrationDryRun dryRun) {
		this.dryRun = dryRun;
	}

	/**
	 * {@code {"operation": "validate", "database", "fingerprint", "total", "succeeded",
	 * "failed", "upToDate", "notChecked", "failures": [...], "instances": [...]}}.
	 */
	Map<String, Object> validate(String database, @Nullable String sample) throws InterruptedException {
		Integer size = sampleSize(sample);
		MigrationDryRunReport report = (size != null) ? this.dryRun.validate(database, size)
				: this.dryRun.validate(database);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("operation", "validate");
		body.put("database", report.database());
		body.put("fingerprint", report.fingerprint());
		body.put("instancesInDatabase", report.instancesInDatabase());
		body.put("total", report.total());
		body.put("succeeded", report.succeeded());
		body.put("failed", report.failed());
		body.put("upToDate", report.upToDate());
		body.put("notChecked", report.notChecked());
		body.put("tookMillis", report.took().toMillis());
		List<InstanceDryRun> failures = report.failures();
		body.put("failures", failures.stream().limit(MAX_LISTED).map(ValidateOperation::view).toList());
		if (failures.size() > MAX_LISTED) {
			body.put("failuresNotListed", failures.size() - MAX_LISTED);
		}
		if (report.total() <= MAX_LISTED) {
			body.put("instances", report.instances().stream().map(ValidateOperation::view).toList());
		}
		return body;
	}

	private static @Nullable Integer sampleSize(@Nullable String sample) {
		if (sample == null) {
			return null;
		}
		try {
			int size = Integer.parseInt(sample.strip());
			if (size >= 1) {
				return size;
			}
		}
		catch (NumberFormatException ex) {
			// Answered below, as any other bad size.
		}
		throw EndpointProblem.badRequest("\"sample\" must be a whole number of instances, 1 or more, not '"
				+ ((sample.length() > 40) ? sample.substring(0, 40) + "..." : sample) + "'");
	}

	private static Map<String, Object> view(InstanceDryRun result) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("instance", result.instance());
		view.put("outcome", result.outcome().label());
		if (result.path() != null) {
			view.put("path", result.path().label());
			view.put("plan", result.plan());
		}
		if (result.changeSet() != null) {
			view.put("changeset", result.changeSet());
		}
		if (result.error() != null) {
			view.put("error", result.error());
		}
		view.put("tookMillis", result.took().toMillis());
		return view;
	}

}
