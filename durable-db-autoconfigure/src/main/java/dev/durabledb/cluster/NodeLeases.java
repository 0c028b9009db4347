package dev.durabledb.cluster;

/**
 * A node as the lease table knows it: through the rows that name it as their owner. A node
 * that holds no lease, or released all of them, is not in the table; one that died keeps
 * its expired rows until other nodes acquire them.
 *
 * @param node the node's id
 * @param url the base URL it advertised in its latest acquisition
 * @param liveLeases how many leases it holds now, by the database's clock
 * @param expiredLeases how many rows still name it although they expired (it died, paused
 * or lost them, and no other node acquired them since)
 */
public record NodeLeases(String node, String url, long liveLeases, long expiredLeases) {

	/** Whether the node holds at least one live lease, which it renewed within the TTL. */
	public boolean live() {
		return this.liveLeases > 0;
	}

}
