package io.digitgan.generator.model;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.SequentialBlock;
import io.digitgan.core.checkpoint.Checkpoint;
import io.digitgan.core.checkpoint.CheckpointManifest;
import io.digitgan.core.model.BlockGenerator;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One loaded generator and its native memory. Requests {@link #acquire()} it and {@link
 * #release()} it; once retired (replaced by a newer one) it is closed when the last request
 * using it has released it, so a swap never pulls a model from under a running request.
 */
public final class LoadedModel {

    private final Checkpoint checkpoint;
    private final String path;
    private final NDManager manager;
    private final BlockGenerator inference;
    private final boolean averaged;
    private final Instant loadedAt = Instant.now();
    /** 1 for "in service" plus one per request using it. */
    private final AtomicInteger references = new AtomicInteger(1);

    LoadedModel(Checkpoint checkpoint, String path, NDManager manager, SequentialBlock generator, boolean averaged) {
        this.checkpoint = checkpoint;
        this.averaged = averaged;
        this.path = path;
        this.manager = manager;
        this.inference = new BlockGenerator(generator, manager, checkpoint.manifest().config().model());
    }

    /** @return false when the model was retired and closed meanwhile: take the current one again */
    boolean acquire() {
        while (true) {
            int n = references.get();
            if (n == 0) {
                return false;
            }
            if (references.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    void release() {
        if (references.decrementAndGet() == 0) {
            manager.close();
        }
    }

    /** Takes it out of service; closed now or when the last request releases it. */
    void retire() {
        release();
    }

    boolean isClosed() {
        return references.get() == 0;
    }

    /**
     * Runs the generator in inference mode on {@code count} input rows of {@link #inputSize()}
     * values: latent vectors, joined to a label's one-hot row for a conditional model.
     *
     * @return count × 28 × 28 values in [-1, 1]
     */
    public float[] generate(float[] rows, int count) {
        return inference.forward(rows, count);
    }

    public int latentSize() {
        return checkpoint.manifest().config().model().latentSize();
    }

    /** Values per input row: the latent size, plus the classes of a conditional model. */
    public int inputSize() {
        return checkpoint.manifest().config().model().generatorInputSize();
    }

    /** Whether the model draws a requested class. */
    public boolean conditional() {
        return checkpoint.manifest().conditional();
    }

    /** The images it learnt. */
    public io.digitgan.core.data.Dataset dataset() {
        return checkpoint.manifest().config().dataset();
    }

    /**
     * The classes {@code digit=} asks for, by name in label order: those the conditional model was
     * trained on, or its dataset's (what rejection sampling picks from) for an unconditional one.
     */
    public java.util.List<String> classNames() {
        java.util.List<String> names = checkpoint.manifest().classes();
        return names == null ? dataset().classNames() : names;
    }

    public String runId() {
        return checkpoint.runId();
    }

    public int epoch() {
        return checkpoint.epoch();
    }

    /** sha256 of the checkpoint's raw generator: what events announce and identify a checkpoint by. */
    public String sha256() {
        return checkpoint.generatorSha256();
    }

    /** sha256 of the weights being served (the averaged ones' when {@link #averaged()}): what ETags carry. */
    public String servedSha256() {
        return averaged ? checkpoint.averagedGeneratorSha256() : checkpoint.generatorSha256();
    }

    /** Whether the averaged generator is served (else the raw one). */
    public boolean averaged() {
        return averaged;
    }

    /** {@code ema} or {@code raw}: the weights being served. */
    public String weights() {
        return averaged ? "ema" : "raw";
    }

    public String path() {
        return path;
    }

    public Instant loadedAt() {
        return loadedAt;
    }

    public CheckpointManifest manifest() {
        return checkpoint.manifest();
    }
}
