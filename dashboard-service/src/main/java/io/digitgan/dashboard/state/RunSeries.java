package io.digitgan.dashboard.state;

import io.digitgan.events.CheckpointEvent;
import io.digitgan.events.DedupeKey;
import io.digitgan.events.GanEvent;
import io.digitgan.events.MetricsEvent;
import io.digitgan.events.SampleEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * A run's series, what its charts and sample slider show: EPOCH points (all), PROGRESS points
 * (thinned beyond the bound), SYSTEM figures (the newest), sample grids and checkpoints. Kept only
 * for the runs open now ({@link OpenRuns}); each event once, whether it came from the topics'
 * read at opening or live.
 */
final class RunSeries {

    private final int maxProgress;
    private final int maxSystem;
    private final Set<DedupeKey> seen = new HashSet<>();
    private final TreeMap<Integer, MetricsEvent> epochs = new TreeMap<>();
    private final List<MetricsEvent> progress = new ArrayList<>();
    private final List<MetricsEvent> system = new ArrayList<>();
    private final TreeMap<Integer, byte[]> samples = new TreeMap<>();
    private final TreeMap<Integer, CheckpointEvent> checkpoints = new TreeMap<>();

    RunSeries(int maxProgress, int maxSystem) {
        this.maxProgress = maxProgress;
        this.maxSystem = maxSystem;
    }

    /** Adds an event (a run event has no series: ignored); false when it was already there. */
    synchronized boolean apply(GanEvent event) {
        if (!seen.add(event.dedupeKey())) {
            return false;
        }
        if (event instanceof MetricsEvent e) {
            apply(e);
        } else if (event instanceof SampleEvent e) {
            samples.put(e.epoch(), e.png());
        } else if (event instanceof CheckpointEvent e) {
            checkpoints.put(e.epoch(), e);
        }
        return true;
    }

    private void apply(MetricsEvent e) {
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

    synchronized byte[] sample(int epoch) {
        return samples.get(epoch);
    }

    /** The run's view: its {@code summary} with these series. */
    synchronized RunView view(RunSummary summary) {
        return new RunView(summary.runId(), summary.status(), summary.device(), summary.config(), summary.startedAt(),
                summary.updatedAt(), summary.totalEpochs(), summary.lastEpoch(), summary.etaSeconds(), summary.reason(),
                List.copyOf(epochs.values()), List.copyOf(progress), List.copyOf(system), List.copyOf(samples.keySet()),
                List.copyOf(checkpoints.values()));
    }
}
