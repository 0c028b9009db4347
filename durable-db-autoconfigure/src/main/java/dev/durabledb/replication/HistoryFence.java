package dev.durabledb.replication;

import java.util.OptionalLong;

import dev.durabledb.instance.InstanceKey;

/**
 * Who may extend instances' histories in the store when several nodes share it (cluster
 * mode). With a bean of this type, every segment and every new generation is claimed in
 * the store under the epoch this node holds (see {@link Replica}), so that a node that
 * lost its lease can never extend a history a new owner has taken over
 * ({@link Replicator#takeOver}); without one, histories are written as by a single node.
 */
public interface HistoryFence {

	/** The epoch under which this node may write key's history now; empty when it may not (no lease). */
	OptionalLong epoch(InstanceKey key);

	/** Another writer holds key's history now: this node must stop acting on it (drop its lease). Must not throw. */
	void fenced(InstanceKey key, String why);

}
