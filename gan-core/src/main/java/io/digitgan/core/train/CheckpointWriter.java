package io.digitgan.core.train;

import io.digitgan.core.checkpoint.Checkpoint;
import io.digitgan.core.checkpoint.CheckpointStore;
import io.digitgan.core.config.GanConfig;
import io.digitgan.events.Quality;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a run's checkpoint: the players' weights, the averaged generator's, both optimisers'
 * state, and the manifest with the epoch's figures, into a {@link CheckpointStore}. A full disk
 * is said as such; the store has removed the half-written folder by then.
 */
final class CheckpointWriter {

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointWriter.class);

    private final String runId;
    private final GanConfig config;
    private final CheckpointStore store;
    private final GanModels models;

    CheckpointWriter(String runId, GanConfig config, CheckpointStore store, GanModels models) {
        this.runId = runId;
        this.config = config;
        this.store = store;
        this.models = models;
    }

    /** The checkpoint of {@code epoch}, written. @throws UncheckedIOException saying why not (a full disk by name) */
    Checkpoint write(int epoch, long globalStep, Quality quality, Quality emaQuality, double trainingSeconds) {
        Map<String, CheckpointStore.FileWriter> files = new LinkedHashMap<>();
        files.put(Checkpoint.GENERATOR, models.generator::saveParameters);
        if (models.average != null) {
            files.put(Checkpoint.GENERATOR_EMA, models.average::save);
        }
        files.put(Checkpoint.DISCRIMINATOR, models.discriminator::saveParameters);
        files.put(Checkpoint.GENERATOR_OPTIMIZER, out -> models.generatorAdam.save(models.generator, out));
        files.put(Checkpoint.DISCRIMINATOR_OPTIMIZER, out -> models.discriminatorAdam.save(models.discriminator, out));
        try {
            Checkpoint written = store.write(runId, epoch, globalStep, config, files, quality, emaQuality,
                    Math.round(trainingSeconds * 10) / 10.0);
            LOG.info("run {}: checkpoint of epoch {} written to {}", runId, epoch, written.dir());
            return written;
        } catch (IOException e) {
            // the store removed the half-written folder: the earlier checkpoints are what is left
            throw new UncheckedIOException("could not write the checkpoint of epoch " + epoch + " to " + store.describe()
                    + ": " + (diskFull(e) ? "the disk is full (No space left on device); earlier checkpoints are intact"
                            : e.getMessage()), e);
        }
    }

    /** Whether an I/O failure is the file system running out of space (ENOSPC), anywhere in its causes. */
    static boolean diskFull(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("No space left on device")) {
                return true;
            }
        }
        return false;
    }
}
