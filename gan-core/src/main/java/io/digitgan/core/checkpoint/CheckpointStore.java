package io.digitgan.core.checkpoint;

import io.digitgan.core.train.GanConfig;
import io.digitgan.events.Quality;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The checkpoint store: one folder per run, one per epoch inside it.
 *
 * <p>A checkpoint is written into a hidden temporary folder, every file is flushed to disk, and
 * only then is the folder renamed to {@code epoch-NNNN}: a reader never sees a half-written
 * checkpoint, and a crash leaves at most a temporary folder that the next write cleans up.
 */
public final class CheckpointStore {

    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern EPOCH_DIR = Pattern.compile("epoch-(\\d{4,})");
    private static final String TEMP_PREFIX = ".tmp-";

    private final Path root;

    public CheckpointStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** Writes {@code payload} for each named file, a manifest, and renames the folder into place. */
    public Checkpoint write(String runId, int epoch, long globalStep, GanConfig config, Map<String, FileWriter> payload)
            throws IOException {
        return write(runId, epoch, globalStep, config, payload, null, null);
    }

    /**
     * As {@link #write(String, int, long, GanConfig, Map)}, with the quality figures of this epoch
     * for the raw and the averaged generator (either may be null).
     */
    public Checkpoint write(String runId, int epoch, long globalStep, GanConfig config, Map<String, FileWriter> payload,
            Quality quality, Quality emaQuality) throws IOException {
        return write(runId, epoch, globalStep, config, payload, quality, emaQuality, null);
    }

    /** As above, with the run's training time so far (for a time budget across resumes; may be null). */
    public Checkpoint write(String runId, int epoch, long globalStep, GanConfig config, Map<String, FileWriter> payload,
            Quality quality, Quality emaQuality, Double trainingSeconds) throws IOException {
        Path runDir = runDir(runId);
        Files.createDirectories(runDir);
        removeLeftoverTemporaries(runDir);
        Path finalDir = runDir.resolve(epochDirName(epoch));
        Path temp = runDir.resolve(TEMP_PREFIX + epochDirName(epoch) + "-" + System.nanoTime());
        Files.createDirectory(temp);
        try {
            Map<String, CheckpointManifest.FileEntry> entries = new LinkedHashMap<>();
            for (Map.Entry<String, FileWriter> e : payload.entrySet()) {
                entries.put(e.getKey(), writeFile(temp.resolve(e.getKey()), e.getValue()));
            }
            CheckpointManifest manifest = new CheckpointManifest(
                    CheckpointManifest.FORMAT_VERSION, runId, epoch, globalStep, config.seed(),
                    Instant.now().toString(), config, entries, quality, emaQuality, trainingSeconds,
                    config.classNames());
            byte[] json = Json.MAPPER.writeValueAsBytes(manifest);
            writeFile(temp.resolve(CheckpointManifest.FILE_NAME), out -> out.write(json));
            fsync(temp);
            if (Files.exists(finalDir)) {
                // an epoch written again (e.g. after a crash between write and bookkeeping)
                deleteTree(finalDir);
            }
            move(temp, finalDir);
            fsync(runDir);
            return new Checkpoint(finalDir, manifest);
        } catch (IOException | RuntimeException e) {
            deleteTree(temp);
            throw e;
        }
    }

    /** A crash during a write leaves a temporary folder; it is never a checkpoint. */
    private static void removeLeftoverTemporaries(Path runDir) throws IOException {
        try (Stream<Path> dirs = Files.list(runDir)) {
            for (Path p : dirs.filter(p -> p.getFileName().toString().startsWith(TEMP_PREFIX)).toList()) {
                deleteTree(p);
            }
        }
    }

    private static CheckpointManifest.FileEntry writeFile(Path file, FileWriter writer) throws IOException {
        MessageDigest digest = Sha256.newDigest();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            OutputStream raw = java.nio.channels.Channels.newOutputStream(channel);
            DataOutputStream out = new DataOutputStream(
                    new BufferedOutputStream(new DigestOutputStream(uncloseable(raw), digest), 1 << 16));
            writer.write(out);
            out.flush();
            channel.force(true);
        }
        return new CheckpointManifest.FileEntry(HexFormat.of().formatHex(digest.digest()), Files.size(file));
    }

    /**
     * The run's checkpoint with the lowest FID-MNIST among those measured, if any, compared at the
     * run's per-epoch sample count ({@code Quality.comparableFid}) of the weights a server serves
     * (the averaged ones when the checkpoint has them): kept by {@link #prune} callers while it is
     * the best.
     */
    public Optional<Checkpoint> best(String runId) throws IOException {
        return list(runId).stream()
                .filter(c -> c.manifest().servedQuality() != null && c.manifest().servedQuality().comparableFid() != null)
                .min(java.util.Comparator.<Checkpoint>comparingDouble(c -> c.manifest().servedQuality().comparableFid())
                        .thenComparing(Checkpoint::epoch, java.util.Comparator.reverseOrder()));
    }

    /** Complete checkpoints of a run, oldest first. */
    public List<Checkpoint> list(String runId) throws IOException {
        Path runDir = runDir(runId);
        List<Checkpoint> result = new ArrayList<>();
        if (!Files.isDirectory(runDir)) {
            return result;
        }
        try (Stream<Path> dirs = Files.list(runDir)) {
            for (Path dir : dirs.filter(p -> EPOCH_DIR.matcher(p.getFileName().toString()).matches())
                    .sorted(Comparator.comparing(CheckpointStore::epochOf)).toList()) {
                try {
                    result.add(Checkpoint.open(dir));
                } catch (IOException e) {
                    // an unreadable manifest is skipped, not fatal: the others are still good
                }
            }
        }
        return result;
    }

    public Optional<Checkpoint> newest(String runId) throws IOException {
        List<Checkpoint> all = list(runId);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** Run ids with at least one folder in the store. */
    public List<String> runs() throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(name -> RUN_ID.matcher(name).matches()).sorted().toList();
        }
    }

    /**
     * Deletes all but the newest {@code keep} checkpoints of a run, never those in {@code keepEpochs}.
     *
     * @return the folders deleted
     */
    public List<Path> prune(String runId, int keep, Set<Integer> keepEpochs) throws IOException {
        List<Checkpoint> all = list(runId);
        List<Path> deleted = new ArrayList<>();
        for (int i = 0; i < all.size() - keep; i++) {
            Checkpoint c = all.get(i);
            if (!keepEpochs.contains(c.epoch())) {
                deleteTree(c.dir());
                deleted.add(c.dir());
            }
        }
        return deleted;
    }

    /** The path of a checkpoint relative to the store, as events carry it. */
    public String relative(Checkpoint checkpoint) {
        return root.relativize(checkpoint.dir().toAbsolutePath().normalize()).toString().replace('\\', '/');
    }

    /**
     * Resolves a relative path from an event; rejects one that leaves the store.
     *
     * @throws IllegalArgumentException for an absolute path or one that escapes the store
     */
    public Path resolve(String relative) {
        Path candidate = Path.of(relative);
        Path resolved = root.resolve(candidate).normalize();
        if (candidate.isAbsolute() || !resolved.startsWith(root) || resolved.equals(root)) {
            throw new IllegalArgumentException("checkpoint path '" + relative + "' is outside the store " + root);
        }
        return resolved;
    }

    private Path runDir(String runId) {
        if (runId == null || !RUN_ID.matcher(runId).matches()) {
            throw new IllegalArgumentException(
                    "run id must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit: " + runId);
        }
        return root.resolve(runId);
    }

    static String epochDirName(int epoch) {
        return String.format("epoch-%04d", epoch);
    }

    private static int epochOf(Path dir) {
        java.util.regex.Matcher m = EPOCH_DIR.matcher(dir.getFileName().toString());
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the checkpoint store " + to.getParent() + " does not support atomic renames", e);
        }
    }

    private static void fsync(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // some file systems cannot sync a directory; the files themselves were synced
        }
    }

    /** Deletes a folder and everything in it; nothing when it does not exist. */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static OutputStream uncloseable(OutputStream out) {
        return new java.io.FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }

    /** Writes the content of one checkpoint file. */
    @FunctionalInterface
    public interface FileWriter {
        void write(DataOutputStream out) throws IOException;
    }
}
