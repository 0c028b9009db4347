package dev.durabledb.backup;

import java.io.IOException;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** Reads and writes manifests as JSON. */
final class ManifestCodec {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private ManifestCodec() {
	}

	static byte[] write(BackupManifest manifest) {
		return JSON.writeValueAsBytes(manifest);
	}

	static BackupManifest read(byte[] json) throws IOException {
		try {
			return JSON.readValue(json, BackupManifest.class);
		}
		catch (JacksonException ex) {
			throw new IOException("Unreadable backup manifest", ex);
		}
	}

}
