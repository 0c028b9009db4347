package dev.durabledb.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;

/**
 * This node: the id it holds leases under and the base URL other nodes reach it at.
 *
 * @param id the node id, unique among running processes
 * @param url the advertised base URL
 */
record ClusterNode(String id, String url) {

	/**
	 * This node with {@code id}, or with an id made of the host name and a random suffix:
	 * unique per process, so that two processes on one host, or one process and its
	 * restart, never take each other's leases for their own.
	 */
	static ClusterNode of(@Nullable String id, String url) {
		return new ClusterNode((id != null) ? id : hostName() + "-" + randomSuffix(), url);
	}

	private static String hostName() {
		// The environment first: InetAddress.getLocalHost() can wait on DNS.
		String name = System.getenv("HOSTNAME");
		if (name == null || name.isBlank()) {
			name = System.getenv("COMPUTERNAME");
		}
		if (name == null || name.isBlank()) {
			try {
				name = InetAddress.getLocalHost().getHostName();
			}
			catch (UnknownHostException ex) {
				name = "node";
			}
		}
		String cleaned = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
		return cleaned.substring(0, Math.min(cleaned.length(), 80));
	}

	private static String randomSuffix() {
		return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
	}

}
