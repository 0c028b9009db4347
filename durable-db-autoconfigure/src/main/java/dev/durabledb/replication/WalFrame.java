package dev.durabledb.replication;

/**
 * One frame of a write-ahead log: a page image.
 *
 * @param pageNumber the database page it replaces (from 1)
 * @param databasePages for a commit frame, the database's size in pages after the
 * commit; 0 for the other frames of a transaction
 * @param page the page's bytes, as long as the log's page size
 */
record WalFrame(int pageNumber, int databasePages, byte[] page) {

	/** Whether this frame ends a transaction. */
	boolean isCommit() {
		return this.databasePages != 0;
	}

}
