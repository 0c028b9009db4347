package dev.durabledb.store.s3;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.durabledb.store.ObjectStore;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Objects in an S3-compatible bucket (AWS S3, Cloudflare R2, MinIO), under
 * {@code <prefix>/<key>}. A PUT is atomic, so an object appears whole.
 */
public final class S3ObjectStore implements ObjectStore {

	private final S3Client s3;

	private final String bucket;

	private final String prefix;

	public S3ObjectStore(S3Client s3, String bucket, String prefix) {
		this.s3 = s3;
		this.bucket = bucket;
		this.prefix = prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
	}

	@Override
	public void put(String key, Path file) throws IOException {
		try {
			this.s3.putObject((request) -> request.bucket(this.bucket).key(this.prefix + key), RequestBody.fromFile(file));
		}
		catch (SdkException ex) {
			throw new IOException("Could not store " + key + " in " + describe(), ex);
		}
	}

	@Override
	public void put(String key, byte[] content) throws IOException {
		try {
			this.s3.putObject((request) -> request.bucket(this.bucket).key(this.prefix + key),
					RequestBody.fromBytes(content));
		}
		catch (SdkException ex) {
			throw new IOException("Could not store " + key + " in " + describe(), ex);
		}
	}

	@Override
	public void get(String key, Path target) throws IOException {
		Files.deleteIfExists(target);
		try {
			this.s3.getObject((request) -> request.bucket(this.bucket).key(this.prefix + key),
					ResponseTransformer.toFile(target));
		}
		catch (NoSuchKeyException ex) {
			throw new NoSuchFileException(key);
		}
		catch (SdkException ex) {
			throw new IOException("Could not download " + key + " from " + describe(), ex);
		}
	}

	@Override
	public byte[] read(String key) throws IOException {
		try {
			return this.s3.getObjectAsBytes((request) -> request.bucket(this.bucket).key(this.prefix + key))
				.asByteArray();
		}
		catch (NoSuchKeyException ex) {
			throw new NoSuchFileException(key);
		}
		catch (SdkException ex) {
			throw new IOException("Could not read " + key + " from " + describe(), ex);
		}
	}

	@Override
	public List<String> list(String prefix) throws IOException {
		List<String> keys = new ArrayList<>();
		try {
			for (S3Object object : this.s3
				.listObjectsV2Paginator((request) -> request.bucket(this.bucket).prefix(this.prefix + prefix))
				.contents()) {
				keys.add(object.key().substring(this.prefix.length()));
			}
		}
		catch (SdkException ex) {
			throw new IOException("Could not list " + prefix + " in " + describe(), ex);
		}
		keys.sort(null);
		return keys;
	}

	@Override
	public void delete(String key) throws IOException {
		try {
			this.s3.deleteObject((request) -> request.bucket(this.bucket).key(this.prefix + key));
		}
		catch (SdkException ex) {
			throw new IOException("Could not delete " + key + " from " + describe(), ex);
		}
	}

	@Override
	public String describe() {
		return "s3://" + this.bucket + "/" + this.prefix;
	}

}
