package io.digitgan.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.digitgan.events.CheckpointEvent;
import io.digitgan.events.EventJson;
import io.digitgan.events.MetricsEvent;
import io.digitgan.events.RunEvent;
import io.digitgan.events.SampleEvent;
import io.digitgan.events.Topics;
import io.digitgan.testing.TestKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * Faults injected for real into the running processes: the trainer killed with SIGKILL in the
 * middle of an epoch, the broker stopped for 30 s in the middle of training. The smoke recipe,
 * 4 epochs of 2,048 images; the generator is polled throughout.
 */
class FaultInjectionTest {

    static final int EPOCHS = 4;

    @Test
    void aTrainerKilledMidEpochResumesAndEveryEpochIsShownOnceWhileTheGeneratorServes() throws Exception {
        try (Services s = new Services("sigkill")) {
            s.startTrainer(EPOCHS).startGeneratorAndDashboard();
            String runId = awaitRun(s);
            await().atMost(Duration.ofMinutes(4)).until(() -> dashboardEpochs(s, runId).size() >= 2);
            awaitServing(s);
            Poller generator = new Poller(s.generator("/api/v1/digits/7.png")).start();
            Thread.sleep(1_500); // inside the next epoch
            s.killTrainer();
            s.startTrainer(EPOCHS);
            await().atMost(Duration.ofMinutes(5)).until(() -> "COMPLETED".equals(status(s, runId)));
            await().atMost(Duration.ofMinutes(1)).until(() -> dashboardEpochs(s, runId).size() == EPOCHS);
            generator.stop();

            assertEquals(List.of(1, 2, 3, 4), dashboardEpochs(s, runId), "every epoch once on the dashboard");
            List<RunEvent> lifecycle = events(s, Topics.RUNS, RunEvent.class, runId);
            RunEvent resumed = lifecycle.stream().filter(e -> e.type().equals("RESUMED")).findFirst().orElseThrow();
            assertTrue(resumed.epoch() >= 2, "resumed after a checkpointed epoch: " + resumed.epoch());
            long oldProgressAfterResume = events(s, Topics.METRICS, MetricsEvent.class, runId).stream()
                    .filter(m -> m.type().equals("PROGRESS") && m.timestamp().isAfter(resumed.timestamp()))
                    .filter(m -> m.epoch() <= resumed.epoch()).count();
            assertEquals(0, oldProgressAfterResume, "no epoch before the unfinished one is trained again");
            assertEquals(List.of(), generator.failures, "the generator served throughout");
            assertTrue(generator.served.get() > 10, "requests during the fault: " + generator.served.get());
            JsonNode model = Services.json(s.generator("/api/v1/model"));
            assertEquals(EPOCHS, model.path("epoch").asInt());
            // the token: refused when wrong, accepted when right (a new run starts), never in a log
            assertEquals(401, Services.post(s.trainer("/api/v1/runs"), "Bearer " + Services.TOKEN + "-wrong"));
            assertEquals(201, Services.post(s.trainer("/api/v1/runs"), "Bearer " + Services.TOKEN));
            assertTrue(!s.logs().contains(Services.TOKEN), "no log contains the API token");
            Reliability.record("trainer SIGKILL mid-epoch " + (resumed.epoch() + 1), "resumed after epoch "
                    + resumed.epoch() + ", dashboard epochs 1-4 once each, generator " + generator.served.get()
                    + " requests, 0 failed");
        }
    }

    @Test
    void aBrokerStoppedForThirtySecondsLosesNothingAndEveryoneCatchesUp() throws Exception {
        try (Services s = new Services("kafka-stop")) {
            s.startTrainer(EPOCHS).startGeneratorAndDashboard();
            String runId = awaitRun(s);
            await().atMost(Duration.ofMinutes(4)).until(() -> dashboardEpochs(s, runId).size() >= 1);
            awaitServing(s);
            Poller generator = new Poller(s.generator("/api/v1/digits/7.png")).start();
            int before = lastEpoch(s, runId);
            s.kafka.stop();
            long stopped = System.nanoTime();
            Thread.sleep(30_000);
            int during = lastEpoch(s, runId);
            s.kafka.start();
            double outage = (System.nanoTime() - stopped) / 1e9;
            await().atMost(Duration.ofMinutes(5)).until(() -> "COMPLETED".equals(status(s, runId)));
            await().atMost(Duration.ofMinutes(2)).until(() -> dashboardEpochs(s, runId).size() == EPOCHS
                    && Services.json(s.dashboard("/api/v1/runs/" + runId)).path("checkpoints").size() == EPOCHS);
            await().atMost(Duration.ofMinutes(2)).until(() -> Services.json(s.generator("/api/v1/model")) != null
                    && Services.json(s.generator("/api/v1/model")).path("epoch").asInt() == EPOCHS);
            generator.stop();

            assertTrue(during > before, "training went on while Kafka was down: epoch " + before + " → " + during);
            assertEquals(List.of(1, 2, 3, 4), distinctEpochs(events(s, Topics.METRICS, MetricsEvent.class, runId).stream()
                    .filter(m -> m.type().equals("EPOCH")).map(MetricsEvent::epoch).toList()));
            assertEquals(List.of(1, 2, 3, 4), distinctEpochs(events(s, Topics.SAMPLES, SampleEvent.class, runId).stream()
                    .map(SampleEvent::epoch).toList()));
            assertEquals(List.of(1, 2, 3, 4), distinctEpochs(events(s, Topics.CHECKPOINTS, CheckpointEvent.class, runId)
                    .stream().map(CheckpointEvent::epoch).toList()));
            assertEquals(List.of(), generator.failures, "the generator served throughout");
            Reliability.record(String.format("Kafka stopped %.0f s after epoch %d", outage, before),
                    "training reached epoch " + during + " meanwhile; EPOCH, sample, checkpoint events 1-4 all arrived; "
                            + "dashboard and generator caught up; generator " + generator.served.get()
                            + " requests, 0 failed");
        }
    }

    @Test
    void theLargestRequestsCannotPushTheGeneratorPastASmallHeap() throws Exception {
        try (Services s = new Services("memory")) {
            s.startTrainer(1).startGeneratorAlone(List.of("-Xmx192m")); // no dashboard: only the generator is under test
            awaitServing(s);
            String url = s.generator("/api/v1/digits.png?count=256&scale=8&columns=16");
            List<Poller> clients = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                clients.add(new Poller(url + "&seed=" + i, true).start());
            }
            Thread.sleep(10_000); // the peak comes in the first seconds; longer only adds requests
            for (Poller p : clients) {
                p.stop();
            }
            int served = clients.stream().mapToInt(p -> p.served.get()).sum();
            List<String> failed = clients.stream().flatMap(p -> p.failures.stream()).toList();
            assertTrue(s.generator.isAlive(), "the generator is alive");
            assertEquals(List.of(), failed.stream().limit(5).toList(), "only 200 or 503 with Retry-After");
            assertTrue(served > 0, "largest grids served: " + served);
            long peakKb = peakResidentKb(s.generator.pid());
            Reliability.record("16 clients × 10 s of the largest grid (256 digits, scale 8) against -Xmx192m",
                    served + " served, " + clients.stream().mapToInt(p -> p.busy.get()).sum()
                            + " refused with 503 + Retry-After, 0 errors; peak resident " + peakKb / 1024 + " MB");
            given(s.generator("/q/health/live"));
        }
    }

    static void given(String url) throws Exception {
        assertEquals(200, Services.get(url).statusCode(), url);
    }

    static long peakResidentKb(long pid) throws java.io.IOException {
        for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    static String awaitRun(Services s) {
        await().atMost(Duration.ofMinutes(2)).until(() -> {
            s.assertTrainerRunning();
            JsonNode runs = Services.json(s.trainer("/api/v1/runs"));
            return runs != null && runs.size() == 1;
        });
        return Services.json(s.trainer("/api/v1/runs")).get(0).path("runId").asText();
    }

    /** The generator serves a model: from here on every request must succeed. */
    static void awaitServing(Services s) {
        await().atMost(Duration.ofMinutes(2)).until(() -> Services.json(s.generator("/api/v1/model")) != null);
    }

    static String status(Services s, String runId) {
        JsonNode run = Services.json(s.trainer("/api/v1/runs/" + runId));
        return run == null ? null : run.path("status").asText();
    }

    static int lastEpoch(Services s, String runId) {
        JsonNode run = Services.json(s.trainer("/api/v1/runs/" + runId));
        return run == null ? -1 : run.path("lastEpoch").asInt();
    }

    static List<Integer> dashboardEpochs(Services s, String runId) {
        JsonNode run = Services.json(s.dashboard("/api/v1/runs/" + runId));
        if (run == null) {
            return List.of();
        }
        return StreamSupport.stream(run.path("epochs").spliterator(), false).map(e -> e.path("epoch").asInt()).toList();
    }

    static <T extends io.digitgan.events.GanEvent> List<T> events(Services s, String topic, Class<T> type, String runId) {
        List<T> out = new ArrayList<>();
        for (var r : TestKafka.readAll(s.kafka.bootstrapServers(), List.of(topic))) {
            T e = EventJson.fromJson(r.value(), type);
            if (e.runId().equals(runId)) {
                out.add(e);
            }
        }
        return out;
    }

    static List<Integer> distinctEpochs(List<Integer> epochs) {
        return epochs.stream().distinct().sorted().toList();
    }

    /**
     * Requests one URL every 100 ms (or back to back) on a thread of its own; every answer but 200
     * (and, when allowed, 503 with Retry-After) is a failure.
     */
    static final class Poller {
        final String url;
        final boolean busyAllowed;
        final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicInteger served = new AtomicInteger();
        final AtomicInteger busy = new AtomicInteger();
        final List<String> failures = new CopyOnWriteArrayList<>();
        private Thread thread;

        Poller(String url) {
            this(url, false);
        }

        Poller(String url, boolean busyAllowed) {
            this.url = url;
            this.busyAllowed = busyAllowed;
        }

        Poller start() {
            thread = new Thread(() -> {
                while (running.get()) {
                    try {
                        var r = Services.get(url);
                        int code = r.statusCode();
                        if (code == 200) {
                            served.incrementAndGet();
                        } else if (busyAllowed && code == 503 && r.headers().firstValue("Retry-After").isPresent()) {
                            busy.incrementAndGet();
                        } else {
                            failures.add("HTTP " + code);
                        }
                        Thread.sleep(busyAllowed ? 0 : 100);
                    } catch (Exception e) {
                        failures.add(e.toString());
                    }
                }
            }, "poller");
            thread.start();
            return this;
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join(30_000);
        }
    }
}
