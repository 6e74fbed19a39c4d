package io.digitgan.dashboard.state;

import io.digitgan.events.CheckpointEvent;
import io.digitgan.events.MetricsEvent;
import io.digitgan.events.RunEvent;
import io.digitgan.events.SampleEvent;
import io.digitgan.events.Quality;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Everything known of one run, bounded: PROGRESS points are thinned, EPOCH points always kept. */
final class RunHistory {

    private final String runId;
    private final int maxProgress;
    private final int maxSystem;
    private String status = "UNKNOWN";
    private String device;
    private Map<String, Object> config;
    private Instant startedAt;
    private Instant updatedAt;
    private String reason;
    private final TreeMap<Integer, MetricsEvent> epochs = new TreeMap<>();
    private final List<MetricsEvent> progress = new ArrayList<>();
    private final List<MetricsEvent> system = new ArrayList<>();
    private final TreeMap<Integer, byte[]> samples = new TreeMap<>();
    private final TreeMap<Integer, CheckpointEvent> checkpoints = new TreeMap<>();

    RunHistory(String runId, int maxProgress, int maxSystem) {
        this.runId = runId;
        this.maxProgress = maxProgress;
        this.maxSystem = maxSystem;
    }

    synchronized void apply(RunEvent e) {
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
        if (startedAt == null) {
            startedAt = e.timestamp();
        }
        if (e.reason() != null) {
            reason = e.reason();
        }
    }

    synchronized void apply(MetricsEvent e) {
        touch(e.timestamp());
        switch (e.type()) {
            case "EPOCH" -> epochs.put(e.epoch(), e);
            case "PROGRESS" -> {
                progress.add(e);
                if (progress.size() > maxProgress) {
                    thin(progress);
                }
            }
            default -> {
                system.add(e);
                if (system.size() > maxSystem) {
                    system.remove(0);
                }
            }
        }
        if (startedAt == null) {
            startedAt = e.timestamp();
        }
    }

    /** Keeps every other point: the curve keeps its shape at half the points. */
    private static void thin(List<MetricsEvent> points) {
        List<MetricsEvent> kept = new ArrayList<>(points.size() / 2 + 1);
        for (int i = 0; i < points.size(); i += 2) {
            kept.add(points.get(i));
        }
        points.clear();
        points.addAll(kept);
    }

    synchronized void apply(SampleEvent e) {
        touch(e.timestamp());
        samples.put(e.epoch(), e.png());
    }

    synchronized void apply(CheckpointEvent e) {
        touch(e.createdAt());
        checkpoints.put(e.epoch(), e);
    }

    private void touch(Instant t) {
        if (t != null && (updatedAt == null || t.isAfter(updatedAt))) {
            updatedAt = t;
        }
    }

    synchronized byte[] sample(int epoch) {
        return samples.get(epoch);
    }

    synchronized Instant startedAt() {
        return startedAt == null ? Instant.EPOCH : startedAt;
    }

    private Integer totalEpochs() {
        return config != null && config.get("epochs") instanceof Number n ? n.intValue() : null;
    }

    private int lastEpoch() {
        return epochs.isEmpty() ? 0 : epochs.lastKey();
    }

    /**
     * Seconds left at the mean epoch time so far, and within the run's time budget (maxMinutes)
     * when it has one; null when unknown or finished.
     */
    private Double eta() {
        Integer total = totalEpochs();
        if (total == null || epochs.isEmpty() || !"RUNNING".equals(status)) {
            return null;
        }
        double mean = epochs.values().stream().filter(m -> m.epochSeconds() != null)
                .mapToDouble(MetricsEvent::epochSeconds).average().orElse(Double.NaN);
        if (Double.isNaN(mean)) {
            return null;
        }
        double left = mean * Math.max(0, total - lastEpoch());
        double budget = config.get("maxMinutes") instanceof Number n ? n.doubleValue() * 60 : 0;
        if (budget > 0) { // the trainer ends the run after the last epoch that fits its budget
            double trained = epochs.values().stream().filter(m -> m.epochSeconds() != null)
                    .mapToDouble(MetricsEvent::epochSeconds).sum();
            left = Math.min(left, Math.max(0, budget - trained));
        }
        return left;
    }

    /**
     * The status as of {@code now}: a RUNNING run whose trainer has said nothing for {@code
     * staleAfter} has lost its trainer (killed, its machine gone) and is INTERRUPTED until it resumes.
     */
    private boolean stale(Instant now, Duration staleAfter) {
        return "RUNNING".equals(status) && updatedAt != null && updatedAt.plus(staleAfter).isBefore(now);
    }

    private String status(Instant now, Duration staleAfter) {
        return stale(now, staleAfter) ? "INTERRUPTED" : status;
    }

    private String reason(Instant now, Duration staleAfter) {
        return stale(now, staleAfter) ? "no word from its trainer since " + updatedAt
                + ": the trainer is gone; the run resumes from its newest checkpoint when the trainer starts again" : reason;
    }

    /** The lowest FID of the served weights so far; null before any was measured. */
    private Double bestFid() {
        return epochs.values().stream().map(RunComparison::served).filter(q -> q != null && q.fid() != null)
                .map(Quality::fid).min(Double::compare).orElse(null);
    }

    synchronized RunSummary summary(Instant now, Duration staleAfter) {
        return new RunSummary(runId, status(now, staleAfter), device, config, startedAt, updatedAt, totalEpochs(),
                lastEpoch(), stale(now, staleAfter) ? null : eta(), reason(now, staleAfter), bestFid());
    }

    synchronized RunView view(Instant now, Duration staleAfter) {
        return new RunView(runId, status(now, staleAfter), device, config, startedAt, updatedAt, totalEpochs(), lastEpoch(),
                stale(now, staleAfter) ? null : eta(), reason(now, staleAfter), List.copyOf(epochs.values()),
                List.copyOf(progress), List.copyOf(system), List.copyOf(samples.keySet()), List.copyOf(checkpoints.values()));
    }
}
