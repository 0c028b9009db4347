package dev.durabledb.store.s3;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.durabledb.fixtures.S3Proxies;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An S3-compatible server on loopback that treats {@code If-None-Match} on PUT the way
 * some servers in the field do, where S3Proxy and MinIO honour it: objects of one bucket
 * in memory, PUT, GET and DELETE only, no signature check.
 */
final class OtherS3Server implements AutoCloseable {

	/** What the server does with a PUT that carries {@code If-None-Match}. */
	enum Conditions {

		/** Stores it as any PUT, overwriting: the header is ignored. */
		IGNORED,

		/** Answers 501 NotImplemented. */
		NOT_IMPLEMENTED,

		/** Answers 409 ConditionalRequestConflict to the first {@code conflicts}, then honours it (AWS S3 under a race). */
		CONFLICTING,

		/** Answers 403 AccessDenied, as a key allowed to read but not to write would get. */
		FORBIDDEN

	}

	private final Conditions conditions;

	private final int conflicts;

	private final Map<String, byte[]> objects = new ConcurrentHashMap<>();

	private final AtomicInteger conditionalPuts = new AtomicInteger();

	private final ExecutorService threads = Executors.newFixedThreadPool(2);

	private final HttpServer server;

	OtherS3Server(Conditions conditions) throws IOException {
		this(conditions, 0);
	}

	OtherS3Server(Conditions conditions, int conflicts) throws IOException {
		this.conditions = conditions;
		this.conflicts = conflicts;
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", this::handle);
		this.server.setExecutor(this.threads);
		this.server.start();
	}

	/** A client of this server, configured as for any compatible store. */
	S3Client client() {
		return S3Client.builder()
			.endpointOverride(URI.create("http://127.0.0.1:" + this.server.getAddress().getPort()))
			.region(Region.US_EAST_1)
			.forcePathStyle(true)
			.credentialsProvider(StaticCredentialsProvider
				.create(AwsBasicCredentials.create(S3Proxies.ACCESS_KEY, S3Proxies.SECRET_KEY)))
			.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
			.responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
			.build();
	}

	/** The objects held, by path ({@code /<bucket>/<key>}). */
	Map<String, byte[]> objects() {
		return this.objects;
	}

	/** How many PUTs with {@code If-None-Match} arrived. */
	int conditionalPuts() {
		return this.conditionalPuts.get();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getPath();
			switch (exchange.getRequestMethod()) {
				case "PUT" -> put(exchange, path);
				case "GET" -> {
					byte[] content = this.objects.get(path);
					if (content == null) {
						error(exchange, 404, "NoSuchKey");
					}
					else {
						exchange.sendResponseHeaders(200, content.length);
						exchange.getResponseBody().write(content);
					}
				}
				case "DELETE" -> {
					this.objects.remove(path);
					exchange.sendResponseHeaders(204, -1);
				}
				default -> error(exchange, 501, "NotImplemented");
			}
		}
	}

	private void put(HttpExchange exchange, String path) throws IOException {
		byte[] content = body(exchange);
		if (exchange.getRequestHeaders().getFirst("If-None-Match") != null) {
			int attempt = this.conditionalPuts.incrementAndGet();
			switch (this.conditions) {
				case NOT_IMPLEMENTED -> {
					error(exchange, 501, "NotImplemented");
					return;
				}
				case FORBIDDEN -> {
					error(exchange, 403, "AccessDenied");
					return;
				}
				case CONFLICTING -> {
					if (attempt <= this.conflicts) {
						error(exchange, 409, "ConditionalRequestConflict");
						return;
					}
					if (this.objects.putIfAbsent(path, content) != null) {
						error(exchange, 412, "PreconditionFailed");
						return;
					}
					exchange.sendResponseHeaders(200, -1);
					return;
				}
				case IGNORED -> {
				}
			}
		}
		this.objects.put(path, content);
		exchange.sendResponseHeaders(200, -1);
	}

	/** The body, without the framing of {@code aws-chunked} uploads if the client used it. */
	private static byte[] body(HttpExchange exchange) throws IOException {
		try (InputStream in = exchange.getRequestBody()) {
			byte[] raw = in.readAllBytes();
			String decodedLength = exchange.getRequestHeaders().getFirst("x-amz-decoded-content-length");
			if (decodedLength == null) {
				return raw;
			}
			// Chunks: "<hex size>;chunk-signature=...\r\n<data>\r\n", a zero-size one last.
			byte[] content = new byte[Integer.parseInt(decodedLength)];
			int at = 0;
			int filled = 0;
			while (true) {
				int lineEnd = indexOfCrLf(raw, at);
				String header = new String(raw, at, lineEnd - at, StandardCharsets.US_ASCII);
				int size = Integer.parseInt(header.split(";", 2)[0].trim(), 16);
				if (size == 0) {
					return content;
				}
				System.arraycopy(raw, lineEnd + 2, content, filled, size);
				filled += size;
				at = lineEnd + 2 + size + 2;
			}
		}
	}

	private static int indexOfCrLf(byte[] bytes, int from) {
		for (int i = from; i < bytes.length - 1; i++) {
			if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
				return i;
			}
		}
		throw new IllegalStateException("An aws-chunked body without its chunk header");
	}

	private static void error(HttpExchange exchange, int status, String code) throws IOException {
		byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>" + code
				+ "</Message></Error>")
			.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/xml");
		exchange.sendResponseHeaders(status, body.length);
		exchange.getResponseBody().write(body);
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.threads.shutdownNow();
	}

}
