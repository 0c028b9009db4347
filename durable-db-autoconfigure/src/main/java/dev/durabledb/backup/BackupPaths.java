package dev.durabledb.backup;

import dev.durabledb.instance.InstanceFileName;

/**
 * Relative names of a backup's objects, the same in every store:
 * {@code <database>/<instance-file>/<id>.db.gz} and {@code <id>.json}. The instance part
 * is its file name without the suffix, so it is injective and holds no separator.
 */
final class BackupPaths {

	static final String DATA_SUFFIX = ".db.gz";

	static final String MANIFEST_SUFFIX = ".json";

	private BackupPaths() {
	}

	/** The folder (or key prefix) of an instance's backups, ending with '/'. */
	static String instancePrefix(String database, String instance) {
		String file = InstanceFileName.encode(instance);
		return database + "/" + file.substring(0, file.length() - InstanceFileName.SUFFIX.length()) + "/";
	}

	static String data(BackupManifest manifest) {
		return instancePrefix(manifest.database(), manifest.instance()) + manifest.id() + DATA_SUFFIX;
	}

	static String manifest(BackupManifest manifest) {
		return instancePrefix(manifest.database(), manifest.instance()) + manifest.id() + MANIFEST_SUFFIX;
	}

}
