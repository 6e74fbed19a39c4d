package io.digitgan.dashboard.state;

import io.digitgan.events.CheckpointEvent;
import io.digitgan.events.GanEvent;
import io.digitgan.events.MetricsEvent;
import io.digitgan.events.Quality;
import io.digitgan.events.RunEvent;
import io.digitgan.events.SampleEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.DoubleSummaryStatistics;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the dashboard keeps of every run, however many: its state from {@code gan.runs}, its newest
 * epoch and best FID from its checkpoints and epochs, and when its events were written (where its
 * series lie in the topics, read when the run is opened: {@link RunSeries}). A few kB a run.
 */
final class RunRecord {

    /** Around a run's known times when its series are looked up: clocks and sends are not exact. */
    private static final Duration SLACK = Duration.ofMinutes(1);

    private final String runId;
    private String status = "UNKNOWN";
    private String device;
    private Map<String, Object> config;
    private Instant startedAt;
    private Instant updatedAt;
    private String reason;
    private String sweep;
    private int lastEpoch;
    private Double bestFid;
    private final TreeMap<Integer, Double> epochSeconds = new TreeMap<>();
    private long firstWrittenMs = Long.MAX_VALUE;
    private long lastWrittenMs = Long.MIN_VALUE;

    RunRecord(String runId) {
        this.runId = runId;
    }

    /** Folds in an event of any topic, written to Kafka at {@code writtenMs} (its record's timestamp, or -1). */
    synchronized void apply(GanEvent event, long writtenMs) {
        if (writtenMs >= 0) {
            firstWrittenMs = Math.min(firstWrittenMs, writtenMs);
            lastWrittenMs = Math.max(lastWrittenMs, writtenMs);
        }
        if (event instanceof RunEvent e) {
            apply(e);
        } else if (event instanceof MetricsEvent e) {
            apply(e);
        } else if (event instanceof CheckpointEvent e) {
            apply(e);
        } else if (event instanceof SampleEvent e) {
            touch(e.timestamp());
        }
        if (startedAt == null) {
            startedAt = updatedAt;
        }
    }

    private void apply(RunEvent e) {
        touch(e.timestamp());
        // every event of a current trainer holds the whole state; older ones only part of it
        if (e.config() != null) {
            config = e.config();
        }
        if (e.device() != null) {
            device = e.device();
        }
        if (e.startedAt() != null) {
            startedAt = e.startedAt();
        } else if (e.type().equals("STARTED")) {
            startedAt = e.timestamp();
        }
        status = e.statusAfter();
        if (e.reason() != null) {
            reason = e.reason();
        }
        if (e.sweep() != null) {
            sweep = e.sweep();
        }
        lastEpoch = Math.max(lastEpoch, e.epoch());
    }

    private void apply(MetricsEvent e) {
        touch(e.timestamp());
        if (e.type().equals("EPOCH")) {
            lastEpoch = Math.max(lastEpoch, e.epoch());
            if (e.epochSeconds() != null) {
                epochSeconds.put(e.epoch(), e.epochSeconds());
            }
            measured(RunComparison.served(e));
        }
    }

    private void apply(CheckpointEvent e) {
        touch(e.createdAt());
        lastEpoch = Math.max(lastEpoch, e.epoch());
        measured(RunComparison.served(e.quality(), e.emaQuality()));
        if (e.best() != null && e.best().fid() != null) {
            bestFid = bestFid == null ? e.best().fid() : Math.min(bestFid, e.best().fid());
        }
    }

    private void measured(Quality served) {
        if (served != null && served.fid() != null) {
            bestFid = bestFid == null ? served.fid() : Math.min(bestFid, served.fid());
        }
    }

    private void touch(Instant t) {
        if (t != null && (updatedAt == null || t.isAfter(updatedAt))) {
            updatedAt = t;
        }
    }

    /**
     * When the run's events were written, give or take a minute: from its start to its last event,
     * or to now (null) while it may still be training (a RUNNING run whose trainer has not gone
     * silent: one gone silent months ago is read to its last event, not through everything since).
     */
    synchronized Span span(Instant now, Duration staleAfter) {
        Instant from = startedAt == null ? Instant.EPOCH : startedAt;
        if (firstWrittenMs != Long.MAX_VALUE && firstWrittenMs < from.toEpochMilli()) {
            from = Instant.ofEpochMilli(firstWrittenMs);
        }
        boolean mayTrain = (status.equals("RUNNING") || status.equals("UNKNOWN")) && !silent(now, staleAfter);
        Instant to = null;
        if (!mayTrain) {
            to = updatedAt == null ? Instant.EPOCH : updatedAt;
            if (lastWrittenMs > to.toEpochMilli()) {
                to = Instant.ofEpochMilli(lastWrittenMs);
            }
            to = to.plus(SLACK);
        }
        return new Span(runId, from.minus(SLACK), to);
    }

    /** Where a run's events lie in time; {@code to} null: up to now. */
    public record Span(String runId, Instant from, Instant to) {}

    synchronized Instant startedAt() {
        return startedAt == null ? Instant.EPOCH : startedAt;
    }

    private Integer totalEpochs() {
        return config != null && config.get("epochs") instanceof Number n ? n.intValue() : null;
    }

    /**
     * Seconds left at the mean epoch time so far, and within the run's time budget (maxMinutes)
     * when it has one; null when unknown or finished.
     */
    private Double eta() {
        Integer total = totalEpochs();
        if (total == null || epochSeconds.isEmpty() || !"RUNNING".equals(status)) {
            return null;
        }
        DoubleSummaryStatistics trained = epochSeconds.values().stream().mapToDouble(Double::doubleValue).summaryStatistics();
        double left = trained.getAverage() * Math.max(0, total - lastEpoch);
        double budget = config.get("maxMinutes") instanceof Number n ? n.doubleValue() * 60 : 0;
        if (budget > 0) { // the trainer ends the run after the last epoch that fits its budget
            left = Math.min(left, Math.max(0, budget - trained.getSum()));
        }
        return left;
    }

    /**
     * The status as of {@code now}: a RUNNING run whose trainer has said nothing for {@code
     * staleAfter} has lost its trainer (killed, its machine gone) and is INTERRUPTED until it resumes.
     */
    private boolean stale(Instant now, Duration staleAfter) {
        return "RUNNING".equals(status) && silent(now, staleAfter);
    }

    private boolean silent(Instant now, Duration staleAfter) {
        return updatedAt != null && updatedAt.plus(staleAfter).isBefore(now);
    }

    private String status(Instant now, Duration staleAfter) {
        return stale(now, staleAfter) ? "INTERRUPTED" : status;
    }

    private String reason(Instant now, Duration staleAfter) {
        return stale(now, staleAfter) ? "no word from its trainer since " + updatedAt
                + ": the trainer is gone; the run resumes from its newest checkpoint when the trainer starts again" : reason;
    }

    synchronized RunSummary summary(Instant now, Duration staleAfter) {
        return new RunSummary(runId, status(now, staleAfter), device, config, startedAt, updatedAt, totalEpochs(),
                lastEpoch, stale(now, staleAfter) ? null : eta(), reason(now, staleAfter), bestFid, sweep);
    }
}
