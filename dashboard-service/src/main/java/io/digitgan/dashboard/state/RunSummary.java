package io.digitgan.dashboard.state;

import java.time.Instant;
import java.util.Map;

/**
 * One line of the run list.
 *
 * @param status RUNNING, COMPLETED, FAILED, STOPPED, or INTERRUPTED (also a RUNNING run whose
 *     trainer has said nothing for digitgan.dashboard.stale-after)
 * @param reason why a run is not training, when it is not
 * @param bestFid the lowest FID its served weights reached, null before any was measured
 * @param sweep the sweep it is an entry of, null for a run of its own
 */
public record RunSummary(
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
        Double bestFid,
        String sweep) {

    /** The dataset's id: mnist for a run whose config names none. */
    public String dataset() {
        return config != null && config.get("dataset") instanceof String d ? d : "mnist";
    }
}
