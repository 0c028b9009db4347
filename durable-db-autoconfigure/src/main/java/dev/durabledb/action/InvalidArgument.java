package dev.durabledb.action;

/**
 * One argument of an action that failed Bean Validation, as clients are told about it.
 *
 * @param field the parameter and the property path inside it, such as {@code user.email}
 * @param message what is wrong with it, such as {@code must be a well-formed email address}
 */
public record InvalidArgument(String field, String message) {
}
