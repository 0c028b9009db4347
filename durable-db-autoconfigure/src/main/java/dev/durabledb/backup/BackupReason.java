package dev.durabledb.backup;

import java.util.Locale;

/** Why a backup was taken. */
public enum BackupReason {

	/** By the backup schedule. */
	SCHEDULED,

	/** On an operator's or the application's request. */
	MANUAL,

	/** Just before a migration. */
	PRE_MIGRATION,

	/** Just before a restore replaced the instance. */
	PRE_RESTORE,

	/** Just before the tenant was deleted. */
	PRE_DELETE;

	/** The name in manifests: {@code pre-restore}. */
	public String label() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	public static BackupReason fromLabel(String label) {
		return valueOf(label.toUpperCase(Locale.ROOT).replace('-', '_'));
	}

}
