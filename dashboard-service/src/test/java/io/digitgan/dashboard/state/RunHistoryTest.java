package io.digitgan.dashboard.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.digitgan.events.MetricsEvent;
import io.digitgan.events.Quality;
import io.digitgan.events.RunEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the run list says of a run: its status as of now, its best FID, and how lists of runs are asked for. */
class RunHistoryTest {

    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    static final Duration STALE = Duration.ofSeconds(60);

    static RunHistory started(String runId, Instant at, Map<String, Object> config) {
        RunHistory run = new RunHistory(runId, 100, 100);
        run.apply(new RunEvent(1, "STARTED", runId, 0, config, "cpu()", null, at, "RUNNING", at));
        return run;
    }

    static MetricsEvent measured(String runId, int epoch, Double fid, Double emaFid) {
        MetricsEvent e = MetricsEvent.training("EPOCH", runId, epoch, epoch * 10L, 1.0, 1.3, 0.6, 0.4, 0.1, 700, 12.5,
                fid == null ? null : new Quality(fid, 7.0, null), emaFid == null ? null : new Quality(emaFid, 8.0, null));
        return e;
    }

    @Test
    void aRunningRunWhoseTrainerFellSilentIsInterruptedUntilItSpeaksAgain() {
        RunHistory run = started("r", T0, Map.of("epochs", 5));
        assertEquals("RUNNING", run.summary(T0.plusSeconds(59), STALE).status());
        RunSummary silent = run.summary(T0.plusSeconds(61), STALE);
        assertEquals("INTERRUPTED", silent.status());
        assertTrue(silent.reason().contains("no word from its trainer since 2026-12-01T10:00:00Z"), silent.reason());
        assertNull(silent.etaSeconds(), "no ETA for a run that is not training");
        assertEquals("INTERRUPTED", run.view(T0.plusSeconds(61), STALE).status());
        run.apply(new RunEvent(1, "RESUMED", "r", 0, Map.of("epochs", 5), "cpu()", null, T0.plusSeconds(120), "RUNNING", T0));
        assertEquals("RUNNING", run.summary(T0.plusSeconds(121), STALE).status(), "its trainer is back");
        run.apply(new RunEvent(1, "COMPLETED", "r", 5, Map.of("epochs", 5), "cpu()", null, T0.plusSeconds(130), "COMPLETED", T0));
        assertEquals("COMPLETED", run.summary(T0.plus(Duration.ofDays(9)), STALE).status(), "a finished run never goes stale");
    }

    @Test
    void theEtaIsTheRemainingEpochsAtTheMeanTimeWithinTheRunsTimeBudget() {
        RunHistory run = started("r", T0, Map.of("epochs", 60, "maxMinutes", 9.5));
        RunHistory unbudgeted = started("u", T0, Map.of("epochs", 60));
        for (int epoch = 1; epoch <= 5; epoch++) {
            run.apply(measured("r", epoch, null, null)); // 12.5 s an epoch
            unbudgeted.apply(measured("u", epoch, null, null));
        }
        assertEquals(55 * 12.5, unbudgeted.summary(T0, STALE).etaSeconds(), 1e-9);
        assertEquals(9.5 * 60 - 5 * 12.5, run.summary(T0, STALE).etaSeconds(), 1e-9,
                "the budget ends it before its 60 epochs: what is left of 9.5 minutes of training");
    }

    @Test
    void theBestFidIsTheServedWeightsLowest() {
        RunHistory run = started("r", T0, Map.of("epochs", 5));
        assertNull(run.summary(T0, STALE).bestFid());
        run.apply(measured("r", 1, 30.0, null));
        run.apply(measured("r", 2, 20.0, 25.0)); // the averaged weights are the served ones when measured
        run.apply(measured("r", 3, null, null));
        assertEquals(25.0, run.summary(T0, STALE).bestFid());
        run.apply(measured("r", 4, 12.0, null));
        assertEquals(12.0, run.summary(T0, STALE).bestFid());
    }

    @Test
    void aListIsFilteredSortedAndPaged() {
        List<RunSummary> all = List.of(
                started("alpha-1", T0, Map.of("epochs", 5)).summary(T0, STALE),
                started("beta-2", T0.plusSeconds(10), Map.of("dataset", "fashion-mnist")).summary(T0, STALE),
                started("alpha-3", T0.plusSeconds(20), Map.of()).summary(T0.plusSeconds(200), STALE));
        RunQuery newest = RunQuery.all();
        assertEquals(List.of("alpha-3", "beta-2", "alpha-1"), all.stream().sorted(newest.order()).map(RunSummary::runId).toList());
        assertEquals(List.of("alpha-1", "alpha-3"), all.stream().filter(new RunQuery("ALPHA", null, null, "started", 0, null)::matches)
                .map(RunSummary::runId).sorted().toList(), "part of the id, any case");
        assertEquals(List.of("alpha-3"), all.stream().filter(new RunQuery(null, "interrupted", null, "started", 0, null)::matches)
                .map(RunSummary::runId).toList(), "the status the list shows");
        assertEquals(List.of("beta-2"), all.stream().filter(new RunQuery(null, null, "fashion-mnist", "started", 0, null)::matches)
                .map(RunSummary::runId).toList());
        assertEquals(2, all.stream().filter(new RunQuery(null, null, "mnist", "started", 0, null)::matches).count(),
                "a config without a dataset is MNIST");
    }
}
