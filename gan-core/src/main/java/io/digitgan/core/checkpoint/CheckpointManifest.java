package io.digitgan.core.checkpoint;

import io.digitgan.core.config.GanConfig;
import io.digitgan.events.Quality;
import java.util.Map;

/**
 * {@code manifest.json} of a checkpoint: what it is and a sha256 for every file in it.
 *
 * @param formatVersion layout version of the checkpoint folder
 * @param runId the run
 * @param epoch the epoch the checkpoint was taken after
 * @param globalStep training steps done when it was taken
 * @param seed the run's seed (also inside config)
 * @param createdAt ISO-8601 instant
 * @param config the run's full configuration
 * @param files file name → checksum and size
 * @param quality FID-MNIST and the other figures of the (raw) generator, when measured at this epoch
 * @param emaQuality the same for the averaged generator, when the checkpoint has one and it was measured
 * @param trainingSeconds training wall time of the run up to this checkpoint, resumes included (a
 *     time budget goes on from it); absent in older checkpoints
 * @param classes names of the classes a conditional generator draws, in label order; absent for an
 *     unconditional one
 */
public record CheckpointManifest(
        int formatVersion,
        String runId,
        int epoch,
        long globalStep,
        long seed,
        String createdAt,
        GanConfig config,
        Map<String, FileEntry> files,
        Quality quality,
        Quality emaQuality,
        Double trainingSeconds,
        java.util.List<String> classes) {

    public static final int FORMAT_VERSION = 1;
    public static final String FILE_NAME = "manifest.json";

    /** The figures of the weights a server serves by default: the averaged ones when measured. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public Quality servedQuality() {
        return Quality.served(quality, emaQuality);
    }

    /** Whether the checkpoint's generator draws a requested class. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean conditional() {
        return config.model().conditional();
    }

    /** A file of the checkpoint. */
    public record FileEntry(String sha256, long sizeBytes) {}
}
