package dev.durabledb.store;

/**
 * What {@link ObjectStore#probeConditionalWrites()} found.
 *
 * @param supported whether puts-if-absent are kept: the second of two on one key was
 * refused and the first's content stayed
 * @param detail what the probe saw, for logs and startup errors: the store's description
 * and, when unsupported, why
 */
public record ConditionalWrites(boolean supported, String detail) {

	static ConditionalWrites supported(ObjectStore store) {
		return new ConditionalWrites(true, store.describe() + " refuses a put-if-absent where an object is");
	}

	static ConditionalWrites unsupported(ObjectStore store, String why) {
		return new ConditionalWrites(false, store.describe() + " " + why);
	}

}
