package io.digitgan.core.checkpoint;

import io.digitgan.core.config.GanConfig;
import io.digitgan.events.Quality;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where checkpoints live: {@code <run id>/epoch-NNNN/} with a manifest and the files it lists, and
 * each run's small files ({@code run.json}). Two backends: a local folder
 * ({@link LocalCheckpointStore}) and an S3-compatible object store ({@link S3CheckpointStore}).
 *
 * <p>Either way a checkpoint is complete when its manifest is there: a reader never takes one
 * without it. Listing gives manifests; {@link #fetch} gives a checkpoint whose files are on this
 * machine (for the object store, downloaded into a local cache and checked against the manifest).
 */
public interface CheckpointStore {

    Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** A checkpoint's place in a store, as events carry it: {@code <run id>/epoch-NNNN}. */
    Pattern RELATIVE = Pattern.compile("([A-Za-z0-9][A-Za-z0-9._-]{0,63})/epoch-(\\d{4,9})/?");

    /**
     * Writes {@code payload} for each named file, then the manifest, with the figures of this
     * epoch for the raw and the averaged generator (either may be null) and the run's training
     * time so far (for a time budget across resumes; may be null).
     *
     * @return the checkpoint, its files on this machine
     */
    Checkpoint write(String runId, int epoch, long globalStep, GanConfig config, Map<String, FileWriter> payload,
            Quality quality, Quality emaQuality, Double trainingSeconds) throws IOException;

    default Checkpoint write(String runId, int epoch, long globalStep, GanConfig config, Map<String, FileWriter> payload)
            throws IOException {
        return write(runId, epoch, globalStep, config, payload, null, null, null);
    }

    default Checkpoint write(String runId, int epoch, long globalStep, GanConfig config, Map<String, FileWriter> payload,
            Quality quality, Quality emaQuality) throws IOException {
        return write(runId, epoch, globalStep, config, payload, quality, emaQuality, null);
    }

    /** Complete checkpoints of a run, oldest first (their files may not be on this machine: {@link #fetch}). */
    List<Checkpoint> list(String runId) throws IOException;

    /** Run ids with anything in the store. */
    List<String> runs() throws IOException;

    /**
     * The checkpoint at {@code relative} with its files on this machine (not yet verified:
     * {@link Checkpoint#verify()} or loading does that).
     *
     * @throws IllegalArgumentException for a path that is not {@code <run id>/epoch-NNNN}
     * @throws IOException when it has no manifest, cannot be read, or a download does not match it
     */
    Checkpoint fetch(String relative) throws IOException;

    /** A listed checkpoint with its files on this machine. */
    default Checkpoint fetch(Checkpoint checkpoint) throws IOException {
        return fetch(relative(checkpoint));
    }

    /**
     * Deletes all but the newest {@code keep} checkpoints of a run, never those in {@code keepEpochs}.
     *
     * @return the deleted checkpoints' relative paths
     */
    List<String> prune(String runId, int keep, Set<Integer> keepEpochs) throws IOException;

    /** Writes one of a run's small files (the run record), replacing it whole. */
    void writeRunFile(String runId, String name, byte[] content) throws IOException;

    /** One of a run's small files, if it exists. */
    Optional<byte[]> readRunFile(String runId, String name) throws IOException;

    /** Where a checkpoint lives, as a URI: {@code file:///…/run/epoch-0003/} or {@code s3://bucket/prefix/run/epoch-0003/}. */
    String uri(String relative);

    /** The store, for messages: its URI, and the endpoint where it matters. */
    String describe();

    /**
     * Checks that the store can be used (folder writable; bucket reachable with these credentials).
     *
     * @throws StoreUnavailableException naming the setting to fix
     */
    void check() throws StoreUnavailableException;

    /**
     * The run's checkpoint with the lowest FID among those measured, if any, compared at the run's
     * per-epoch sample count ({@code Quality.comparableFid}) of the weights a server serves (the
     * averaged ones when the checkpoint has them): kept by pruning while it is the best.
     */
    default Optional<Checkpoint> best(String runId) throws IOException {
        return list(runId).stream()
                .filter(c -> c.manifest().servedQuality() != null && c.manifest().servedQuality().comparableFid() != null)
                .min(Comparator.<Checkpoint>comparingDouble(c -> c.manifest().servedQuality().comparableFid())
                        .thenComparing(Checkpoint::epoch, Comparator.reverseOrder()));
    }

    default Optional<Checkpoint> newest(String runId) throws IOException {
        List<Checkpoint> all = list(runId);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** The path of a checkpoint relative to the store, as events carry it: {@code <run id>/epoch-NNNN}. */
    default String relative(Checkpoint checkpoint) {
        return checkpoint.runId() + "/" + epochDirName(checkpoint.epoch());
    }

    static String epochDirName(int epoch) {
        return String.format("epoch-%04d", epoch);
    }

    /** Checks a run id: it names a folder or a key prefix. */
    static String checkRunId(String runId) {
        if (runId == null || !RUN_ID.matcher(runId).matches()) {
            throw new IllegalArgumentException(
                    "run id must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit: " + runId);
        }
        return runId;
    }

    /**
     * A checkpoint's place from an event, checked: nothing but {@code <run id>/epoch-NNNN} is taken,
     * so no path can leave the store.
     *
     * @throws IllegalArgumentException for anything else
     */
    static Matcher parseRelative(String relative) {
        Matcher m = relative == null ? null : RELATIVE.matcher(relative);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("checkpoint path '" + relative
                    + "' is not <run id>/epoch-NNNN inside the store");
        }
        return m;
    }

    /** Deletes a folder and everything in it; nothing when it does not exist. */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * The store configured by {@code location}: the local folder {@code dir}, or an object store
     * that keeps its downloads (and a trainer's staged writes) under {@code dir}.
     */
    static CheckpointStore open(Path dir, S3Location location) {
        return location == null ? new LocalCheckpointStore(dir) : new S3CheckpointStore(location, dir);
    }

    /** Writes the content of one checkpoint file. */
    @FunctionalInterface
    interface FileWriter {
        void write(DataOutputStream out) throws IOException;
    }
}
