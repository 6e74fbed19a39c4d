package io.digitgan.dashboard.state;

import io.digitgan.events.CheckpointEvent;
import io.digitgan.events.MetricsEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A run as the dashboard shows it.
 *
 * @param epochs EPOCH events, by epoch (all of them)
 * @param progress PROGRESS events, thinned beyond the bound
 * @param system SYSTEM events, the most recent ones
 * @param sampleEpochs epochs that have a sample grid
 */
public record RunView(
        String runId,
        String status,
        String device,
        Map<String, Object> config,
        Instant startedAt,
        Instant updatedAt,
        Integer totalEpochs,
        int lastEpoch,
        Double etaSeconds,
        String reason,
        List<MetricsEvent> epochs,
        List<MetricsEvent> progress,
        List<MetricsEvent> system,
        List<Integer> sampleEpochs,
        List<CheckpointEvent> checkpoints) {}
