package io.digitgan.core.train;

/**
 * Where a benchmark can look into a training step: its start, the end of each phase (data, noise,
 * forward and backward passes, optimiser updates), the native arrays it made. Training itself uses
 * {@link #NONE}, which does nothing; the step profile's clock (cli's {@code bench.PhaseClock})
 * times the phases.
 */
public interface StepPhases {

    StepPhases NONE = new StepPhases() {};

    /** A step begins now. */
    default void startStep() {}

    /** The phase {@code name} ends now; it began at the previous mark. */
    default void phaseEnded(String name) {}

    /** Native arrays the step made (its manager's, when it closes). */
    default void arraysMade(int count) {}
}
