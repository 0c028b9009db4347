package dev.durabledb.replication;

/**
 * A place in one write-ahead log: after its first {@code frames} frames, with the running
 * checksum there, so that a later read can check and take only the frames that follow.
 *
 * @param salt1 the log's first salt (it changes whenever the log restarts)
 * @param salt2 the log's second salt
 * @param frames how many frames come before the place
 * @param checksum1 the first half of the running checksum after those frames
 * @param checksum2 the second half
 */
record WalCursor(int salt1, int salt2, int frames, int checksum1, int checksum2) {
}
