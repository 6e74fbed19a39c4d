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
class RunRecordTest {

    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    static final Duration STALE = Duration.ofSeconds(60);

    static RunRecord started(String runId, Instant at, Map<String, Object> config) {
        RunRecord run = new RunRecord(runId);
        run.apply(new RunEvent(1, "STARTED", runId, 0, config, "cpu()", null, at, "RUNNING", at), -1);
        return run;
    }

    static MetricsEvent measured(String runId, int epoch, Double fid, Double emaFid) {
        MetricsEvent e = MetricsEvent.training("EPOCH", runId, epoch, epoch * 10L, 1.0, 1.3, 0.6, 0.4, 0.1, 700, 12.5,
                fid == null ? null : new Quality(fid, 7.0, null), emaFid == null ? null : new Quality(emaFid, 8.0, null));
        return e;
    }

    @Test
    void aRunningRunWhoseTrainerFellSilentIsInterruptedUntilItSpeaksAgain() {
        RunRecord run = started("r", T0, Map.of("epochs", 5));
        assertEquals("RUNNING", run.summary(T0.plusSeconds(59), STALE).status());
        RunSummary silent = run.summary(T0.plusSeconds(61), STALE);
        assertEquals("INTERRUPTED", silent.status());
        assertTrue(silent.reason().contains("no word from its trainer since 2026-12-01T10:00:00Z"), silent.reason());
        assertNull(silent.etaSeconds(), "no ETA for a run that is not training");
        run.apply(new RunEvent(1, "RESUMED", "r", 0, Map.of("epochs", 5), "cpu()", null, T0.plusSeconds(120), "RUNNING", T0), -1);
        assertEquals("RUNNING", run.summary(T0.plusSeconds(121), STALE).status(), "its trainer is back");
        run.apply(new RunEvent(1, "COMPLETED", "r", 5, Map.of("epochs", 5), "cpu()", null, T0.plusSeconds(130), "COMPLETED", T0), -1);
        assertEquals("COMPLETED", run.summary(T0.plus(Duration.ofDays(9)), STALE).status(), "a finished run never goes stale");
    }

    @Test
    void theEtaIsTheRemainingEpochsAtTheMeanTimeWithinTheRunsTimeBudget() {
        RunRecord run = started("r", T0, Map.of("epochs", 60, "maxMinutes", 9.5));
        RunRecord unbudgeted = started("u", T0, Map.of("epochs", 60));
        for (int epoch = 1; epoch <= 5; epoch++) {
            run.apply(measured("r", epoch, null, null), -1); // 12.5 s an epoch
            unbudgeted.apply(measured("u", epoch, null, null), -1);
        }
        assertEquals(55 * 12.5, unbudgeted.summary(T0, STALE).etaSeconds(), 1e-9);
        assertEquals(9.5 * 60 - 5 * 12.5, run.summary(T0, STALE).etaSeconds(), 1e-9,
                "the budget ends it before its 60 epochs: what is left of 9.5 minutes of training");
    }

    @Test
    void theBestFidIsTheServedWeightsLowest() {
        RunRecord run = started("r", T0, Map.of("epochs", 5));
        assertNull(run.summary(T0, STALE).bestFid());
        run.apply(measured("r", 1, 30.0, null), -1);
        run.apply(measured("r", 2, 20.0, 25.0), -1); // the averaged weights are the served ones when measured
        run.apply(measured("r", 3, null, null), -1);
        assertEquals(25.0, run.summary(T0, STALE).bestFid());
        run.apply(measured("r", 4, 12.0, null), -1);
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
        assertEquals(List.of("alpha-1", "alpha-3"), all.stream().filter(new RunQuery("ALPHA", null, null, null, "started", 0, null)::matches)
                .map(RunSummary::runId).sorted().toList(), "part of the id, any case");
        assertEquals(List.of("alpha-3"), all.stream().filter(new RunQuery(null, "interrupted", null, null, "started", 0, null)::matches)
                .map(RunSummary::runId).toList(), "the status the list shows");
        assertEquals(List.of("beta-2"), all.stream().filter(new RunQuery(null, null, "fashion-mnist", null, "started", 0, null)::matches)
                .map(RunSummary::runId).toList());
        assertEquals(2, all.stream().filter(new RunQuery(null, null, "mnist", null, "started", 0, null)::matches).count(),
                "a config without a dataset is MNIST");
    }

    @Test
    void aRunsSpanIsFromItsStartToItsLastEventOrToNowWhileItMayTrain() {
        RunRecord run = started("r", T0, Map.of("epochs", 5));
        RunRecord.Span training = run.span(T0.plusSeconds(30), STALE);
        assertEquals(T0.minusSeconds(60), training.from(), "a minute before its start");
        assertNull(training.to(), "a training run is read to the topics' ends");
        assertEquals(T0.plusSeconds(60), run.span(T0.plus(Duration.ofDays(90)), STALE).to(),
                "a run whose trainer went silent months ago is read to its last event, not through everything since");
        long written = T0.plusSeconds(300).toEpochMilli(); // its record's own time: later than the event says
        run.apply(new RunEvent(1, "COMPLETED", "r", 5, Map.of("epochs", 5), "cpu()", null, T0.plusSeconds(200), "COMPLETED", T0),
                written);
        assertEquals(T0.plusSeconds(360), run.span(T0, STALE).to(), "a minute after its last record");
        assertEquals(5, run.summary(T0, STALE).lastEpoch());
    }
}
