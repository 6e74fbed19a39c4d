package io.digitgan.core.train;

import io.digitgan.core.checkpoint.Checkpoint;

/**
 * Receives what a {@link GanTrainer} does, on the training thread. Implementations must be quick
 * (hand work to another thread) or they slow training down.
 */
public interface TrainingListener {

    default void onStart(RunInfo run) {}

    default void onStep(StepMetrics step) {}

    default void onEpoch(EpochMetrics epoch) {}

    default void onSamples(SampleGrid samples) {}

    /** Called once the checkpoint is complete and renamed into place. */
    default void onCheckpoint(Checkpoint checkpoint) {}

    default void onFinish(RunOutcome outcome) {}
}
