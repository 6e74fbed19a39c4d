package io.digitgan.generator.model;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.SequentialBlock;
import io.digitgan.core.checkpoint.Checkpoint;
import io.digitgan.core.checkpoint.CheckpointStore;
import io.digitgan.core.engine.DjlEngine;
import io.digitgan.generator.GeneratorSettings;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Fetches (from an object store: downloads into this replica's own cache), verifies and loads
 * generators from the checkpoint store.
 */
@ApplicationScoped
public class ModelLoader {

    private final CheckpointStore store;
    private final Tracer tracer;
    private final GeneratorSettings.Weights weights;
    private final int intraOpThreads;

    public ModelLoader(GeneratorSettings settings, CheckpointStore store, Tracer tracer) {
        this.store = store;
        this.tracer = tracer;
        this.weights = settings.generator().weights();
        this.intraOpThreads = settings.generator().intraOpThreads();
    }

    public CheckpointStore store() {
        return store;
    }

    /**
     * Loads the checkpoint at {@code relativePath} (as an event names it), with the configured
     * weights: the averaged generator when asked for and present, else the raw one.
     *
     * @param expectedSha256 the generator's sha256 announced with it, or null
     * @throws CheckpointRejectedException for a path outside the store, a missing manifest, a
     *     checksum mismatch, a truncated or unreadable file, a store that refuses or does not answer
     */
    public LoadedModel load(String relativePath, String expectedSha256) throws CheckpointRejectedException {
        Checkpoint checkpoint;
        Span fetch = tracer.spanBuilder("gan.checkpoint.fetch").setAttribute("digitgan.checkpoint.path", relativePath)
                .startSpan(); // from the object store into this replica's cache (or the folder as it is)
        try {
            checkpoint = store.fetch(relativePath);
        } catch (IllegalArgumentException | IOException e) {
            fetch.setStatus(StatusCode.ERROR, e.getMessage());
            throw new CheckpointRejectedException("checkpoint " + relativePath + " rejected: " + e.getMessage(), e);
        } finally {
            fetch.end();
        }
        Span verify = tracer.spanBuilder("gan.checkpoint.verify-and-load").startSpan(); // every sha256, then the engine
        try {
            return verifyAndLoad(checkpoint, relativePath, expectedSha256);
        } catch (CheckpointRejectedException e) {
            verify.setStatus(StatusCode.ERROR, e.getMessage());
            throw e;
        } finally {
            verify.end();
        }
    }

    private LoadedModel verifyAndLoad(Checkpoint checkpoint, String relativePath, String expectedSha256)
            throws CheckpointRejectedException {
        Path dir = checkpoint.dir();
        DjlEngine.start(intraOpThreads);
        NDManager manager = NDManager.newBaseManager();
        try {
            if (expectedSha256 != null && !expectedSha256.equalsIgnoreCase(checkpoint.generatorSha256())) {
                throw new CheckpointRejectedException("generator sha256 in " + dir + "'s manifest ("
                        + checkpoint.generatorSha256() + ") is not the announced " + expectedSha256);
            }
            boolean averaged = weights == GeneratorSettings.Weights.EMA && checkpoint.hasAveragedGenerator();
            String file = averaged ? Checkpoint.GENERATOR_EMA : Checkpoint.GENERATOR;
            SequentialBlock generator = checkpoint.loadGenerator(manager, file); // verifies every file first
            return new LoadedModel(checkpoint, store.relative(checkpoint), manager, generator, averaged);
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw new CheckpointRejectedException("checkpoint " + relativePath + " rejected: " + e.getMessage(), e);
        } catch (CheckpointRejectedException e) {
            manager.close();
            throw e;
        }
    }
}
