package io.digitgan.trainer.run;

import io.digitgan.core.config.GanConfig;
import io.digitgan.core.train.EpochMetrics;
import java.time.Instant;

/**
 * What the trainer knows of a run, kept as {@code run.json} in the run's checkpoint folder so it
 * survives restarts.
 *
 * @param status RUNNING (also after a crash: it is resumed), COMPLETED, FAILED, STOPPED (by the API),
 *     INTERRUPTED (unfinished, kept while the trainer started another run: resumed when asked for)
 * @param lastEpoch the last epoch completed
 * @param lastEpochMetrics its figures, announced again on resume in case they never went out
 * @param sweep the sweep it belongs to, trained by a trainer of its own in run-to-completion mode
 *     (a service's autostart never resumes it); null for a run of the API
 */
public record RunRecord(
        String runId,
        String status,
        String profile,
        GanConfig config,
        String device,
        Instant createdAt,
        Instant updatedAt,
        int lastEpoch,
        long globalStep,
        String lastCheckpoint,
        String reason,
        EpochMetrics lastEpochMetrics,
        String sweep) {

    public static final String RUNNING = "RUNNING";
    public static final String COMPLETED = "COMPLETED";
    public static final String FAILED = "FAILED";
    public static final String STOPPED = "STOPPED";
    public static final String INTERRUPTED = "INTERRUPTED";

    /** Not finished: resumable from its newest checkpoint. */
    public boolean unfinished() {
        return status.equals(RUNNING) || status.equals(INTERRUPTED);
    }

    public RunRecord withStatus(String newStatus, String newReason) {
        return new RunRecord(runId, newStatus, profile, config, device, createdAt, Instant.now(), lastEpoch, globalStep,
                lastCheckpoint, newReason, lastEpochMetrics, sweep);
    }

    public RunRecord withEpoch(EpochMetrics metrics) {
        return new RunRecord(runId, status, profile, config, device, createdAt, Instant.now(), metrics.epoch(),
                metrics.globalStep(), lastCheckpoint, reason, metrics, sweep);
    }

    public RunRecord withCheckpoint(String path) {
        return new RunRecord(runId, status, profile, config, device, createdAt, Instant.now(), lastEpoch, globalStep, path,
                reason, lastEpochMetrics, sweep);
    }

    public RunRecord withDevice(String newDevice, GanConfig newConfig) {
        return new RunRecord(runId, status, profile, newConfig, newDevice, createdAt, Instant.now(), lastEpoch, globalStep,
                lastCheckpoint, reason, lastEpochMetrics, sweep);
    }
}
