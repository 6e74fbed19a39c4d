package io.digitgan.core.train;

import io.digitgan.core.config.GanConfig;
/**
 * What a run is, told to listeners when training starts or resumes.
 *
 * @param runId the run's id
 * @param config its full configuration, seed included
 * @param device the DJL device, e.g. {@code cpu()} or {@code gpu(0)}
 * @param firstEpoch the epoch training starts at (above 1 after a resume)
 * @param stepsPerEpoch full batches per epoch
 * @param resumed whether the run continues from a checkpoint
 * @param trainedSeconds training time before this start (from the checkpoint resumed; 0 for a new run)
 */
public record RunInfo(String runId, GanConfig config, String device, int firstEpoch, int stepsPerEpoch, boolean resumed,
        double trainedSeconds) {}
