package dev.durabledb.reset;

/**
 * What a purge deleted of the files earlier resets of one database set aside.
 *
 * @param database the database
 * @param files how many files were deleted
 * @param bytes how many bytes they held
 */
public record PurgeResult(String database, int files, long bytes) {
}
