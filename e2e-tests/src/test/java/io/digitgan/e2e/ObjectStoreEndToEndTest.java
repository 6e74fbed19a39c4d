package io.digitgan.e2e;

import static io.digitgan.e2e.FaultInjectionTest.awaitRun;
import static io.digitgan.e2e.FaultInjectionTest.distinctEpochs;
import static io.digitgan.e2e.FaultInjectionTest.events;
import static io.digitgan.e2e.FaultInjectionTest.status;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.digitgan.core.checkpoint.Checkpoint;
import io.digitgan.core.checkpoint.CheckpointStore;
import io.digitgan.core.checkpoint.S3CheckpointStore;
import io.digitgan.core.checkpoint.S3Location;
import io.digitgan.events.CheckpointEvent;
import io.digitgan.events.Topics;
import io.digitgan.kafka.FreePorts;
import io.digitgan.s3.LocalS3;
import io.digitgan.testing.TestKafka;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The deployment without a shared disk, as processes: the trainer and two generator replicas, each
 * with a folder of its own, share checkpoints only through a bucket on a real S3 API server (and
 * events through a real broker). The faults an object store brings, on both sides.
 */
class ObjectStoreEndToEndTest {

    static final int EPOCHS = 3;

    @Test
    void twoReplicasServeEveryCheckpointFromTheBucketAndRefuseDamagedOnes() throws Exception {
        try (Services s = new Services("s3-readers").withObjectStore()) {
            int portA = FreePorts.next();
            int portB = FreePorts.next();
            Map<Integer, Instant> servedA = new ConcurrentHashMap<>();
            Map<Integer, Instant> servedB = new ConcurrentHashMap<>();
            s.startTrainer(EPOCHS);
            s.startGenerator("generator-a", portA);
            s.startGenerator("generator-b", portB);
            String runId = awaitRun(s);
            // each replica's served epoch, polled until the run's last checkpoint is served by both
            await().atMost(Duration.ofMinutes(6)).pollInterval(Duration.ofMillis(100)).until(() -> {
                note(servedA, portA);
                note(servedB, portB);
                return servedA.containsKey(EPOCHS) && servedB.containsKey(EPOCHS);
            });
            assertEquals("COMPLETED", await().atMost(Duration.ofMinutes(1)).until(() -> status(s, runId),
                    "COMPLETED"::equals));
            List<CheckpointEvent> announced = events(s, Topics.CHECKPOINTS, CheckpointEvent.class, runId);
            assertEquals(List.of(1, 2, 3), distinctEpochs(announced.stream().map(CheckpointEvent::epoch).toList()));
            for (CheckpointEvent e : announced) {
                assertEquals("s3://" + Services.BUCKET + "/" + Services.PREFIX + e.path() + "/", e.uri());
            }
            // written → served, by both replicas: from the checkpoint's manifest time to the replica's load
            List<Double> seconds = new ArrayList<>();
            for (CheckpointEvent e : announced) {
                Instant a = servedA.get(e.epoch());
                Instant b = servedB.get(e.epoch());
                if (a != null && b != null) {
                    seconds.add(Duration.between(e.createdAt(), a.isAfter(b) ? a : b).toMillis() / 1000.0);
                }
            }
            assertFalse(seconds.isEmpty(), "at least one checkpoint was seen served by both replicas");
            noSharedFolder(s);

            // damaged copies of the newest checkpoint, each announced as a newer one: refused by both
            CheckpointEvent newest = announced.get(announced.size() - 1);
            S3CheckpointStore store = new S3CheckpointStore(S3Location.of(Services.BUCKET, Services.PREFIX,
                    s.s3.endpoint(), s.s3.accessKey(), s.s3.secretKey()), s.data.resolve("own-test"));
            Checkpoint original = store.fetch(newest.path());
            double rejectedBefore = rejected(portA) + rejected(portB);
            announce(s, copy(store, original, 101, newest), ObjectStoreEndToEndTest::flipAByte);
            announce(s, copy(store, original, 102, newest), ObjectStoreEndToEndTest::truncate);
            announce(s, copy(store, original, 103, newest), ObjectStoreEndToEndTest::removeManifest);
            await().atMost(Duration.ofMinutes(1)).until(() -> rejected(portA) + rejected(portB) >= rejectedBefore + 6);
            assertServing(portA, EPOCHS);
            assertServing(portB, EPOCHS);

            // a pin reaches back to an older checkpoint: replica A downloads epoch 1 from the bucket
            assertEquals(200, pin(portA, "{\"runId\": \"" + runId + "\", \"epoch\": 1}"));
            assertServing(portA, 1);
            assertEquals(204, unpin(portA));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                JsonNode model = Services.json("http://localhost:" + portA + "/api/v1/model");
                return model != null && model.path("epoch").asInt() == EPOCHS;
            });

            // the keys change on the server: a new checkpoint's download is refused, the old model serves
            rotateKeys(s, "rotated", "rotated-secret");
            CheckpointEvent good = copy(store("rotated", s), original, 104, newest);
            announce(s, good, dir -> { });
            await().atMost(Duration.ofMinutes(1)).until(() -> rejected(portA) + rejected(portB) >= rejectedBefore + 8);
            assertServing(portA, EPOCHS);
            assertServing(portB, EPOCHS);
            await().atMost(Duration.ofSeconds(30)).until(() -> s.logs().contains("refused the credentials"));
            // readiness DOWN (503, which reads as null) while the store refuses the keys
            await().atMost(Duration.ofSeconds(30)).until(() -> Services.json("http://localhost:" + portA
                    + "/q/health/ready") == null);

            Reliability.record("object store: two generator replicas, separate caches, no shared folder",
                    String.format("both served checkpoints 1-%d; written → served by both: median %.1f s (%s); "
                            + "a changed byte, a truncated object and a missing manifest refused by both, wrong "
                            + "credentials refused (readiness DOWN), epoch %d served throughout", EPOCHS,
                            median(seconds), seconds, EPOCHS));
            System.out.printf("object store e2e: written → served by both replicas, median %.2f s of %s%n",
                    median(seconds), seconds);
        }
    }

    @Test
    void anOutageDuringAWriteLosesNothingAndAKilledTrainerResumesFromTheLastCompleteCheckpoint() throws Exception {
        try (Services s = new Services("s3-writer").withObjectStore()) {
            int port = FreePorts.next();
            s.startTrainer(WRITER_EPOCHS);
            s.startGenerator("generator-a", port);
            String runId = awaitRun(s);
            // S3 down for 30 s from the moment epoch 1's upload starts
            awaitLog(s, "uploading checkpoint " + runId + "/epoch-0001");
            s.s3.stop();
            long stopped = System.nanoTime();
            // at once when refused; a request in flight when the server stopped waits out the 60 s socket timeout
            await().atMost(Duration.ofSeconds(90)).until(() -> trainerLog(s).contains("failed the"));
            Thread.sleep(Math.max(0, 30_000 - (System.nanoTime() - stopped) / 1_000_000));
            s.s3.start();
            double outage = (System.nanoTime() - stopped) / 1e9;
            boolean midUpload = trainerLog(s).contains("failed the upload of " + Services.PREFIX + runId + "/epoch-0001");

            // down again while epoch 3 uploads, and the trainer SIGKILLed while that write waits
            awaitLog(s, "uploading checkpoint " + runId + "/epoch-0003");
            s.s3.stop();
            int retriesBefore = count(trainerLog(s), "failed the");
            // a request in flight when the server stops fails only at the client's 60 s socket timeout
            await().atMost(Duration.ofMinutes(2)).until(() -> count(trainerLog(s), "failed the") > retriesBefore);
            s.killTrainer();
            s.s3.start();
            // and what a trainer killed between a checkpoint's files and its manifest leaves
            int lastComplete = store(s.s3.accessKey(), s).newest(runId).orElseThrow().epoch();
            Path halfWritten = s.s3.objectFile(Services.BUCKET, Services.PREFIX + runId + "/"
                    + CheckpointStore.epochDirName(lastComplete + 1) + "/" + Checkpoint.GENERATOR);
            Files.createDirectories(halfWritten.getParent());
            Files.write(halfWritten, new byte[1234]);
            s.startTrainer(WRITER_EPOCHS);
            await().atMost(Duration.ofMinutes(5)).until(() -> "COMPLETED".equals(status(s, runId)));

            List<Integer> all = java.util.stream.IntStream.rangeClosed(1, WRITER_EPOCHS).boxed().toList();
            List<CheckpointEvent> announced = events(s, Topics.CHECKPOINTS, CheckpointEvent.class, runId);
            assertEquals(all, distinctEpochs(announced.stream().map(CheckpointEvent::epoch).toList()),
                    "a checkpoint event for every epoch");
            S3CheckpointStore store = store(s.s3.accessKey(), s);
            // digitgan.checkpoints.keep (5) newest stay: pruning works on the bucket too
            assertEquals(all.subList(all.size() - 5, all.size()), store.list(runId).stream().map(Checkpoint::epoch).toList(),
                    "the newest five checkpoints are complete in the bucket, the older pruned");
            assertEquals(List.of(), incompleteFolders(s, runId), "nothing half-written is left");
            assertTrue(trainerLog(s).contains("an incomplete checkpoint (no manifest)"), "the resumed trainer cleaned up");
            await().atMost(Duration.ofMinutes(1)).until(() -> {
                JsonNode model = Services.json("http://localhost:" + port + "/api/v1/model");
                return model != null && model.path("epoch").asInt() == WRITER_EPOCHS;
            });
            Reliability.record(String.format("object store stopped %.0f s from the start of epoch 1's checkpoint"
                    + " upload%s", outage, midUpload ? " (mid-upload)" : ""),
                    "the writes waited (retrying with backoff) and completed; checkpoints and events 1-" + WRITER_EPOCHS
                            + " all there, none lost; the generator served the last");
            Reliability.record("trainer SIGKILLed while epoch 3's checkpoint write waited for the object store, "
                    + "a half-written epoch " + (lastComplete + 1) + " planted",
                    "resumed from the last complete checkpoint (epoch " + lastComplete + "), completed epochs 1-"
                            + WRITER_EPOCHS + "; the incomplete folder ignored, then removed");
            System.out.printf("object store e2e: outage %.1f s (mid-upload: %s), resumed after epoch %d%n", outage,
                    midUpload, lastComplete);
        }
    }

    static final int WRITER_EPOCHS = 6;

    private static void awaitLog(Services s, String line) {
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(10)).until(() -> trainerLog(s).contains(line));
    }

    // ---- helpers

    private static void note(Map<Integer, Instant> served, int port) {
        JsonNode model = Services.json("http://localhost:" + port + "/api/v1/model");
        if (model != null) {
            served.putIfAbsent(model.path("epoch").asInt(), Instant.now());
        }
    }

    private static void assertServing(int port, int epoch) {
        JsonNode model = Services.json("http://localhost:" + port + "/api/v1/model");
        assertTrue(model != null && model.path("epoch").asInt() == epoch, "replica on " + port + " serves " + model);
        assertEquals(200, statusOf("http://localhost:" + port + "/api/v1/digits.png?count=4"));
    }

    private static int pin(int port, String body) throws Exception {
        return Services.HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port
                + "/api/v1/model/pin")).header("Authorization", "Bearer " + Services.TOKEN)
                .header("Content-Type", "application/json").PUT(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                .build(), java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static int unpin(int port) throws Exception {
        return Services.HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port
                + "/api/v1/model/pin")).header("Authorization", "Bearer " + Services.TOKEN).DELETE().build(),
                java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static int statusOf(String url) {
        try {
            return Services.get(url).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private static double rejected(int port) {
        try {
            String metrics = new String(Services.get("http://localhost:" + port + "/q/metrics").body());
            return metrics.lines().filter(l -> l.startsWith("digitgan_generator_checkpoints_rejected_total"))
                    .mapToDouble(io.digitgan.testing.Metrics::sampleValue).sum();
        } catch (Exception e) {
            return -1;
        }
    }

    private static S3CheckpointStore store(String accessKey, Services s) {
        String secret = accessKey.equals(s.s3.accessKey()) ? s.s3.secretKey() : accessKey + "-secret";
        return new S3CheckpointStore(S3Location.of(Services.BUCKET, Services.PREFIX, s.s3.endpoint(), accessKey, secret),
                s.data.resolve("own-test-" + accessKey));
    }

    /** Writes {@code original}'s files again as epoch {@code epoch} (a valid checkpoint) and returns its event. */
    private static CheckpointEvent copy(S3CheckpointStore store, Checkpoint original, int epoch, CheckpointEvent like)
            throws IOException {
        Map<String, CheckpointStore.FileWriter> files = new LinkedHashMap<>();
        for (String name : original.manifest().files().keySet()) {
            Path file = original.dir().resolve(name);
            files.put(name, out -> out.write(Files.readAllBytes(file)));
        }
        Checkpoint copy = store.write(original.runId(), epoch, original.manifest().globalStep(),
                original.manifest().config(), files, original.manifest().quality(), original.manifest().emaQuality());
        String path = store.relative(copy);
        return new CheckpointEvent(1, CheckpointEvent.TYPE, like.runId(), epoch, path, copy.generatorSha256(),
                copy.sizeBytes(), like.model(), like.quality(), like.best(), Instant.now(), like.emaSha256(),
                like.emaQuality(), store.uri(path));
    }

    /** Damages the copy in the server's folder, then announces it on Kafka. */
    private static void announce(Services s, CheckpointEvent event, Damage damage) throws IOException {
        damage.apply(s.s3.objectFile(Services.BUCKET, Services.PREFIX + event.path()));
        TestKafka.send(s.kafka.bootstrapServers(), event);
    }

    @FunctionalInterface
    interface Damage {
        void apply(Path folder) throws IOException;
    }

    private static void flipAByte(Path folder) throws IOException {
        Path file = folder.resolve(Checkpoint.GENERATOR_EMA);
        file = Files.exists(file) ? file : folder.resolve(Checkpoint.GENERATOR);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(file, bytes);
    }

    private static void truncate(Path folder) throws IOException {
        for (String name : List.of(Checkpoint.GENERATOR, Checkpoint.GENERATOR_EMA)) {
            Path file = folder.resolve(name);
            if (Files.exists(file)) {
                Files.write(file, java.util.Arrays.copyOf(Files.readAllBytes(file), (int) Files.size(file) / 3));
            }
        }
    }

    private static void removeManifest(Path folder) throws IOException {
        Files.delete(folder.resolve("manifest.json"));
    }

    private static void rotateKeys(Services s, String accessKey, String secret) {
        int port = s.s3.port();
        s.s3.stop();
        s.s3 = new LocalS3(s.data.resolve("s3"), port, accessKey, secret).start();
    }

    /** No folder is shared: each process has its own, and the replicas downloaded into theirs. */
    private static void noSharedFolder(Services s) throws IOException {
        for (String replica : List.of("generator-a", "generator-b")) {
            Path cache = s.ownFolder(replica).resolve("cache");
            try (Stream<Path> entries = Files.list(cache)) {
                assertTrue(entries.count() >= 1, replica + " downloaded into its own cache");
            }
        }
        assertFalse(Files.exists(s.data.resolve("checkpoints")), "no shared checkpoint folder exists");
    }

    private static List<String> incompleteFolders(Services s, String runId) throws IOException {
        Path run = s.s3.objectFile(Services.BUCKET, Services.PREFIX + runId);
        try (Stream<Path> folders = Files.list(run)) {
            return folders.filter(Files::isDirectory).filter(f -> !Files.exists(f.resolve("manifest.json")))
                    .map(f -> f.getFileName().toString()).toList();
        }
    }

    private static String trainerLog(Services s) throws IOException {
        Path log = s.data.resolve("trainer.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
