package dev.durabledb.cluster.nodes;

/**
 * One write of the ledger: the client's sequence number, and who wrote it: the node, the
 * epoch of its lease on the tenant, and the tenant's own sequence (one more than the
 * last entry it held).
 */
public record Entry(long clientSeq, String node, long epoch, long localSeq) {
}
