package dev.durabledb.replication;

import dev.durabledb.instance.InstanceKey;

/**
 * Holds the writers of one instance until their commits are in the store, the
 * {@code replicated} acknowledgement: a writer whose commit is not shipped yet either
 * runs the next shipping round itself or, if one is under way, waits for it and for the
 * one after if that did not cover it. Writers waiting at the same time so share one round:
 * one segment, one put.
 */
final class GroupCommit {

	private long committed;

	private long shipped;

	private boolean shipping;

	/** Counts the failed rounds, so that a waiter can tell its round failed. */
	private long failures;

	private Exception lastFailure = new IllegalStateException("no failure");

	/** Counts a commit; called under the instance's writer lock, once it committed. */
	synchronized void committed() {
		this.committed++;
	}

	/**
	 * Returns once every commit counted so far is in the store, running {@code round} on
	 * this thread when no round that covers them is under way.
	 * @throws NotReplicatedException if the round that was to cover them failed
	 * @throws HistoryFencedException if this node may not extend the instance's history
	 */
	void awaitShipped(InstanceKey key, Round round) {
		long upTo;
		synchronized (this) {
			long mine = this.committed;
			long failuresBefore = this.failures;
			while (this.shipped < mine) {
				if (this.failures != failuresBefore) {
					throw failure(key, this.lastFailure);
				}
				if (!this.shipping) {
					break;
				}
				try {
					wait();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new NotReplicatedException(key, ex);
				}
			}
			if (this.shipped >= mine) {
				return;
			}
			this.shipping = true;
			// Every commit counted by now is in the log: the round ships them all.
			upTo = this.committed;
		}
		try {
			round.ship();
		}
		catch (Exception ex) {
			synchronized (this) {
				this.shipping = false;
				this.failures++;
				this.lastFailure = ex;
				notifyAll();
			}
			throw failure(key, ex);
		}
		synchronized (this) {
			this.shipping = false;
			this.shipped = Math.max(this.shipped, upTo);
			notifyAll();
		}
	}

	/**
	 * What the writers of a failed round hear: this node being fenced off is no store
	 * failure that the next round mends.
	 */
	private static RuntimeException failure(InstanceKey key, Exception ex) {
		return (ex instanceof HistoryFencedException fenced) ? fenced : new NotReplicatedException(key, ex);
	}

	/** Ships what the instance committed; throws if the store did not take it. */
	@FunctionalInterface
	interface Round {

		void ship() throws Exception;

	}

}
