package dev.durabledb.backup;

/**
 * Told when a restore reaches each step of its swap. Nothing listens in an application;
 * the crash tests stop a restore at a chosen step here, the way a killed process would
 * stop, and check what the next start recovers.
 */
interface RestoreSteps {

	/** Listens to nothing. */
	RestoreSteps NONE = (step) -> {
	};

	void reached(Step step);

	/** The steps of a swap, in order. */
	enum Step {

		/** The swap is recorded; nothing is moved yet. */
		RECORDED,

		/** The instance's file is set aside; the instance has no file. */
		SET_ASIDE,

		/** The restored file is in place. */
		SWAPPED,

		/** The restored file is migrated; the set-aside file is not yet kept as a backup. */
		MIGRATED

	}

}
