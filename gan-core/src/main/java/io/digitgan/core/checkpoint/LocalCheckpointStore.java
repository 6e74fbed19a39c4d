package io.digitgan.core.checkpoint;

import io.digitgan.core.config.GanConfig;
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
 * The checkpoint store in a local folder: one folder per run, one per epoch inside it.
 *
 * <p>A checkpoint is written into a hidden temporary folder, every file is flushed to disk, and
 * only then is the folder renamed to {@code epoch-NNNN}: a reader never sees a half-written
 * checkpoint, and a crash leaves at most a temporary folder that the next write cleans up.
 */
public final class LocalCheckpointStore implements CheckpointStore {

    private static final Pattern EPOCH_DIR = Pattern.compile("epoch-(\\d{4,})");
    private static final String TEMP_PREFIX = ".tmp-";

    private final Path root;

    public LocalCheckpointStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    @Override
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

    @Override
    public List<Checkpoint> list(String runId) throws IOException {
        Path runDir = runDir(runId);
        List<Checkpoint> result = new ArrayList<>();
        if (!Files.isDirectory(runDir)) {
            return result;
        }
        try (Stream<Path> dirs = Files.list(runDir)) {
            for (Path dir : dirs.filter(p -> EPOCH_DIR.matcher(p.getFileName().toString()).matches())
                    .sorted(Comparator.comparing(LocalCheckpointStore::epochOf)).toList()) {
                try {
                    result.add(Checkpoint.open(dir));
                } catch (IOException e) {
                    // an unreadable manifest is skipped, not fatal: the others are still good
                }
            }
        }
        return result;
    }

    @Override
    public List<String> runs() throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(name -> RUN_ID.matcher(name).matches()).sorted().toList();
        }
    }

    @Override
    public List<String> prune(String runId, int keep, Set<Integer> keepEpochs) throws IOException {
        List<Checkpoint> all = list(runId);
        List<String> deleted = new ArrayList<>();
        for (int i = 0; i < all.size() - keep; i++) {
            Checkpoint c = all.get(i);
            if (!keepEpochs.contains(c.epoch())) {
                CheckpointStore.deleteTree(c.dir());
                deleted.add(relative(c));
            }
        }
        return deleted;
    }

    @Override
    public Checkpoint fetch(String relative) throws IOException {
        return Checkpoint.open(resolve(relative));
    }

    @Override
    public void writeRunFile(String runId, String name, byte[] content) throws IOException {
        Path dir = runDir(runId);
        Files.createDirectories(dir);
        Path temp = dir.resolve(name + ".tmp");
        Files.write(temp, content);
        Files.move(temp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public Optional<byte[]> readRunFile(String runId, String name) throws IOException {
        Path file = runDir(runId).resolve(name);
        return Files.isRegularFile(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
    }

    @Override
    public String uri(String relative) {
        return resolve(relative).toUri().toString();
    }

    @Override
    public String describe() {
        return root.toString();
    }

    @Override
    public void check() throws StoreUnavailableException {
        try {
            Files.createDirectories(root);
            Path probe = Files.createTempFile(root, ".probe-", "");
            Files.delete(probe);
        } catch (IOException e) {
            throw new StoreUnavailableException("the checkpoint folder " + root
                    + " is not writable (digitgan.checkpoints.dir): " + e, e);
        }
    }

    /**
     * The folder of a checkpoint from an event's relative path.
     *
     * @throws IllegalArgumentException for anything but {@code <run id>/epoch-NNNN}
     */
    public Path resolve(String relative) {
        java.util.regex.Matcher m = CheckpointStore.parseRelative(relative);
        return runDir(m.group(1)).resolve(CheckpointStore.epochDirName(Integer.parseInt(m.group(2))));
    }

    private Path runDir(String runId) {
        return root.resolve(CheckpointStore.checkRunId(runId));
    }

    private static String epochDirName(int epoch) {
        return CheckpointStore.epochDirName(epoch);
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

    private static void deleteTree(Path dir) throws IOException {
        CheckpointStore.deleteTree(dir);
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
}
