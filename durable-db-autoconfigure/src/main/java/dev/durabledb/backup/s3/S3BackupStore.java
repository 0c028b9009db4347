package dev.durabledb.backup.s3;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.durabledb.backup.BackupManifest;
import dev.durabledb.backup.BackupPaths;
import dev.durabledb.backup.BackupStore;
import dev.durabledb.backup.ManifestCodec;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Backups in an S3-compatible bucket (AWS S3, Cloudflare R2, MinIO):
 * {@code <prefix>/<database>/<instance>/<id>.db.gz} and {@code <id>.json}. A PUT is
 * atomic, and the manifest is put after the data, so a listed backup is complete.
 */
public final class S3BackupStore implements BackupStore {

	private final S3Client s3;

	private final String bucket;

	private final String prefix;

	public S3BackupStore(S3Client s3, String bucket, String prefix) {
		this.s3 = s3;
		this.bucket = bucket;
		this.prefix = prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
	}

	@Override
	public void put(BackupManifest manifest, Path data) throws IOException {
		try {
			this.s3.putObject((request) -> request.bucket(this.bucket)
				.key(this.prefix + BackupPaths.data(manifest))
				.contentType("application/gzip"), RequestBody.fromFile(data));
			this.s3.putObject((request) -> request.bucket(this.bucket)
				.key(this.prefix + BackupPaths.manifest(manifest))
				.contentType("application/json"), RequestBody.fromBytes(ManifestCodec.write(manifest)));
		}
		catch (SdkException ex) {
			throw new IOException("Could not store backup " + manifest.id() + " in " + describe(), ex);
		}
	}

	@Override
	public List<BackupManifest> list(String database, String instance) throws IOException {
		String folder = this.prefix + BackupPaths.instancePrefix(database, instance);
		List<BackupManifest> manifests = new ArrayList<>();
		try {
			for (S3Object object : this.s3.listObjectsV2Paginator((request) -> request.bucket(this.bucket).prefix(folder))
				.contents()) {
				if (!object.key().endsWith(".json")) {
					continue;
				}
				try (InputStream json = this.s3.getObject((request) -> request.bucket(this.bucket).key(object.key()))) {
					manifests.add(ManifestCodec.read(json));
				}
				catch (NoSuchKeyException ex) {
					// Deleted between the listing and the read: no longer a backup.
				}
			}
		}
		catch (SdkException ex) {
			throw new IOException("Could not list backups in " + describe(), ex);
		}
		manifests.sort(Comparator.comparing(BackupManifest::id).reversed());
		return manifests;
	}

	@Override
	public void download(BackupManifest manifest, Path target) throws IOException {
		Files.deleteIfExists(target);
		try {
			this.s3.getObject((request) -> request.bucket(this.bucket).key(this.prefix + BackupPaths.data(manifest)),
					ResponseTransformer.toFile(target));
		}
		catch (NoSuchKeyException ex) {
			throw new NoSuchFileException(BackupPaths.data(manifest));
		}
		catch (SdkException ex) {
			throw new IOException("Could not download backup " + manifest.id() + " from " + describe(), ex);
		}
	}

	@Override
	public void delete(BackupManifest manifest) throws IOException {
		try {
			this.s3.deleteObject(
					(request) -> request.bucket(this.bucket).key(this.prefix + BackupPaths.manifest(manifest)));
			this.s3.deleteObject((request) -> request.bucket(this.bucket).key(this.prefix + BackupPaths.data(manifest)));
		}
		catch (SdkException ex) {
			throw new IOException("Could not delete backup " + manifest.id() + " from " + describe(), ex);
		}
	}

	@Override
	public String describe() {
		return "s3://" + this.bucket + "/" + this.prefix;
	}

}
