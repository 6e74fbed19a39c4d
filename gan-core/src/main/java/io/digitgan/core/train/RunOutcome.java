package io.digitgan.core.train;

/**
 * How a call to {@link GanTrainer#train()} ended.
 *
 * @param status COMPLETED when all epochs ran, STOPPED when a stop was requested
 * @param lastEpoch the last epoch that was completed (0 when none)
 * @param globalStep steps since the run began
 */
public record RunOutcome(Status status, int lastEpoch, long globalStep) {

    public enum Status {
        COMPLETED,
        STOPPED
    }
}
