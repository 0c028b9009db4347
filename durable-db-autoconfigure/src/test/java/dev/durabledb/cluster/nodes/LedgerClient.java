package dev.durabledb.cluster.nodes;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The tests' HTTP client of ledger nodes. */
final class LedgerClient {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final JsonMapper json = JsonMapper.shared();

	/** The answer to a request: its status, and the body. */
	record Answer(int status, String body) {

		boolean ok() {
			return this.status / 100 == 2;
		}

	}

	Answer create(NodeProcesses.Node node, String tenant) {
		return send(HttpRequest.newBuilder(URI.create(node.url() + "/tenants"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"id\": \"" + tenant + "\"}")), Duration.ofSeconds(30));
	}

	/** Appends {@code seq} to {@code tenant}'s ledger through {@code node}, waiting at most {@code timeout}. */
	Answer append(NodeProcesses.Node node, String tenant, long seq, Duration timeout) {
		return send(HttpRequest.newBuilder(URI.create(node.url() + "/entries?seq=" + seq))
			.header("X-Tenant-Id", tenant)
			.POST(HttpRequest.BodyPublishers.noBody()), timeout);
	}

	Answer appendHeld(NodeProcesses.Node node, String tenant, long seq) {
		return send(HttpRequest.newBuilder(URI.create(node.url() + "/entries/held?seq=" + seq))
			.header("X-Tenant-Id", tenant)
			.POST(HttpRequest.BodyPublishers.noBody()), Duration.ofMinutes(2));
	}

	boolean holding(NodeProcesses.Node node) {
		return "true".equals(send(HttpRequest.newBuilder(URI.create(node.url() + "/held")).GET(), Duration.ofSeconds(10))
			.body());
	}

	Answer release(NodeProcesses.Node node) {
		return send(HttpRequest.newBuilder(URI.create(node.url() + "/release")).POST(HttpRequest.BodyPublishers.noBody()),
				Duration.ofMinutes(1));
	}

	Answer read(NodeProcesses.Node node, String tenant) {
		return send(HttpRequest.newBuilder(URI.create(node.url() + "/entries")).header("X-Tenant-Id", tenant).GET(),
				Duration.ofSeconds(30));
	}

	Entry entry(Answer answer) {
		return this.json.readValue(answer.body(), Entry.class);
	}

	List<Entry> entries(Answer answer) {
		return this.json.readValue(answer.body(), new TypeReference<List<Entry>>() {
		});
	}

	private Answer send(HttpRequest.Builder request, Duration timeout) {
		try {
			HttpResponse<String> response = this.http.send(request.timeout(timeout).build(),
					HttpResponse.BodyHandlers.ofString());
			return new Answer(response.statusCode(), response.body());
		}
		catch (java.net.http.HttpTimeoutException ex) {
			return new Answer(-1, "timed out: " + ex.getMessage());
		}
		catch (IOException ex) {
			return new Answer(-2, "failed: " + ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
