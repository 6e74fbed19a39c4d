package io.digitgan.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Set;

/**
 * {@code gan.training.metrics} (delete, 7 days): training figures.
 *
 * <ul>
 *   <li>{@code PROGRESS}, every N steps: the losses and D outputs of that step;
 *   <li>{@code EPOCH}, at each epoch end: means over the epoch, epochSeconds, and the quality
 *       figures when they were computed;
 *   <li>{@code SYSTEM}, every 10 s: the trainer's process figures in {@code system}.
 * </ul>
 *
 * @param step global step (steps since the run began)
 * @param quality for EPOCH: figures of the trained (raw) generator, when measured
 * @param emaQuality for EPOCH: figures of the averaged generator, when the run keeps one
 * @param system for SYSTEM: the trainer's process figures
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MetricsEvent(
        @JsonProperty(required = true) int schemaVersion,
        @JsonProperty(required = true) String type,
        @JsonProperty(required = true) String runId,
        @JsonProperty(required = true) int epoch,
        @JsonProperty(required = true) long step,
        Double genLoss,
        Double discLoss,
        Double dReal,
        Double dFake,
        Double noiseStd,
        Double imagesPerSecond,
        Double epochSeconds,
        Quality quality,
        Quality emaQuality,
        SystemFigures system,
        @JsonProperty(required = true) Instant timestamp) implements GanEvent {

    public static final Set<String> TYPES = Set.of("PROGRESS", "EPOCH", "SYSTEM");

    public MetricsEvent {
        String what = "metrics event";
        Checks.version(schemaVersion, what);
        Checks.oneOf(type, TYPES, "type", what);
        Checks.required(runId, "runId", what);
        Checks.required(timestamp, "timestamp", what);
        Checks.nonNegative(epoch, "epoch", what);
        Checks.nonNegative(step, "step", what);
        if (!type.equals("SYSTEM")) {
            Checks.required(genLoss, "genLoss", what + " " + type);
            Checks.required(discLoss, "discLoss", what + " " + type);
        } else {
            Checks.required(system, "system", what + " SYSTEM");
        }
    }

    /** A PROGRESS or EPOCH event. */
    public static MetricsEvent training(String type, String runId, int epoch, long step, double genLoss,
            double discLoss, double dReal, double dFake, double noiseStd, double imagesPerSecond,
            Double epochSeconds, Quality quality) {
        return training(type, runId, epoch, step, genLoss, discLoss, dReal, dFake, noiseStd, imagesPerSecond,
                epochSeconds, quality, null);
    }

    /** A PROGRESS or EPOCH event, with the averaged generator's figures too. */
    public static MetricsEvent training(String type, String runId, int epoch, long step, double genLoss,
            double discLoss, double dReal, double dFake, double noiseStd, double imagesPerSecond,
            Double epochSeconds, Quality quality, Quality emaQuality) {
        return new MetricsEvent(SCHEMA_VERSION, type, runId, epoch, step, genLoss, discLoss, dReal, dFake, noiseStd,
                imagesPerSecond, epochSeconds, quality, emaQuality, null, Instant.now());
    }

    public static MetricsEvent system(String runId, int epoch, long step, SystemFigures figures) {
        return new MetricsEvent(SCHEMA_VERSION, "SYSTEM", runId, epoch, step, null, null, null, null, null, null, null,
                null, null, figures, Instant.now());
    }

    /** SYSTEM events are periodic, not per step: they are told apart by their time. */
    @Override
    @com.fasterxml.jackson.annotation.JsonIgnore
    public String topic() {
        return Topics.METRICS;
    }

    @Override
    public DedupeKey dedupeKey() {
        return new DedupeKey(runId, type, epoch, type.equals("SYSTEM") ? timestamp.toEpochMilli() : step);
    }
}
