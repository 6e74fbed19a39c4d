package io.digitgan.trainer.run;

import ai.djl.Device;
import io.digitgan.core.checkpoint.Checkpoint;
import io.digitgan.core.checkpoint.CheckpointStore;
import io.digitgan.core.data.MnistDataset;
import io.digitgan.core.engine.DjlEngine;
import io.digitgan.core.train.GanConfig;
import io.digitgan.core.quality.EvaluatorStore;
import io.digitgan.core.quality.EvaluatorTrainer;
import io.digitgan.core.quality.LazyQualityProbe;
import io.digitgan.core.train.GanTrainer;
import io.digitgan.core.train.QualitySchedule;
import io.digitgan.core.train.ProgressLogger;
import io.digitgan.core.train.RunOutcome;
import io.digitgan.events.RunEvent;
import io.digitgan.trainer.TrainerSettings;
import io.digitgan.trainer.events.EventPublisher;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Owns the one training run a trainer executes at a time, on its own worker thread.
 *
 * <p>Run states: RUNNING (also when the service stopped or crashed mid-run: the next start
 * resumes it from its newest checkpoint), COMPLETED, FAILED, STOPPED (by the API).
 */
@ApplicationScoped
public class RunManager {

    private static final Logger LOG = Logger.getLogger(RunManager.class);

    private final TrainerSettings settings;
    private final RunRegistry registry;
    private final EventPublisher publisher;
    private final TrainingMeters meters;
    private final CheckpointStore store;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "trainer");
        t.setDaemon(true);
        return t;
    });
    private MnistDataset data;
    private volatile Active active;
    private LazyQualityProbe qualityProbe;

    /** The run in progress. */
    private record Active(String runId, GanTrainer trainer, RunEvents events, Future<?> future, boolean[] stoppedByApi) {}

    public RunManager(TrainerSettings settings, RunRegistry registry, EventPublisher publisher, TrainingMeters meters) {
        this.settings = settings;
        this.registry = registry;
        this.publisher = publisher;
        this.meters = meters;
        this.store = new CheckpointStore(settings.checkpoints().dir());
    }

    void onStart(@Observes StartupEvent event) {
        if (!settings.training().autostart()) {
            LOG.info("training autostart is off: start a run with POST /api/v1/runs");
            return;
        }
        try {
            Optional<RunRecord> resumed = resumeInterrupted();
            if (resumed.isEmpty()) {
                start(settings.training().epochs().<Map<String, Object>>map(e -> Map.of("epochs", e)).orElse(Map.of()));
            }
        } catch (RuntimeException e) {
            LOG.error("could not start training at boot: " + e.getMessage(), e);
        }
    }

    /** Stops the worker at the end of its step; the run stays RUNNING so the next start resumes it. */
    void onStop(@Observes ShutdownEvent event) {
        interrupt();
        worker.shutdownNow();
        synchronized (this) {
            if (qualityProbe != null) {
                qualityProbe.close();
            }
        }
    }

    /** What a shutdown does to the active run, for tests of resume: stop it, leave it RUNNING. */
    public void interruptForTest() {
        interrupt();
    }

    private void interrupt() {
        Active current = active;
        if (current != null) {
            LOG.infof("service stopping: run %s will resume from its newest checkpoint", current.runId());
            current.trainer().requestStop();
            try {
                current.future().get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warn("training did not stop in time: " + e);
            }
        }
    }

    /** Starts a new run. @throws RunConflictException if one is active */
    public synchronized RunRecord start(Map<String, Object> overrides) {
        if (active != null) {
            throw new RunConflictException("run " + active.runId() + " is active; stop it first");
        }
        GanConfig config = ConfigOverrides.apply(overrides, settings.training().profile(),
                settings.checkpoints().everyEpochs());
        Object requestedId = overrides == null ? null : overrides.get("runId");
        String runId = requestedId instanceof String s ? s : newRunId();
        if (registry.find(runId).isPresent()) {
            throw new RunConflictException("a run named " + runId + " exists already");
        }
        String profile = overrides != null && overrides.get("profile") instanceof String p ? p : settings.training().profile();
        Device device = device();
        GanTrainer trainer = GanTrainer.start(runId, config, data(), device, store);
        Instant now = Instant.now();
        RunRecord record = new RunRecord(runId, RunRecord.RUNNING, profile, config, device.toString(), now, now, 0, 0,
                null, null, null);
        registry.save(record);
        launch(trainer, record);
        return record;
    }

    /** Resumes the newest run left RUNNING by a stop or crash of the service, if any. */
    public synchronized Optional<RunRecord> resumeInterrupted() {
        if (active != null) {
            return Optional.empty();
        }
        Optional<RunRecord> interrupted = registry.all().stream()
                .filter(r -> r.status().equals(RunRecord.RUNNING)).findFirst();
        if (interrupted.isEmpty()) {
            return Optional.empty();
        }
        RunRecord record = interrupted.get();
        try {
            Optional<Checkpoint> newest = store.newest(record.runId());
            Device device = device();
            GanTrainer trainer;
            if (newest.isPresent()) {
                trainer = GanTrainer.resume(newest.get(), data(), device, store, 0);
                LOG.infof("resuming run %s after epoch %d from %s", record.runId(), newest.get().epoch(), newest.get().dir());
                announceAgain(record, newest.get());
            } else {
                LOG.infof("run %s had no checkpoint yet: starting it again from epoch 1", record.runId());
                trainer = GanTrainer.start(record.runId(), record.config(), data(), device, store);
            }
            RunRecord resumed = record.withDevice(device.toString(), trainer.config());
            registry.save(resumed);
            launch(trainer, resumed);
            return Optional.of(resumed);
        } catch (IOException e) {
            throw new UncheckedIOException("could not resume run " + record.runId(), e);
        }
    }

    /** The newest checkpointed epoch's events may not have left before the crash: send them again. */
    private void announceAgain(RunRecord record, Checkpoint checkpoint) {
        if (record.lastEpochMetrics() != null && record.lastEpochMetrics().epoch() == checkpoint.epoch()) {
            publisher.publish(RunEvents.epochEvent(record.runId(), record.lastEpochMetrics()));
        }
        publisher.publish(RunEvents.checkpointEvent(store, checkpoint));
    }

    /** Stops the active run after its current step. */
    public synchronized RunRecord stop(String runId) {
        Active current = active;
        RunRecord record = registry.find(runId).orElseThrow(() -> new RunNotFoundException(runId));
        if (current == null || !current.runId().equals(runId)) {
            throw new RunConflictException("run " + runId + " is not active (" + record.status() + ")");
        }
        current.stoppedByApi()[0] = true;
        current.trainer().requestStop();
        return current.events().record();
    }

    public List<RunRecord> list() {
        Active current = active;
        return registry.all().stream()
                .map(r -> current != null && current.runId().equals(r.runId()) ? current.events().record() : r)
                .toList();
    }

    public Optional<RunRecord> find(String runId) {
        Active current = active;
        if (current != null && current.runId().equals(runId)) {
            return Optional.of(current.events().record());
        }
        return registry.find(runId);
    }

    /** The active run's id and its trainer's current epoch/step, for system events. */
    public Optional<ActiveRun> activeRun() {
        Active current = active;
        if (current == null) {
            return Optional.empty();
        }
        return Optional.of(new ActiveRun(current.runId(), current.trainer().device().toString(),
                current.trainer().nextEpoch(), current.trainer().globalStep()));
    }

    /** What {@link #activeRun()} tells. */
    public record ActiveRun(String runId, String device, int epoch, long globalStep) {}

    private void launch(GanTrainer trainer, RunRecord record) {
        RunEvents events = new RunEvents(record, publisher, registry, store, meters, settings.training().progressEvery(),
                settings.checkpoints().keep());
        trainer.addListener(events);
        if (settings.quality().everyEpochs() >= 0) {
            trainer.measureQuality(qualityProbe(), new QualitySchedule(settings.quality().everyEpochs(),
                    settings.quality().samples(), settings.quality().finalSamples()));
        }
        trainer.addListener(new ProgressLogger(Math.max(settings.training().progressEvery(), 50)));
        boolean[] stoppedByApi = {false};
        Future<?> future = worker.submit(() -> runToEnd(trainer, events, stoppedByApi));
        active = new Active(record.runId(), trainer, events, future, stoppedByApi);
    }

    private void runToEnd(GanTrainer trainer, RunEvents events, boolean[] stoppedByApi) {
        String runId = trainer.runId();
        try (trainer) {
            RunOutcome outcome = trainer.train();
            if (outcome.status() == RunOutcome.Status.COMPLETED) {
                finish(events, RunRecord.COMPLETED, null);
                publisher.publish(RunEvent.completed(runId, outcome.lastEpoch()));
            } else if (stoppedByApi[0]) {
                finish(events, RunRecord.STOPPED, "stopped through the API");
                publisher.publish(RunEvent.stopped(runId, outcome.lastEpoch()));
            } else {
                LOG.infof("run %s interrupted after epoch %d; it resumes at the next start", runId, outcome.lastEpoch());
            }
        } catch (RuntimeException | Error e) {
            LOG.errorf(e, "run %s failed", runId);
            String reason = e.getMessage() == null ? e.toString() : e.getMessage();
            finish(events, RunRecord.FAILED, reason);
            publisher.publish(RunEvent.failed(runId, events.record().lastEpoch(), reason));
        } finally {
            synchronized (this) {
                active = null;
            }
        }
    }

    private void finish(RunEvents events, String status, String reason) {
        registry.save(events.record().withStatus(status, reason));
    }

    /** One evaluator for all runs, loaded (or trained, once) when a run first needs figures. */
    private synchronized LazyQualityProbe qualityProbe() {
        if (qualityProbe == null) {
            qualityProbe = new LazyQualityProbe(new EvaluatorStore(settings.quality().evaluatorDir()),
                    settings.data().dir(), device(), EvaluatorTrainer.Options.standard());
        }
        return qualityProbe;
    }

    /** Starts the engine with the configured threads (first caller wins), then picks the device. */
    private Device device() {
        DjlEngine.start(settings.training().threads());
        return DjlEngine.device(settings.device());
    }

    private synchronized MnistDataset data() {
        if (data == null) {
            try {
                data = MnistDataset.load(settings.data().dir(), MnistDataset.Split.TRAIN);
            } catch (IOException e) {
                throw new UncheckedIOException("MNIST is not readable: " + e.getMessage(), e);
            }
        }
        return data;
    }

    private static String newRunId() {
        return "run-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS"));
    }
}
