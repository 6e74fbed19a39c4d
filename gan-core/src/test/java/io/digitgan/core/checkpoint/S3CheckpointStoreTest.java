package io.digitgan.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.digitgan.core.config.GanConfig;
import io.digitgan.events.Quality;
import io.digitgan.s3.LocalS3;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The object-store backend against a real S3 API server (s3proxy), with the faults a reader and a writer meet. */
class S3CheckpointStoreTest {

    private static final String BUCKET = "checkpoints";
    private static LocalS3 s3;
    private static Path served;

    @TempDir
    Path local;

    @BeforeAll
    static void startServer() throws IOException {
        served = Files.createTempDirectory("s3-test");
        s3 = LocalS3.onFreePort(served).start().createBucket(BUCKET);
    }

    @AfterAll
    static void stopServer() throws IOException {
        s3.close();
        CheckpointStore.deleteTree(served);
    }

    private S3CheckpointStore store(String prefix, Path localDir) {
        return new S3CheckpointStore(S3Location.of(BUCKET, prefix, s3.endpoint(), s3.accessKey(), s3.secretKey()), localDir);
    }

    private static Checkpoint write(CheckpointStore store, String run, int epoch) throws IOException {
        return write(store, run, epoch, null);
    }

    private static Checkpoint write(CheckpointStore store, String run, int epoch, Quality quality) throws IOException {
        Map<String, CheckpointStore.FileWriter> files = new LinkedHashMap<>();
        files.put("a.bin", out -> out.writeUTF("epoch " + epoch));
        files.put("b.bin", out -> out.write(new byte[5000]));
        return store.write(run, epoch, epoch * 10L, GanConfig.profile(io.digitgan.core.config.Profile.SMOKE).toBuilder().seed(99).build(), files, quality, null);
    }

    @Test
    void aWriterAndAReaderWithSeparateFoldersShareCheckpointsThroughTheBucket() throws IOException {
        S3CheckpointStore writer = store("team/digitgan", local.resolve("writer"));
        S3CheckpointStore reader = store("/team/digitgan/", local.resolve("reader"));
        writer.check();
        Checkpoint written = write(writer, "run-1", 1);
        write(writer, "run-1", 2);

        assertEquals(List.of("run-1"), reader.runs());
        assertEquals(List.of(1, 2), reader.list("run-1").stream().map(Checkpoint::epoch).toList());
        Checkpoint listed = reader.newest("run-1").orElseThrow();
        assertFalse(Files.exists(listed.dir()), "listing downloads nothing");
        Checkpoint fetched = reader.fetch(reader.relative(listed)).verify();
        assertTrue(fetched.dir().startsWith(local.resolve("reader")), "downloaded into the reader's own folder");
        assertEquals(written.manifest().files(), reader.fetch("run-1/epoch-0001").manifest().files());
        assertEquals("s3://checkpoints/team/digitgan/run-1/epoch-0002/", reader.uri("run-1/epoch-0002"));
        assertTrue(Files.exists(s3.objectFile(BUCKET, "team/digitgan/run-1/epoch-0002/manifest.json")));

        writer.writeRunFile("run-1", "run.json", "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
        assertArrayEquals("{\"a\":1}".getBytes(StandardCharsets.UTF_8), reader.readRunFile("run-1", "run.json").orElseThrow());
        assertEquals(Optional.empty(), reader.readRunFile("run-2", "run.json"));
        assertThrows(IllegalArgumentException.class, () -> reader.fetch("../x/epoch-0001"));
    }

    @Test
    void aCheckpointWithoutManifestIsNeverTakenAndTheNextWriteRemovesIt() throws IOException {
        S3CheckpointStore store = store("half", local);
        write(store, "run-h", 1);
        write(store, "run-h", 2);
        // what a trainer killed between its files and its manifest leaves
        putRaw("half/run-h/epoch-0003/a.bin", "half-written");
        assertEquals(List.of(1, 2), store.list("run-h").stream().map(Checkpoint::epoch).toList());
        IOException e = assertThrows(IOException.class, () -> store.fetch("run-h/epoch-0003"));
        assertTrue(e.getMessage().contains("no manifest.json"), e.getMessage());

        write(store, "run-h", 4);
        assertFalse(Files.exists(s3.objectFile(BUCKET, "half/run-h/epoch-0003/a.bin")), "the incomplete folder is gone");
        assertEquals(List.of(1, 2, 4), store.list("run-h").stream().map(Checkpoint::epoch).toList());
    }

    @Test
    void aChangedByteOrATruncatedObjectIsRefusedAndNothingIsCached() throws IOException {
        S3CheckpointStore writer = store("damaged", local.resolve("w"));
        write(writer, "run-d", 1);
        write(writer, "run-d", 2);
        Path a1 = s3.objectFile(BUCKET, "damaged/run-d/epoch-0001/b.bin");
        byte[] bytes = Files.readAllBytes(a1);
        bytes[100] ^= 1;
        Files.write(a1, bytes);
        Path b2 = s3.objectFile(BUCKET, "damaged/run-d/epoch-0002/b.bin");
        Files.write(b2, java.util.Arrays.copyOf(Files.readAllBytes(b2), 1000));

        S3CheckpointStore reader = store("damaged", local.resolve("r"));
        ChecksumMismatchException changed = assertThrows(ChecksumMismatchException.class, () -> reader.fetch("run-d/epoch-0001"));
        assertTrue(changed.getMessage().contains("sha256"), changed.getMessage());
        ChecksumMismatchException cut = assertThrows(ChecksumMismatchException.class, () -> reader.fetch("run-d/epoch-0002"));
        assertTrue(cut.getMessage().contains("truncated"), cut.getMessage());
        try (var left = Files.list(local.resolve("r/cache"))) {
            assertEquals(0, left.count(), "a refused download leaves nothing in the cache");
        }
    }

    @Test
    void theCacheIsKeyedByManifestAndBounded() throws IOException {
        S3CheckpointStore writer = store("cached", local.resolve("w"));
        S3CheckpointStore reader = new S3CheckpointStore(
                new S3Location(BUCKET, "cached", URI.create(s3.endpoint()), null, true, s3.accessKey(), s3.secretKey(),
                        null, 2, false), local.resolve("r"));
        for (int epoch = 1; epoch <= 4; epoch++) {
            write(writer, "run-c", epoch);
            reader.fetch("run-c/epoch-000" + epoch);
        }
        Path first = reader.fetch("run-c/epoch-0004").dir();
        assertEquals(first, reader.fetch("run-c/epoch-0004").dir(), "the same manifest is the same entry");
        try (var entries = Files.list(local.resolve("r/cache"))) {
            assertEquals(2, entries.count());
        }
        write(writer, "run-c", 4); // written again: another manifest (its time), another entry
        assertNotEquals(first, reader.fetch("run-c/epoch-0004").dir());
    }

    @Test
    void pruningDeletesFromTheBucketButKeepsTheBest() throws IOException {
        S3CheckpointStore store = store("pruned", local);
        double[] fids = {40, 12.5, 30, 20, 25};
        for (int epoch = 1; epoch <= fids.length; epoch++) {
            write(store, "run-p", epoch, new Quality(fids[epoch - 1], 5.0, Map.of()));
        }
        assertEquals(2, store.best("run-p").orElseThrow().epoch());
        assertEquals(List.of("run-p/epoch-0001", "run-p/epoch-0003"), store.prune("run-p", 2, Set.of(2)));
        assertEquals(List.of(2, 4, 5), store.list("run-p").stream().map(Checkpoint::epoch).toList());
        assertFalse(Files.exists(s3.objectFile(BUCKET, "pruned/run-p/epoch-0001/a.bin")));
    }

    @Test
    void badConfigurationIsNamedInOneMessage() throws IOException {
        S3CheckpointStore wrongKeys = new S3CheckpointStore(
                S3Location.of(BUCKET, "", s3.endpoint(), s3.accessKey(), "not-the-secret"), local);
        StoreUnavailableException e = assertThrows(StoreUnavailableException.class, wrongKeys::check);
        assertTrue(e.getMessage().contains("refused the credentials") && e.getMessage().contains("access-key-id"),
                e.getMessage());
        assertFalse(e.getMessage().contains("not-the-secret"), "never the secret");
        IOException write = assertThrows(IOException.class, () -> write(wrongKeys, "run-x", 1));
        assertTrue(write.getMessage().contains("refused the credentials"), "no retrying refused keys: " + write.getMessage());

        e = assertThrows(StoreUnavailableException.class, () -> new S3CheckpointStore(
                S3Location.of("no-such-bucket", "", s3.endpoint(), s3.accessKey(), s3.secretKey()), local).check());
        assertTrue(e.getMessage().contains("'no-such-bucket' does not exist (digitgan.checkpoints.s3.bucket)"), e.getMessage());

        S3CheckpointStore creating = new S3CheckpointStore(
                S3Location.of("made-on-first-check", "", s3.endpoint(), s3.accessKey(), s3.secretKey()).creatingBucket(), local);
        creating.check(); // with create-bucket, a missing bucket is made
        creating.check();
        assertTrue(Files.isDirectory(served.resolve("made-on-first-check")));

        e = assertThrows(StoreUnavailableException.class, () -> new S3CheckpointStore(
                S3Location.of(BUCKET, "", "http://127.0.0.1:" + LocalS3.freePort(), s3.accessKey(), s3.secretKey()), local)
                .check());
        assertTrue(e.getMessage().contains("unreachable") && e.getMessage().contains("digitgan.checkpoints.s3.endpoint"),
                e.getMessage());

        e = assertThrows(StoreUnavailableException.class, () -> new S3CheckpointStore(
                S3Location.of(null, "", s3.endpoint(), s3.accessKey(), s3.secretKey()), local).check());
        assertTrue(e.getMessage().contains("no bucket configured"), e.getMessage());
    }

    @Test
    void aWriteWaitsOutAStoppedServerAndLosesNothing() throws Exception {
        S3CheckpointStore store = store("outage", local);
        write(store, "run-o", 1);
        s3.stop();
        CompletableFuture<Checkpoint> pending;
        try {
            pending = CompletableFuture.supplyAsync(() -> {
                try {
                    return write(store, "run-o", 2);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            Thread.sleep(3_000);
            assertFalse(pending.isDone(), "the write waits for the store");
        } finally {
            s3.start();
        }
        assertEquals(2, pending.get(60, TimeUnit.SECONDS).epoch());
        assertEquals(List.of(1, 2), store.list("run-o").stream().map(Checkpoint::epoch).toList());
        store.fetch("run-o/epoch-0002").verify();
    }

    @Test
    void aWriteGivesUpAfterItsTimeoutNamingTheStore() {
        S3CheckpointStore store = new S3CheckpointStore(new S3Location(BUCKET, "", URI.create("http://127.0.0.1:"
                + LocalS3.freePort()), null, true, "k", "s", Duration.ofSeconds(2), 4, false), local);
        IOException e = assertThrows(IOException.class, () -> write(store, "run-t", 1));
        assertTrue(e.getMessage().contains("s3://checkpoints/") && e.getMessage().contains("attempts"), e.getMessage());
    }

    private static void putRaw(String key, String content) throws IOException {
        Path file = s3.objectFile(BUCKET, key);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
