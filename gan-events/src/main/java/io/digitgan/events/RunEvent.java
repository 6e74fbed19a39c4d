package io.digitgan.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * {@code gan.runs} (compacted, key = run id): a run's lifecycle.
 *
 * @param type STARTED (with the full config and device), RESUMED (with the epoch it continues
 *     after), COMPLETED, FAILED (with a reason), STOPPED
 * @param epoch the last completed epoch (0 before the first)
 * @param config the run's full configuration (STARTED, RESUMED)
 * @param device where it trains, e.g. {@code cpu()} (STARTED, RESUMED)
 * @param reason why it failed (FAILED)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunEvent(
        @JsonProperty(required = true) int schemaVersion,
        @JsonProperty(required = true) String type,
        @JsonProperty(required = true) String runId,
        @JsonProperty(required = true) int epoch,
        Map<String, Object> config,
        String device,
        String reason,
        @JsonProperty(required = true) Instant timestamp) implements GanEvent {

    public static final Set<String> TYPES = Set.of("STARTED", "RESUMED", "COMPLETED", "FAILED", "STOPPED");

    public RunEvent {
        String what = "run event";
        Checks.version(schemaVersion, what);
        Checks.oneOf(type, TYPES, "type", what);
        Checks.required(runId, "runId", what);
        Checks.required(timestamp, "timestamp", what);
        Checks.nonNegative(epoch, "epoch", what);
        if (type.equals("STARTED")) {
            Checks.required(config, "config", what + " STARTED");
        }
        if (type.equals("FAILED")) {
            Checks.required(reason, "reason", what + " FAILED");
        }
    }

    public static RunEvent started(String runId, Map<String, Object> config, String device, int epoch) {
        return new RunEvent(SCHEMA_VERSION, "STARTED", runId, epoch, config, device, null, Instant.now());
    }

    public static RunEvent resumed(String runId, Map<String, Object> config, String device, int epoch) {
        return new RunEvent(SCHEMA_VERSION, "RESUMED", runId, epoch, config, device, null, Instant.now());
    }

    public static RunEvent completed(String runId, int epoch) {
        return new RunEvent(SCHEMA_VERSION, "COMPLETED", runId, epoch, null, null, null, Instant.now());
    }

    public static RunEvent stopped(String runId, int epoch) {
        return new RunEvent(SCHEMA_VERSION, "STOPPED", runId, epoch, null, null, null, Instant.now());
    }

    public static RunEvent failed(String runId, int epoch, String reason) {
        return new RunEvent(SCHEMA_VERSION, "FAILED", runId, epoch, null, null, reason, Instant.now());
    }

    @Override
    @com.fasterxml.jackson.annotation.JsonIgnore
    public String topic() {
        return Topics.RUNS;
    }

    @Override
    public DedupeKey dedupeKey() {
        return new DedupeKey(runId, type, epoch, 0);
    }
}
