package dev.durabledb.cluster.nodes;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.durabledb.fixtures.LoopbackPorts;

/**
 * Ledger nodes, each a JVM of its own on a loopback port, sharing a replica store folder
 * and a PostgreSQL lease table: what the multi-process cluster tests kill, pause and
 * resume. Each node's output goes to a log file beside its data dir, printed when a test
 * asks for it.
 */
final class NodeProcesses implements AutoCloseable {

	static final String SECRET = "a-cluster-secret-of-at-least-32-characters";

	private final Path root;

	private final String table;

	private final List<String> properties;

	private final Map<String, Node> nodes = new LinkedHashMap<>();

	/**
	 * @param root where the store and each node's data dir and log go
	 * @param table the lease table
	 * @param properties more properties for every node
	 */
	NodeProcesses(Path root, String table, String... properties) {
		this.root = root;
		this.table = table;
		this.properties = List.of(properties);
		try {
			Files.createDirectories(root);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Properties of nodes whose leases last {@code ttl}, whose writes are acknowledged once
	 * replicated, and whose calls to each other give up after a second; and {@code more}.
	 */
	static String[] replicated(Duration ttl, String... more) {
		List<String> properties = new ArrayList<>(List.of("durable-db.cluster.lease-ttl=" + ttl.toMillis() + "ms",
				"durable-db.replication.acknowledge=replicated", "durable-db.cluster.call-timeout=1s"));
		properties.addAll(List.of(more));
		return properties.toArray(String[]::new);
	}

	/** The replica store folder every node ships to. */
	Path store() {
		return this.root.resolve("store");
	}

	/** Starts the nodes {@code ids}, side by side, and returns once each serves. */
	List<Node> start(String... ids) {
		List<Node> started = new ArrayList<>();
		for (String id : ids) {
			started.add(launch(id));
		}
		started.forEach(Node::awaitReady);
		return started;
	}

	private Node launch(String id) {
		int port = LoopbackPorts.free();
		Path log = this.root.resolve(id + ".log");
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
				LedgerNode.class.getName(), "--server.port=" + port, "--server.address=127.0.0.1",
				"--durable-db.data-dir=" + this.root.resolve(id), "--durable-db.backup.file.dir=" + store(),
				"--durable-db.replication.enabled=true", "--durable-db.cluster.enabled=true",
				"--durable-db.cluster.node-id=" + id, "--durable-db.cluster.advertised-url=http://127.0.0.1:" + port,
				"--durable-db.cluster.secret=" + SECRET, "--durable-db.cluster.table=" + this.table,
				"--durable-db.action.lock-timeout=500ms"));
		this.properties.forEach((property) -> command.add("--" + property));
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			Node node = new Node(id, port, process, log);
			this.nodes.put(id, node);
			return node;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** SIGKILL: the node dies at once, its leases left to run out. */
	void kill(Node node) {
		node.process().destroyForcibly();
		try {
			node.process().waitFor(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** SIGSTOP: the node stops running, its sockets and leases still open. */
	void pause(Node node) {
		signal(node, "STOP");
	}

	/** SIGCONT: a paused node runs on. */
	void resume(Node node) {
		signal(node, "CONT");
	}

	/** The tail of every node's log, for a failure message. */
	String logs() {
		StringBuilder logs = new StringBuilder();
		for (Node node : this.nodes.values()) {
			try {
				List<String> lines = Files.readAllLines(node.log());
				logs.append("---- ").append(node.id()).append('\n');
				lines.subList(Math.max(0, lines.size() - 80), lines.size()).forEach((line) -> logs.append(line).append('\n'));
			}
			catch (IOException ex) {
				logs.append("---- ").append(node.id()).append(": no log (").append(ex.getMessage()).append(")\n");
			}
		}
		return logs.toString();
	}

	@Override
	public void close() {
		for (Node node : this.nodes.values()) {
			if (node.process().isAlive()) {
				try {
					resume(node);
				}
				catch (IllegalStateException ex) {
					// It died meanwhile.
				}
				node.process().destroy();
			}
		}
		for (Node node : this.nodes.values()) {
			try {
				if (!node.process().waitFor(30, TimeUnit.SECONDS)) {
					node.process().destroyForcibly();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private static void signal(Node node, String signal) {
		try {
			Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(node.process().pid())).start();
			if (kill.waitFor() != 0) {
				throw new IllegalStateException("kill -" + signal + " " + node.process().pid() + " failed");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** A node process. */
	record Node(String id, int port, Process process, Path log, CompletableFuture<Void> ready) {

		Node(String id, int port, Process process, Path log) {
			this(id, port, process, log, new CompletableFuture<>());
			Thread copier = new Thread(() -> copy(this.ready), "node-" + id + "-output");
			copier.setDaemon(true);
			copier.start();
		}

		String url() {
			return "http://127.0.0.1:" + this.port;
		}

		/**
		 * Copies the node's output to its log, and returns once it printed that it
		 * serves; fails if it exits first or takes longer than a minute.
		 */
		void awaitReady() {
			try {
				this.ready.get(90, TimeUnit.SECONDS);
			}
			catch (ExecutionException | TimeoutException ex) {
				this.process.destroyForcibly();
				throw new IllegalStateException("Node " + this.id + " did not start:\n" + tail(), ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

		private String tail() {
			try {
				List<String> lines = Files.readAllLines(this.log);
				return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
			}
			catch (IOException ex) {
				return "(no log: " + ex.getMessage() + ")";
			}
		}

		private void copy(CompletableFuture<Void> ready) {
			try (BufferedReader in = new BufferedReader(
					new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8));
					PrintWriter out = new PrintWriter(Files.newBufferedWriter(this.log), true)) {
				String line;
				while ((line = in.readLine()) != null) {
					out.println(line);
					if (line.contains(LedgerNode.READY)) {
						ready.complete(null);
					}
				}
				ready.completeExceptionally(new IllegalStateException("exited with " + this.process.waitFor()));
			}
			catch (IOException | InterruptedException ex) {
				ready.completeExceptionally(ex);
			}
		}

	}

}
