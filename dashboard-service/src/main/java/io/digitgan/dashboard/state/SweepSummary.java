package io.digitgan.dashboard.state;

import java.time.Instant;

/**
 * A sweep as the run list's filter shows it: how many runs it has, how many train now, and its best.
 *
 * @param bestFid the lowest best FID of its runs, null before any was measured
 * @param bestRun the run that reached it
 * @param newestStart when its newest run started
 */
public record SweepSummary(String name, int runs, int running, Double bestFid, String bestRun, Instant newestStart) {}
