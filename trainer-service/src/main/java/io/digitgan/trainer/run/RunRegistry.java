package io.digitgan.trainer.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.digitgan.core.checkpoint.CheckpointStore;
import io.digitgan.core.checkpoint.Json;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Run records beside the run's checkpoints: {@code <run id>/run.json} in the checkpoint store (a
 * folder or the object store), so a trainer on another machine, or a sweep's pod, resumes from
 * the store alone.
 */
@ApplicationScoped
public class RunRegistry {

    private static final Logger LOG = Logger.getLogger(RunRegistry.class);
    private static final String FILE = "run.json";
    private static final Pattern RUN_ID = CheckpointStore.RUN_ID;

    private final CheckpointStore store;
    private final ObjectMapper json = Json.MAPPER; // a run record is a file in the store, as a manifest is

    public RunRegistry(CheckpointStore store) {
        this.store = store;
    }

    public synchronized void save(RunRecord run) {
        try {
            store.writeRunFile(run.runId(), FILE, json.writeValueAsBytes(run));
        } catch (IOException e) {
            throw new RunStoreUnavailableException("could not save run " + run.runId() + ": " + e.getMessage(), e);
        }
    }

    public synchronized Optional<RunRecord> find(String runId) {
        if (runId == null || !RUN_ID.matcher(runId).matches()) {
            return Optional.empty();
        }
        Optional<byte[]> content;
        try {
            content = store.readRunFile(runId, FILE);
        } catch (IOException e) {
            throw new RunStoreUnavailableException("could not read run " + runId + ": " + e.getMessage(), e);
        }
        try {
            return content.isEmpty() ? Optional.empty() : Optional.of(json.readValue(content.get(), RunRecord.class));
        } catch (IOException e) {
            LOG.warnf("ignoring the unreadable %s of run %s: %s", FILE, runId, e.getMessage());
            return Optional.empty();
        }
    }

    /** All runs, newest first. */
    public synchronized List<RunRecord> all() {
        List<RunRecord> runs = new ArrayList<>();
        try {
            for (String runId : store.runs()) {
                find(runId).ifPresent(runs::add);
            }
        } catch (IOException e) {
            throw new RunStoreUnavailableException("could not list the runs: " + e.getMessage(), e);
        }
        runs.sort(Comparator.comparing(RunRecord::createdAt).reversed());
        return runs;
    }
}
