package io.digitgan.dashboard;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.digitgan.events.Topics;
import io.digitgan.kafka.QuarkusKafkaResource;
import io.digitgan.testing.CapturedLogs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Events produced to the real broker show up in the API and on the SSE stream. */
@QuarkusTest
@QuarkusTestResource(QuarkusKafkaResource.class)
class DashboardApiTest {

    /** Every metric k8s/monitoring's alerts and dashboards read of the dashboard is on its /q/metrics. */
    @Test
    void theMonitoringReadsOnlyMetricsTheDashboardExports() {
        given().get("/q/health/ready"); // the Kafka channels' gauges appear with the first check
        given().get("/api/v1/runs").then().statusCode(200);
        io.digitgan.testing.MonitoredMetrics.assertExportedBy("dashboard");
    }

    @TestHTTPResource("/api/v1/stream")
    URL stream;

    /**
     * 200 event streams held open, then dropped at once without a goodbye (a reset, as a crowd of
     * closing tabs or a proxy restart would): every stream got its answer, the service kept
     * answering (liveness, the API) while they were open and after, and logged nothing at ERROR,
     * also when the next event was written to the dropped streams.
     */
    @Test
    void manyStreamsOpenThenDroppedLeaveItAnsweringAndLogNoError() throws Exception {
        List<java.net.Socket> streams = new ArrayList<>();
        try (CapturedLogs logs = CapturedLogs.start()) {
            try {
                for (int i = 0; i < 200; i++) {
                    java.net.Socket socket = new java.net.Socket(stream.getHost(), stream.getPort());
                    socket.setSoTimeout(10_000);
                    socket.getOutputStream().write(("GET /api/v1/stream HTTP/1.1\r\nHost: localhost\r\n"
                            + "Accept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    streams.add(socket);
                }
                for (java.net.Socket socket : streams) {
                    String status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                            .readLine();
                    assertEquals("HTTP/1.1 200 OK", status);
                }
                given().get("/q/health/live").then().statusCode(200);
                given().get("/api/v1/runs").then().statusCode(200);
            } finally {
                for (java.net.Socket socket : streams) {
                    socket.setSoLinger(true, 0); // close with a reset
                    socket.close();
                }
            }
            Events.send(Events.started("after-the-drop", 1)); // written to every stream still registered
            await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/api/v1/runs/after-the-drop").statusCode() == 200);
            Thread.sleep(1_000); // the broadcast's writes to the dropped streams
            given().get("/q/health/live").then().statusCode(200);
            assertEquals(List.of(), logs.lines().stream().filter(CapturedLogs.Line::isError).limit(5).toList());
        }
    }

    /** No generator behind this one: a 503 that says so in words (no Java type names). */
    @Test
    void anUnreachableGeneratorIsA503InWords() {
        String detail = given().get("/api/v1/generator/model").then().statusCode(503).contentType("application/problem+json")
                .extract().path("detail");
        assertTrue(detail.endsWith("does not answer: connection refused (is it running?)"), detail);
        assertTrue(!detail.contains("Exception"), detail);
    }

    /** Ready means the history is there: the readiness names the replay, done, with what it read. */
    @Test
    void readinessSaysTheHistoryWasReplayed() {
        await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/q/health/ready").statusCode() == 200);
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'history' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'history' }.data.replayed",
                        equalTo(given().get("/q/health/ready").path("checks.find { it.name == 'history' }.data.of")));
    }

    @Test
    void eventsFromKafkaAppearInTheRunDedupedWithBadOnesSkipped() {
        String run = "api-1";
        Events.send(Events.started(run, 3));
        for (int step = 10; step <= 30; step += 10) {
            Events.send(Events.progress(run, 1, step, 1.0 / step));
        }
        Events.send(Events.epoch(run, 1, 30, 0.7));
        Events.send(Events.epoch(run, 1, 30, 0.7)); // delivered twice: kept once
        Events.send(Events.sample(run, 1, 200));
        Events.send(Events.checkpoint(run, 1));
        Events.sendRaw(Topics.METRICS, run, "{\"schemaVersion\":1,\"type\":\"EPOCH\",\"runId\":\"api-1\"}");
        Events.sendRaw(Topics.METRICS, run, "not json at all");

        await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/api/v1/runs/" + run).statusCode() == 200
                && given().get("/api/v1/runs/" + run).then().extract().path("checkpoints.size()").equals(1));
        given().get("/api/v1/runs/" + run).then().statusCode(200)
                .body("status", equalTo("RUNNING")).body("device", equalTo("cpu()"))
                .body("config.epochs", equalTo(3)).body("totalEpochs", equalTo(3))
                .body("epochs.size()", equalTo(1)).body("epochs[0].genLoss", equalTo(0.7f))
                .body("progress.size()", equalTo(3)).body("sampleEpochs", equalTo(List.of(1)))
                .body("checkpoints[0].epoch", equalTo(1));
        given().get("/api/v1/runs").then().statusCode(200).body("runId", hasItem(run));
        byte[] png = given().get("/api/v1/runs/" + run + "/samples/1.png").then().statusCode(200)
                .contentType("image/png").extract().asByteArray();
        assertEquals((byte) 0x89, png[0]);
        given().get("/api/v1/runs/" + run + "/samples/9.png").then().statusCode(404).contentType("application/problem+json");
        given().get("/api/v1/runs/" + run + "/samples/x.png").then().statusCode(400);
        given().get("/api/v1/runs/nothing").then().statusCode(404);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                given().get("/q/metrics").asString().contains("digitgan_dashboard_events_invalid_total 2.0"));
    }

    @Test
    void runsComparedNameWhatDiffersTheirBestCheckpointAndServedFigures() {
        Events.send(Events.started("cmp-a", 2, 0.25));
        Events.send(Events.started("cmp-b", 2, 0.5));
        Events.send(Events.averagedEpoch("cmp-a", 1, 30, 30.0, 12.0));
        Events.send(Events.averagedCheckpoint("cmp-a", 1, 30.0, 12.0));
        Events.send(Events.measuredEpoch("cmp-b", 1, 30, 40.0, 6.5, 4));
        Events.send(Events.measuredEpoch("cmp-b", 2, 60, 25.0, 7.5, 4));
        Events.send(Events.measuredCheckpoint("cmp-b", 1, 40.0, 1, 40.0));
        Events.send(Events.measuredCheckpoint("cmp-b", 2, 25.0, 2, 25.0));
        await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/api/v1/runs/cmp-b").statusCode() == 200
                && given().get("/api/v1/runs/cmp-b").then().extract().path("checkpoints.size()").equals(2)
                && given().get("/api/v1/runs/cmp-a").then().extract().path("checkpoints.size()").equals(1));
        given().get("/api/v1/runs/compare?ids=cmp-b, cmp-a").then().statusCode(200)
                .body("differing", equalTo(List.of("model.width")))
                .body("runs.runId", equalTo(List.of("cmp-b", "cmp-a")))
                .body("runs[0].config.'model.width'", equalTo(0.5f))
                .body("runs[0].best.epoch", equalTo(2)).body("runs[0].figures.epoch", equalTo(2))
                .body("runs[0].figures.fid", equalTo(25.0f)).body("runs[0].figures.fidFloor", equalTo(1.65f))
                .body("runs[1].figures.fid", equalTo(12.0f)) // the averaged generator's: the one it serves
                .body("runs[1].imagesPerSecond", equalTo(700.0f)).body("runs[1].lastEpoch", equalTo(1));
        given().get("/api/v1/runs/compare?ids=cmp-a,nothing").then().statusCode(404)
                .contentType("application/problem+json");
        given().get("/api/v1/runs/compare").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void progressBeyondTheBoundIsThinnedButEpochsAreKept() {
        String run = "bound-1";
        Events.send(Events.started(run, 100));
        for (int i = 1; i <= 60; i++) {
            Events.send(Events.epoch(run, i, i * 10L, 1.0));
            Events.send(Events.progress(run, i, i * 10L - 5, 1.0));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/api/v1/runs/" + run).statusCode() == 200
                && (int) given().get("/api/v1/runs/" + run).then().extract().path("epochs.size()") == 60);
        int progress = given().get("/api/v1/runs/" + run).then().extract().path("progress.size()");
        assertTrue(progress <= 50 && progress >= 25, "max-progress-points is 50 in tests: " + progress);
    }

    /** A minimal SSE reader: (id, event name, data) triples from a stream. */
    static BlockingQueue<String[]> follow(HttpClient client, URI uri, String lastEventId) throws Exception {
        BlockingQueue<String[]> events = new LinkedBlockingQueue<>();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<java.io.InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String id = null;
                String name = null;
                StringBuilder data = new StringBuilder();
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.isEmpty()) {
                        if (data.length() > 0 || name != null) {
                            events.add(new String[] {id, name, data.toString()});
                        }
                        id = null;
                        name = null;
                        data.setLength(0);
                    } else if (line.startsWith("id:")) {
                        id = line.substring(3).trim();
                    } else if (line.startsWith("event:")) {
                        name = line.substring(6).trim();
                    } else if (line.startsWith("data:")) {
                        data.append(line.substring(5).trim());
                    }
                }
            } catch (Exception e) {
                // the test closed the stream
            }
        });
        reader.setDaemon(true);
        reader.start();
        return events;
    }

    static String[] next(BlockingQueue<String[]> events, String runId) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            String[] e = events.poll(1, TimeUnit.SECONDS);
            if (e != null && e[2].contains("\"" + runId + "\"")) {
                return e;
            }
        }
        throw new AssertionError("no event of " + runId + " arrived");
    }

    @Test
    void theStreamDeliversLiveEventsAndResumesFromLastEventId() throws Exception {
        String run = "sse-1";
        HttpClient client = HttpClient.newHttpClient();
        BlockingQueue<String[]> live = follow(client, stream.toURI(), null);
        Events.send(Events.started(run, 5));
        String[] started = next(live, run);
        assertEquals("runs", started[1]);
        Events.send(Events.epoch(run, 1, 10, 0.9));
        String[] first = next(live, run);
        assertEquals("metrics", first[1]);
        assertTrue(first[2].contains("\"EPOCH\""));

        // a browser that saw up to the first EPOCH reconnects: it gets exactly what came after
        Events.send(Events.epoch(run, 2, 20, 0.8));
        Events.send(Events.epoch(run, 3, 30, 0.7));
        next(live, run);
        next(live, run);
        BlockingQueue<String[]> resumed = follow(client, stream.toURI(), first[0]);
        List<String> epochs = new ArrayList<>();
        epochs.add(next(resumed, run)[2]);
        epochs.add(next(resumed, run)[2]);
        assertTrue(epochs.get(0).contains("\"epoch\":2") && epochs.get(1).contains("\"epoch\":3"), epochs.toString());
        assertTrue(Long.parseLong(first[0]) > Long.parseLong(started[0]), "ids grow");
    }
}
