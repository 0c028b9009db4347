package dev.durabledb.migration;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * What applying the deployed changelog to a copy of one instance gave.
 *
 * @param instance the instance: a tenant id, or {@code global}
 * @param outcome would succeed, would fail, up to date, or not checked
 * @param path how the instance would be migrated; {@code null} when up to date or not
 * checked
 * @param plan the path in words: {@code replay: 1 step, 27 statements in one transaction}
 * or {@code liquibase: <why>}, as the instance status says it; {@code null} with no path
 * @param changeSet the changeset that failed, when known
 * @param error why it failed, or why it could not be checked; no file paths
 * @param took how long the copy and the migration took
 */
public record InstanceDryRun(String instance, DryRunOutcome outcome, @Nullable MigrationPath path,
		@Nullable String plan, @Nullable ChangeSetId changeSet, @Nullable String error, Duration took) {
}
