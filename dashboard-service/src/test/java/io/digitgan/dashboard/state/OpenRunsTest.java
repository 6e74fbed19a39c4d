package io.digitgan.dashboard.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.digitgan.events.MetricsEvent;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The bounded set of open runs: a read from the topics, the live events that arrive meanwhile, each once. */
class OpenRunsTest {

    private final ExecutorService executor = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    static MetricsEvent progress(String runId, long step) {
        return MetricsEvent.training("PROGRESS", runId, 1, step, 1.0, 1.3, 0.6, 0.4, 0.1, 700, null, null);
    }

    static RunSeries seriesOf(String runId, long... steps) {
        RunSeries series = new RunSeries(100, 100);
        for (long step : steps) {
            series.apply(progress(runId, step));
        }
        return series;
    }

    static List<Long> steps(RunSeries series, String runId) {
        return series.view(new RunRecord(runId).summary(java.time.Instant.now(), java.time.Duration.ofMinutes(1)))
                .progress().stream().map(MetricsEvent::step).toList();
    }

    @Test
    void liveEventsDuringTheReadFollowItEachOnce() throws Exception {
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        OpenRuns open = new OpenRuns(4, record -> {
            reading.countDown();
            await(release);
            return seriesOf("r", 1, 2, 3); // the topics held steps 1..3 when the read began
        }, executor);
        CompletableFuture<RunSeries> read = open.open("r", new RunRecord("r"));
        reading.await();
        assertTrue(open.live(progress("r", 3)), "step 3 arrived live while the topics were read: it is in both");
        assertTrue(open.live(progress("r", 4)));
        assertFalse(read.isDone());
        release.countDown();
        assertEquals(List.of(1L, 2L, 3L, 4L), steps(read.get(), "r"));
        assertTrue(open.live(progress("r", 5)), "an open run takes live events straight");
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), steps(read.get(), "r"));
        assertFalse(open.live(progress("other", 1)), "a run that is not open takes none");
    }

    @Test
    void theLeastRecentlyOpenedRunsAreForgottenBeyondTheCapacity() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        OpenRuns open = new OpenRuns(2, record -> {
            reads.incrementAndGet();
            return seriesOf("x");
        }, executor);
        open.open("a", new RunRecord("a")).get();
        open.open("b", new RunRecord("b")).get();
        open.open("a", new RunRecord("a")).get(); // a is the most recent now
        open.open("c", new RunRecord("c")).get();
        assertEquals(2, open.size());
        assertEquals(3, reads.get());
        open.open("a", new RunRecord("a")).get();
        assertEquals(3, reads.get(), "a stayed open");
        open.open("b", new RunRecord("b")).get();
        assertEquals(4, reads.get(), "b was forgotten and is read again");
    }

    @Test
    void aFailedReadIsTriedAgainAtTheNextOpening() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        OpenRuns open = new OpenRuns(2, record -> {
            if (reads.incrementAndGet() == 1) {
                throw new IllegalStateException("broker away");
            }
            return seriesOf("r", 1);
        }, executor);
        ExecutionException failed = assertThrows(ExecutionException.class, () -> open.open("r", new RunRecord("r")).get());
        assertEquals("broker away", failed.getCause().getMessage());
        assertEquals(List.of(1L), steps(open.open("r", new RunRecord("r")).get(), "r"));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
