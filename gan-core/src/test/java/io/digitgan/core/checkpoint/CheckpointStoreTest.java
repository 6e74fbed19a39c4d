package io.digitgan.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.digitgan.core.config.GanConfig;
import io.digitgan.events.Quality;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointStoreTest {

    @TempDir
    Path root;

    private Checkpoint write(CheckpointStore store, String run, int epoch) throws IOException {
        Map<String, CheckpointStore.FileWriter> files = new LinkedHashMap<>();
        files.put("a.bin", out -> out.writeUTF("epoch " + epoch));
        files.put("b.bin", out -> out.write(new byte[1000]));
        return store.write(run, epoch, epoch * 10L, GanConfig.profile(io.digitgan.core.config.Profile.SMOKE).toBuilder().seed(99).build(), files);
    }

    @Test
    void writesAManifestWithChecksumsAndRenamesIntoPlace() throws IOException {
        CheckpointStore store = new LocalCheckpointStore(root);
        Checkpoint c = write(store, "run-1", 3);
        assertEquals(root.resolve("run-1/epoch-0003"), c.dir());
        assertEquals("run-1/epoch-0003", store.relative(c));
        Checkpoint read = Checkpoint.open(c.dir()).verify();
        assertEquals(3, read.epoch());
        assertEquals(30L, read.manifest().globalStep());
        assertEquals(99L, read.manifest().seed());
        assertEquals(GanConfig.profile(io.digitgan.core.config.Profile.SMOKE).toBuilder().seed(99).build(), read.manifest().config());
        assertEquals(Sha256.of(c.dir().resolve("b.bin")), read.manifest().files().get("b.bin").sha256());
        try (var dirs = Files.list(root.resolve("run-1"))) {
            assertEquals(List.of("epoch-0003"), dirs.map(p -> p.getFileName().toString()).toList(), "no temporaries left");
        }
    }

    @Test
    void detectsAChangedByteAndATruncatedFile() throws IOException {
        CheckpointStore store = new LocalCheckpointStore(root);
        Checkpoint c = write(store, "run-1", 1);
        try (RandomAccessFile f = new RandomAccessFile(c.dir().resolve("b.bin").toFile(), "rw")) {
            f.seek(500);
            f.write(1);
        }
        ChecksumMismatchException e = assertThrows(ChecksumMismatchException.class, () -> Checkpoint.open(c.dir()).verify());
        assertTrue(e.getMessage().contains("b.bin") && e.getMessage().contains("sha256"), e.getMessage());

        Checkpoint d = write(store, "run-1", 2);
        try (RandomAccessFile f = new RandomAccessFile(d.dir().resolve("a.bin").toFile(), "rw")) {
            f.setLength(2);
        }
        e = assertThrows(ChecksumMismatchException.class, () -> Checkpoint.open(d.dir()).verify());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void listsNewestAndPrunesButKeepsProtectedEpochs() throws IOException {
        CheckpointStore store = new LocalCheckpointStore(root);
        for (int epoch = 1; epoch <= 6; epoch++) {
            write(store, "run-1", epoch);
        }
        Files.createDirectories(root.resolve("run-1/.tmp-epoch-0007-123")); // a crash's leftover
        assertEquals(6, store.newest("run-1").orElseThrow().epoch());
        List<String> deleted = store.prune("run-1", 2, Set.of(2));
        assertEquals(3, deleted.size());
        assertEquals(List.of(2, 5, 6), store.list("run-1").stream().map(Checkpoint::epoch).toList());
        write(store, "run-1", 7);
        assertFalse(Files.exists(root.resolve("run-1/.tmp-epoch-0007-123")), "leftover temporaries are removed");
        assertEquals(List.of("run-1"), store.runs());
    }

    @Test
    void theBestCheckpointIsTheLowestMeasuredFidAndSurvivesPruning() throws IOException {
        CheckpointStore store = new LocalCheckpointStore(root);
        assertTrue(store.best("run-q").isEmpty());
        double[] fids = {Double.NaN, 40.0, Double.NaN, 12.5, 30.0, Double.NaN, 20.0};
        for (int epoch = 1; epoch <= fids.length; epoch++) {
            Quality q = Double.isNaN(fids[epoch - 1]) ? null : new Quality(fids[epoch - 1], 5.0, Map.of());
            Map<String, CheckpointStore.FileWriter> files = Map.of("a.bin", out -> out.writeInt(1));
            store.write("run-q", epoch, epoch, GanConfig.profile(io.digitgan.core.config.Profile.SMOKE).toBuilder().seed(1).build(), files, q, null);
        }
        Checkpoint best = store.best("run-q").orElseThrow();
        assertEquals(4, best.epoch());
        assertEquals(12.5, Checkpoint.open(best.dir()).manifest().quality().fid());
        store.prune("run-q", 2, Set.of(best.epoch()));
        assertEquals(List.of(4, 6, 7), store.list("run-q").stream().map(Checkpoint::epoch).toList());
        assertEquals(4, store.best("run-q").orElseThrow().epoch());

        // the last epoch measured on more samples: a lower fid, but ranked by the FID at the run's count
        Quality last = new Quality(10.0, 6.0, Map.of(), 10, 10_000, 1.0, "lenet-v1", null, 14.0);
        store.write("run-q", 8, 8, GanConfig.profile(io.digitgan.core.config.Profile.SMOKE).toBuilder().seed(1).build(), Map.of("a.bin", out -> out.writeInt(1)), last, null);
        assertEquals(4, store.best("run-q").orElseThrow().epoch(), "14.0 at the run's count is worse than 12.5");

        // a checkpoint with an averaged generator is ranked by the averaged weights' figures (what is served)
        Quality rawWorse = new Quality(50.0, 4.0, Map.of());
        Quality emaBetter = new Quality(5.0, 9.0, Map.of());
        store.write("run-q", 9, 9, GanConfig.profile(io.digitgan.core.config.Profile.SMOKE).toBuilder().seed(1).build(), Map.of("a.bin", out -> out.writeInt(1)),
                rawWorse, emaBetter);
        assertEquals(9, store.best("run-q").orElseThrow().epoch());
        assertEquals(5.0, Checkpoint.open(store.best("run-q").orElseThrow().dir()).manifest().emaQuality().fid());
    }

    @Test
    void rejectsPathsOutsideTheStoreAndBadRunIds() {
        LocalCheckpointStore store = new LocalCheckpointStore(root);
        assertEquals(root.resolve("r/epoch-0001"), store.resolve("r/epoch-0001"));
        assertThrows(IllegalArgumentException.class, () -> store.resolve("../elsewhere/epoch-0001"));
        assertThrows(IllegalArgumentException.class, () -> store.resolve("r/../../x"));
        assertThrows(IllegalArgumentException.class, () -> store.resolve("/etc/passwd"));
        assertThrows(IllegalArgumentException.class, () -> store.resolve(""));
        assertThrows(IllegalArgumentException.class, () -> store.fetch("r/epoch-0001/../../../x"));
        assertThrows(IllegalArgumentException.class, () -> store.resolve("r/samples"));
        assertThrows(IllegalArgumentException.class, () -> write(store, "../up", 1));
        assertThrows(IllegalArgumentException.class, () -> write(store, "a/b", 1));
    }

    @Test
    void aFolderWithoutManifestIsNotACheckpoint() throws IOException {
        Files.createDirectories(root.resolve("run-1/epoch-0001"));
        IOException e = assertThrows(IOException.class, () -> Checkpoint.open(root.resolve("run-1/epoch-0001")));
        assertTrue(e.getMessage().contains("manifest.json"));
        assertTrue(new LocalCheckpointStore(root).list("run-1").isEmpty());
    }
}
