package dev.durabledb.action;

import java.util.List;

/**
 * Told how every outermost action ended; metrics implement it. Beans of this type are
 * told in their order.
 */
public interface ActionListener {

	/** Listens to nothing. */
	ActionListener NONE = (action, outcome, nanos) -> {
	};

	/** One listener that tells each of {@code listeners}, in order. */
	static ActionListener all(List<? extends ActionListener> listeners) {
		if (listeners.isEmpty()) {
			return NONE;
		}
		if (listeners.size() == 1) {
			return listeners.get(0);
		}
		List<ActionListener> copy = List.copyOf(listeners);
		return (action, outcome, nanos) -> copy.forEach((listener) -> listener.actionFinished(action, outcome, nanos));
	}

	/**
	 * @param action the action
	 * @param outcome how it ended
	 * @param nanos how long it took, waiting for the instance included
	 */
	void actionFinished(ActionDefinition action, Outcome outcome, long nanos);

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
