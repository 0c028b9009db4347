package dev.durabledb.migration;

import java.util.List;

/**
 * Told what migrations do as they go; metrics implement it. Beans of this type are told
 * in their order.
 */
public interface MigrationListener {

	/** Listens to nothing. */
	MigrationListener NONE = (database, success) -> {
	};

	/** One listener that tells each of {@code listeners}, in order. */
	static MigrationListener all(List<? extends MigrationListener> listeners) {
		if (listeners.isEmpty()) {
			return NONE;
		}
		if (listeners.size() == 1) {
			return listeners.get(0);
		}
		List<MigrationListener> copy = List.copyOf(listeners);
		return new MigrationListener() {

			@Override
			public void liquibaseRan(String database, boolean success) {
				copy.forEach((listener) -> listener.liquibaseRan(database, success));
			}

			@Override
			public void replayed(String database, boolean success) {
				copy.forEach((listener) -> listener.replayed(database, success));
			}

		};
	}

	/** Liquibase ran on an instance or a template of {@code database}. */
	void liquibaseRan(String database, boolean success);

	/** A recorded migration was replayed on an instance of {@code database}, without Liquibase. */
	default void replayed(String database, boolean success) {
	}

}
