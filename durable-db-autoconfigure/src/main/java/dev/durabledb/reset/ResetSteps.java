package dev.durabledb.reset;

/**
 * Told when the reset of an instance reaches each step of its swap. Nothing listens in an
 * application; the crash tests stop a reset at a chosen step here, the way a killed
 * process would stop, and check what the next start recovers.
 */
interface ResetSteps {

	/** Listens to nothing. */
	ResetSteps NONE = (step) -> {
	};

	void reached(Step step);

	/** The steps of a swap, in order. */
	enum Step {

		/** The swap is recorded; nothing is moved yet. */
		RECORDED,

		/** The instance's file is set aside; the instance has no file. */
		SET_ASIDE,

		/** The fresh file is in place; the swap's record is not yet ended. */
		SWAPPED

	}

}
