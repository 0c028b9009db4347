package dev.durabledb.store.s3;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.durabledb.store.ObjectStore;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;

/**
 * Objects in an S3-compatible bucket (AWS S3, Cloudflare R2, MinIO), under
 * {@code <prefix>/<key>}. A PUT is atomic, so an object appears whole. A put-if-absent is
 * a PUT with {@code If-None-Match: *}, which the server refuses with 412 where an object
 * is. Not every S3-compatible server honours it: some ignore the header and overwrite,
 * which only {@link #probeConditionalWrites()} can tell.
 */
public final class S3ObjectStore implements ObjectStore {

	/**
	 * AWS S3 answers 409 to a put-if-absent racing another on the key, and asks for a
	 * retry: five attempts in all, 50 ms apart at first, twice as long each time.
	 */
	private static final RetryPolicy CONFLICT_RETRIES = RetryPolicy.builder()
		.predicate((failure) -> failure instanceof S3Exception s3 && s3.statusCode() == 409)
		.maxRetries(4)
		.delay(Duration.ofMillis(50))
		.multiplier(2)
		.build();

	private final RetryTemplate conflictRetry = new RetryTemplate(CONFLICT_RETRIES);

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
	public boolean putIfAbsent(String key, byte[] content) throws IOException {
		return putIfAbsent(key, RequestBody.fromBytes(content));
	}

	@Override
	public boolean putIfAbsent(String key, Path file) throws IOException {
		return putIfAbsent(key, RequestBody.fromFile(file));
	}

	private boolean putIfAbsent(String key, RequestBody body) throws IOException {
		try {
			// A 409 (another conditional write to the key in flight) is retried, as AWS asks;
			// the first put whose condition S3 decides answers.
			this.conflictRetry.execute(() -> this.s3.putObject(
					(request) -> request.bucket(this.bucket).key(this.prefix + key).ifNoneMatch("*"), body));
			return true;
		}
		catch (RetryException ex) {
			Throwable failure = ex.getLastException();
			if (failure instanceof S3Exception s3 && s3.statusCode() == 412) {
				return false;
			}
			if (failure instanceof S3Exception s3 && s3.statusCode() == 501) {
				throw new UnsupportedOperationException(
						"the server does not implement If-None-Match on PUT (" + errorOf(s3) + ")");
			}
			IOException io = new IOException("Could not store " + key + " in " + describe() + " (put-if-absent)",
					failure);
			if (ex.getRetryCount() > 0) {
				io.addSuppressed(ex);
			}
			throw io;
		}
	}

	private static String errorOf(S3Exception ex) {
		AwsErrorDetails details = ex.awsErrorDetails();
		String code = (details != null) ? details.errorCode() : null;
		return ex.statusCode() + ((code != null) ? " " + code : "");
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
