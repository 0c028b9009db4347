package dev.durabledb.action;

/** Told how every outermost action ended; metrics implement it. */
public interface ActionObserver {

	/** Observes nothing. */
	ActionObserver NONE = (action, outcome, nanos) -> {
	};

	/**
	 * @param action the action
	 * @param outcome how it ended
	 * @param nanos how long it took, waiting for the instance included
	 */
	void finished(ActionDefinition action, Outcome outcome, long nanos);

	/** How an action ended. */
	enum Outcome {

		/** Returned, and committed. */
		SUCCESS,

		/** Threw, and rolled back (or never started). */
		ERROR,

		/** Waited for its instance as long as it may. */
		BUSY

	}

}
