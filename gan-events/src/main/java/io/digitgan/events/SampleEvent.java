package io.digitgan.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Base64;

/**
 * {@code gan.samples} (delete): the grid of the run's fixed noise batch after an epoch.
 *
 * @param pngBase64 the PNG, base64
 */
public record SampleEvent(
        @JsonProperty(required = true) int schemaVersion,
        @JsonProperty(required = true) String type,
        @JsonProperty(required = true) String runId,
        @JsonProperty(required = true) int epoch,
        @JsonProperty(required = true) String pngBase64,
        @JsonProperty(required = true) Instant timestamp) implements GanEvent {

    public static final String TYPE = "SAMPLES";

    public SampleEvent {
        String what = "sample event";
        Checks.version(schemaVersion, what);
        Checks.oneOf(type, java.util.Set.of(TYPE), "type", what);
        Checks.required(runId, "runId", what);
        Checks.required(pngBase64, "pngBase64", what);
        Checks.required(timestamp, "timestamp", what);
        Checks.nonNegative(epoch, "epoch", what);
    }

    public static SampleEvent of(String runId, int epoch, byte[] png) {
        return new SampleEvent(SCHEMA_VERSION, TYPE, runId, epoch, Base64.getEncoder().encodeToString(png), Instant.now());
    }

    public byte[] png() {
        try {
            return Base64.getDecoder().decode(pngBase64);
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException("sample event: pngBase64 is not base64", e);
        }
    }

    @Override
    @com.fasterxml.jackson.annotation.JsonIgnore
    public String topic() {
        return Topics.SAMPLES;
    }

    @Override
    public DedupeKey dedupeKey() {
        return new DedupeKey(runId, type, epoch, 0);
    }
}
