package io.digitgan.dashboard.state;

import java.time.Instant;
import java.util.Map;

/** One line of the run picker. */
public record RunSummary(
        String runId,
        String status,
        String device,
        Map<String, Object> config,
        Instant startedAt,
        Instant updatedAt,
        Integer totalEpochs,
        int lastEpoch,
        Double etaSeconds) {}
