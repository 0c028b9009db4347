package dev.durabledb.export;

import java.nio.file.Path;
import java.time.Instant;

import dev.durabledb.instance.InstanceKey;
import org.jspecify.annotations.Nullable;

/**
 * One export.
 *
 * @param id the job id
 * @param key the instance
 * @param status {@code running}, {@code done} or {@code failed}
 * @param startedAt when it started
 * @param finishedAt when it finished, or {@code null}
 * @param sizeBytes size of the dump when done
 * @param error why it failed, or {@code null}
 * @param file where the dump is, when done
 */
public record ExportJob(String id, InstanceKey key, String status, Instant startedAt, @Nullable Instant finishedAt,
		long sizeBytes, @Nullable String error, Path file) {

	static ExportJob running(String id, InstanceKey key, Instant startedAt, Path file) {
		return new ExportJob(id, key, "running", startedAt, null, 0, null, file);
	}

	ExportJob done(long size, Instant at) {
		return new ExportJob(this.id, this.key, "done", this.startedAt, at, size, null, this.file);
	}

	ExportJob failed(String error, Instant at) {
		return new ExportJob(this.id, this.key, "failed", this.startedAt, at, 0, error, this.file);
	}

	public boolean isDone() {
		return "done".equals(this.status);
	}

}
