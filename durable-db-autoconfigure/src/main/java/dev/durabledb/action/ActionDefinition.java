package dev.durabledb.action;

/**
 * What an action method resolved to.
 *
 * @param database the database it runs in
 * @param readOnly whether it runs on a reader
 * @param name {@code Class.method}, as metrics and logs show it
 */
public record ActionDefinition(String database, boolean readOnly, String name) {
}
