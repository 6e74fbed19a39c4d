package io.digitgan.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * {@code gan.checkpoints} (compacted, key = run id): a checkpoint is complete on disk.
 *
 * @param path folder of the checkpoint relative to the store, e.g. {@code run-1/epoch-0003}
 * @param sha256 sha256 of the generator parameters ({@code generator.params})
 * @param sizeBytes size of all the checkpoint's files
 * @param model what the generator is: enough to rebuild it
 * @param quality figures of this checkpoint's trained (raw) generator, when computed
 * @param best the best checkpoint of the run so far (by the served weights' FID), so the newest
 *     event alone tells both
 * @param emaSha256 sha256 of the averaged generator ({@code generator-ema.params}), when the
 *     checkpoint has one: servers serve it by default
 * @param emaQuality figures of the averaged generator, when computed
 * @param uri where the checkpoint lives, e.g. {@code s3://bucket/prefix/run-1/epoch-0003/} or
 *     {@code file:///data/checkpoints/run-1/epoch-0003/}; absent in events written before object
 *     stores (a reader finds it by {@code path} in its own configured store either way)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CheckpointEvent(
        @JsonProperty(required = true) int schemaVersion,
        @JsonProperty(required = true) String type,
        @JsonProperty(required = true) String runId,
        @JsonProperty(required = true) int epoch,
        @JsonProperty(required = true) String path,
        @JsonProperty(required = true) String sha256,
        @JsonProperty(required = true) long sizeBytes,
        @JsonProperty(required = true) ModelInfo model,
        Quality quality,
        Best best,
        @JsonProperty(required = true) Instant createdAt,
        String emaSha256,
        Quality emaQuality,
        String uri) implements GanEvent {

    public static final String TYPE = "CHECKPOINT";

    public CheckpointEvent {
        String what = "checkpoint event";
        Checks.version(schemaVersion, what);
        Checks.oneOf(type, java.util.Set.of(TYPE), "type", what);
        Checks.required(runId, "runId", what);
        Checks.required(path, "path", what);
        Checks.required(sha256, "sha256", what);
        Checks.required(model, "model", what);
        Checks.required(createdAt, "createdAt", what);
        Checks.nonNegative(epoch, "epoch", what);
        Checks.nonNegative(sizeBytes, "sizeBytes", what);
        if (!sha256.matches("[0-9a-fA-F]{64}")) {
            throw new InvalidEventException(what + ": sha256 must be 64 hex digits");
        }
        if (emaSha256 != null && !emaSha256.matches("[0-9a-fA-F]{64}")) {
            throw new InvalidEventException(what + ": emaSha256 must be 64 hex digits");
        }
    }

    /** An event without the checkpoint's URI (as events were before object stores). */
    public CheckpointEvent(int schemaVersion, String type, String runId, int epoch, String path, String sha256,
            long sizeBytes, ModelInfo model, Quality quality, Best best, Instant createdAt, String emaSha256,
            Quality emaQuality) {
        this(schemaVersion, type, runId, epoch, path, sha256, sizeBytes, model, quality, best, createdAt, emaSha256,
                emaQuality, null);
    }

    /** A checkpoint without an averaged generator. */
    public CheckpointEvent(int schemaVersion, String type, String runId, int epoch, String path, String sha256,
            long sizeBytes, ModelInfo model, Quality quality, Best best, Instant createdAt) {
        this(schemaVersion, type, runId, epoch, path, sha256, sizeBytes, model, quality, best, createdAt, null, null, null);
    }

    /** The figures of the weights a server serves by default: the averaged ones when measured. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public Quality servedQuality() {
        return Quality.served(quality, emaQuality);
    }

    /**
     * The generator's architecture.
     *
     * @param conditional whether it draws a requested class
     * @param classes the names of the classes a conditional model knows, in label order ("0".."9"
     *     for MNIST); absent for an unconditional one
     * @param dataset the images it learnt: {@code mnist} or {@code fashion-mnist}; absent means
     *     mnist (events written before datasets existed)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ModelInfo(
            @JsonProperty(required = true) String architecture,
            @JsonProperty(required = true) double width,
            @JsonProperty(required = true) int latentSize,
            boolean conditional,
            java.util.List<String> classes,
            String dataset) {

        public ModelInfo {
            dataset = dataset == null ? "mnist" : dataset;
            if (conditional && (classes == null || classes.size() < 2)) {
                throw new InvalidEventException("checkpoint event: a conditional model must name its classes (at least 2)");
            }
            if (!conditional && classes != null) {
                throw new InvalidEventException("checkpoint event: an unconditional model has no classes");
            }
        }

        /** An unconditional generator of MNIST. */
        public ModelInfo(String architecture, double width, int latentSize) {
            this(architecture, width, latentSize, false, null, null);
        }

        /** A generator of MNIST. */
        public ModelInfo(String architecture, double width, int latentSize, boolean conditional,
                java.util.List<String> classes) {
            this(architecture, width, latentSize, conditional, classes, null);
        }
    }

    /** The best checkpoint so far. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Best(int epoch, String path, Double fid) {}

    @Override
    @com.fasterxml.jackson.annotation.JsonIgnore
    public String topic() {
        return Topics.CHECKPOINTS;
    }

    /**
     * {@code <run id>/<epoch>}: {@code gan.checkpoints} is compacted, and each checkpoint must
     * survive compaction (the history shows every one), not only a run's newest.
     */
    @Override
    @com.fasterxml.jackson.annotation.JsonIgnore
    public String key() {
        return runId + "/" + epoch;
    }

    @Override
    public DedupeKey dedupeKey() {
        return new DedupeKey(runId, type, epoch, 0);
    }
}
