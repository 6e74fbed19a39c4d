package io.digitgan.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * {@code gan.runs} (compacted, key = run id): a run's lifecycle. Each event carries the run's
 * whole state, so that the newest one alone, all compaction leaves of a run, rebuilds it.
 *
 * @param type STARTED, RESUMED (with the epoch it continues after), COMPLETED, FAILED (with a
 *     reason), STOPPED, INTERRUPTED (unfinished and kept while its trainer trains another run; the
 *     reason says how to resume it): what happened
 * @param epoch the last completed epoch (0 before the first)
 * @param config the run's full configuration (every event the trainer writes; events of older
 *     trainers have it on STARTED and RESUMED only)
 * @param device where it trains, e.g. {@code cpu()}
 * @param reason why it failed (FAILED), stopped or was interrupted
 * @param status the run's status after the event: RUNNING, COMPLETED, FAILED, STOPPED or INTERRUPTED
 * @param startedAt when the run started (its first STARTED)
 * @param timestamp when the event happened: the run's last update
 * @param sweep the sweep the run is an entry of (its name); absent for a run of its own, and in
 *     events of older trainers
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
        @JsonProperty(required = true) Instant timestamp,
        String status,
        Instant startedAt,
        String sweep) implements GanEvent {

    public static final Set<String> TYPES = Set.of("STARTED", "RESUMED", "COMPLETED", "FAILED", "STOPPED", "INTERRUPTED");
    public static final Set<String> STATUSES = Set.of("RUNNING", "COMPLETED", "FAILED", "STOPPED", "INTERRUPTED");

    /** An event of an older trainer: no status or start time of its own. */
    public RunEvent(int schemaVersion, String type, String runId, int epoch, Map<String, Object> config, String device,
            String reason, Instant timestamp) {
        this(schemaVersion, type, runId, epoch, config, device, reason, timestamp, null, null);
    }

    /** An event of a run that is no sweep's entry. */
    public RunEvent(int schemaVersion, String type, String runId, int epoch, Map<String, Object> config, String device,
            String reason, Instant timestamp, String status, Instant startedAt) {
        this(schemaVersion, type, runId, epoch, config, device, reason, timestamp, status, startedAt, null);
    }

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
        if (status != null) {
            Checks.oneOf(status, STATUSES, "status", what);
        }
    }

    /**
     * An event with the run's whole state: what the trainer publishes.
     *
     * @param type what happened; the status follows from it
     */
    public static RunEvent of(String type, String runId, int epoch, Map<String, Object> config, String device,
            Instant startedAt, String reason) {
        return of(type, runId, epoch, config, device, startedAt, reason, null);
    }

    /**
     * As {@link #of(String, String, int, Map, String, Instant, String)}, for an entry of the sweep
     * {@code sweep} (null: none).
     */
    public static RunEvent of(String type, String runId, int epoch, Map<String, Object> config, String device,
            Instant startedAt, String reason, String sweep) {
        String status = switch (type) {
            case "STARTED", "RESUMED" -> "RUNNING";
            default -> type;
        };
        return new RunEvent(SCHEMA_VERSION, type, runId, epoch, config, device, reason, Instant.now(), status, startedAt,
                sweep);
    }

    /** The status after this event, also for events of older trainers. */
    public String statusAfter() {
        if (status != null) {
            return status;
        }
        return type.equals("STARTED") || type.equals("RESUMED") ? "RUNNING" : type;
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
