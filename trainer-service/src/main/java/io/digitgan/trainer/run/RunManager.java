package io.digitgan.trainer.run;

import io.digitgan.core.checkpoint.Checkpoint;
import io.digitgan.core.checkpoint.CheckpointStore;
import io.digitgan.core.config.GanConfig;
import io.digitgan.core.config.RunSpec;
import io.digitgan.core.train.GanTrainer;
import io.digitgan.core.train.QualitySchedule;
import io.digitgan.core.train.RunOutcome;
import io.digitgan.core.train.RunSetup;
import io.digitgan.service.checkpoints.CheckpointStoreReadiness;
import io.digitgan.trainer.TrainerSettings;
import io.digitgan.trainer.messaging.EventPublisher;
import io.opentelemetry.api.trace.Tracer;
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
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Owns the one training run a trainer executes at a time, on its own worker thread.
 *
 * <p>Run states: RUNNING (also when the service stopped or crashed mid-run: the next start that
 * asks for it resumes it from its newest checkpoint), INTERRUPTED (unfinished, kept while a start
 * that asked for another run trains that one), COMPLETED, FAILED, STOPPED (by the API).
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
    private final RunSetup setup;
    private final CheckpointStoreReadiness storeReadiness;
    private final Tracer tracer;
    private volatile Active active;

    /** The run in progress. */
    private record Active(String runId, GanTrainer trainer, RunEvents events, Future<?> future, boolean[] stoppedByApi) {}

    public RunManager(TrainerSettings settings, RunRegistry registry, EventPublisher publisher, TrainingMeters meters,
            CheckpointStore store, @org.eclipse.microprofile.health.Readiness CheckpointStoreReadiness storeReadiness,
            Tracer tracer) {
        this.tracer = tracer;
        this.settings = settings;
        this.registry = registry;
        this.publisher = publisher;
        this.meters = meters;
        QualitySchedule quality = settings.quality().everyEpochs() >= 0
                ? new QualitySchedule(settings.quality().everyEpochs(), settings.quality().samples(),
                        settings.quality().finalSamples())
                : null;
        this.setup = new RunSetup(new RunSetup.Settings(settings.training().threads(), settings.device(),
                settings.data().folders(), store, settings.quality().evaluatorDir(), quality,
                Math.max(settings.training().progressEvery(), 50)));
        this.store = store;
        this.storeReadiness = storeReadiness;
    }

    void onStart(@Observes StartupEvent event) {
        if (settings.sweep().file().isPresent()) {
            return; // a sweep's run-to-completion mode trains its one entry (SweepEntryRunner)
        }
        if (!settings.training().autostart()) {
            LOG.info("training autostart is off: start a run with POST /api/v1/runs");
            return;
        }
        if (storeReadiness.problem() != null) {
            // readiness said why (one line); training starts when the store answers
            Thread waiting = new Thread(this::autostartWhenTheStoreWorks, "autostart");
            waiting.setDaemon(true);
            waiting.start();
            return;
        }
        autostart();
    }

    private void autostartWhenTheStoreWorks() {
        try {
            while (storeReadiness.problem() != null) {
                Thread.sleep(5_000);
            }
            autostart();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void autostart() {
        try {
            RunSpec asked = settings.training().epochs().map(RunSpec::ofEpochs).orElse(RunSpec.empty());
            Optional<RunRecord> resumed = resumeUnfinished(new RunAsk(settings.training().profile().id(), config(asked)));
            if (resumed.isEmpty()) {
                start(asked);
            }
        } catch (RuntimeException e) {
            LOG.error("could not start training at boot: " + e.getMessage(), e);
        }
    }

    /** Stops the worker at the end of its step; the run stays RUNNING so the next start resumes it. */
    void onStop(@Observes ShutdownEvent event) {
        interrupt();
        worker.shutdownNow();
        setup.close();
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
    public RunRecord start(RunSpec spec) {
        return start(spec, null);
    }

    private synchronized RunRecord start(RunSpec spec, String sweep) {
        if (active != null) {
            throw new RunConflictException("run " + active.runId() + " is active; stop it first");
        }
        GanConfig config = config(spec);
        String runId = spec.runId() != null ? spec.runId() : newRunId();
        if (registry.find(runId).isPresent()) {
            throw new RunConflictException("a run named " + runId + " exists already");
        }
        String profile = spec.profileOr(defaults()).id();
        GanTrainer trainer = onWorker(() -> setup.start(runId, config));
        Instant now = Instant.now();
        RunRecord record = new RunRecord(runId, RunRecord.RUNNING, profile, config, trainer.device().toString(), now, now, 0, 0,
                null, null, null, sweep);
        registry.save(record);
        launch(trainer, record);
        return record;
    }

    /** The config a run of this spec trains: the spec on this service's defaults. */
    private GanConfig config(RunSpec spec) {
        try {
            return spec.toConfig(defaults());
        } catch (IllegalArgumentException e) {
            throw new InvalidRunConfigException(e.getMessage(), e);
        }
    }

    /** What a run takes where its spec is silent: digitgan.training.profile, .checkpoints, .data and .model. */
    private RunSpec.Defaults defaults() {
        return new RunSpec.Defaults(settings.training().profile(), settings.checkpoints().everyEpochs(),
                settings.data().dataset(), settings.model().conditional(), settings.model().conditioning().orElse(null));
    }


    /**
     * At start: resumes the newest unfinished run (not a sweep's) that is what {@code ask} asks for
     * (or the newest at all, under {@code digitgan.training.resume=any}); an unfinished run that is
     * not is kept, INTERRUPTED, with a line that says how to resume it. Empty: start what was asked.
     */
    synchronized Optional<RunRecord> resumeUnfinished(RunAsk ask) {
        if (active != null) {
            return Optional.empty();
        }
        List<RunRecord> unfinished = unfinished();
        boolean any = settings.training().resume() == TrainerSettings.Training.ResumePolicy.ANY;
        Optional<RunRecord> chosen = unfinished.stream().filter(run -> any || ask.matches(run)).findFirst();
        for (RunRecord run : unfinished) {
            if (chosen.isEmpty() || !chosen.get().runId().equals(run.runId())) {
                keep(run, ask);
            }
        }
        return chosen.map(run -> resume(run.withStatus(RunRecord.RUNNING, null)));
    }

    /** Unfinished runs of the API (not a sweep's), newest first. */
    private List<RunRecord> unfinished() {
        return registry.all().stream().filter(r -> r.unfinished() && r.sweep() == null).toList();
    }

    /** An unfinished run this start does not resume: kept as it is, marked INTERRUPTED once, said how to resume. */
    private void keep(RunRecord run, RunAsk ask) {
        String how = RunAsk.howToResume(run);
        if (!run.status().equals(RunRecord.INTERRUPTED)) {
            String reason = "unfinished at epoch " + run.lastEpoch() + " of " + run.config().epochs() + ", kept: resume with " + how;
            RunRecord kept = run.withStatus(RunRecord.INTERRUPTED, reason);
            registry.save(kept);
            publisher.publish(RunEvents.runEvent(kept, "INTERRUPTED", kept.lastEpoch(), reason));
        }
        LOG.warnf("run %s (%s) is unfinished at epoch %d of %d and kept: this start asks for %s. Resume it with %s",
                run.runId(), String.join("; ", ask.differences(run)), run.lastEpoch(), run.config().epochs(),
                "profile " + ask.profile() + ", " + RunAsk.epochs(ask.config().epochs()), how);
    }

    /** Resumes an unfinished run by hand (POST /api/v1/runs/{id}/resume). */
    public synchronized RunRecord resume(String runId) {
        RunRecord run = registry.find(runId).orElseThrow(() -> new RunNotFoundException(runId));
        if (active != null && active.runId().equals(runId)) {
            throw new RunConflictException("run " + runId + " is training already");
        }
        if (!run.unfinished()) {
            throw new RunConflictException("run " + runId + " is " + run.status() + ": nothing to resume");
        }
        return resume(run.withStatus(RunRecord.RUNNING, null));
    }

    /**
     * Trains the run {@code runId} to its end: starts it as {@code spec} asks when it does not
     * exist, resumes it from its newest checkpoint when a stop, crash or failure left it unfinished,
     * and returns at once when it completed before (a Job's pod that ran again after its run ended).
     * Returns its final record; one whose status is RUNNING was interrupted by a shutdown.
     */
    public RunRecord trainToEnd(String runId, RunSpec spec, String sweep) throws InterruptedException {
        Future<?> running;
        synchronized (this) {
            Optional<RunRecord> known = registry.find(runId);
            if (known.isPresent() && (known.get().status().equals(RunRecord.COMPLETED)
                    || known.get().status().equals(RunRecord.STOPPED))) {
                LOG.infof("run %s is %s already: nothing to train", runId, known.get().status());
                return known.get();
            }
            if (known.isPresent()) {
                resume(known.get().withStatus(RunRecord.RUNNING, null));
            } else {
                start(spec.withRunId(runId), sweep);
            }
            running = active.future();
        }
        try {
            running.get();
        } catch (ExecutionException e) {
            LOG.errorf(e.getCause(), "run %s ended with an error", runId);
        }
        return registry.find(runId).orElseThrow(() -> new RunNotFoundException(runId));
    }

    /** Resumes an unfinished run from its newest checkpoint (from epoch 1 when it has none). */
    private RunRecord resume(RunRecord record) {
        if (active != null) {
            throw new RunConflictException("run " + active.runId() + " is active; stop it first");
        }
        try {
            Optional<Checkpoint> newest = store.newest(record.runId());
            GanTrainer trainer;
            if (newest.isPresent()) {
                trainer = onWorker(() -> setup.resume(newest.get(), 0));
                LOG.infof("resuming run %s after epoch %d from %s", record.runId(), newest.get().epoch(), newest.get().dir());
                announceAgain(record, newest.get());
            } else {
                LOG.infof("run %s had no checkpoint yet: starting it again from epoch 1", record.runId());
                trainer = onWorker(() -> setup.start(record.runId(), record.config()));
            }
            RunRecord resumed = record.withDevice(trainer.device().toString(), trainer.config());
            registry.save(resumed);
            launch(trainer, resumed);
            return resumed;
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

    /**
     * Builds a run on the worker thread that will train it. libgomp gives every thread that opens a
     * parallel region its own team of OpenMP threads; a run built on an HTTP or startup thread and
     * trained on the worker leaves two teams, more threads than cores, and then libgomp's workers
     * stop spinning and sleep between regions: the service trained at 0.52–0.62 of the train
     * command's images/s (BENCHMARKS.md, "Trainer-service against the command line").
     */
    private <E extends Exception> GanTrainer onWorker(Build<E> build) throws E {
        try {
            return worker.submit(build::run).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building the run", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            @SuppressWarnings("unchecked") // the only checked exception the build can throw is its E
            E thrown = (E) cause;
            throw thrown;
        }
    }

    /** Builds a trainer; its checked exception reaches {@link #onWorker}'s caller as it is. */
    @FunctionalInterface
    private interface Build<E extends Exception> {
        GanTrainer run() throws E;
    }

    private void launch(GanTrainer trainer, RunRecord record) {
        RunEvents events = new RunEvents(record, publisher, registry, store, meters, settings.training().progressEvery(),
                settings.checkpoints().keep(), new CheckpointTracing(tracer));
        trainer.addListener(events);
        meters.runStarted();
        boolean[] stoppedByApi = {false};
        Future<?> future = worker.submit(() -> runToEnd(trainer, events, stoppedByApi));
        active = new Active(record.runId(), trainer, events, future, stoppedByApi);
    }

    private void runToEnd(GanTrainer trainer, RunEvents events, boolean[] stoppedByApi) {
        String runId = trainer.runId();
        boolean failed = false;
        boolean nan = false;
        try (trainer) {
            RunOutcome outcome = trainer.train();
            if (outcome.status() == RunOutcome.Status.COMPLETED) {
                finish(events, RunRecord.COMPLETED, null);
                publisher.publish(events.runEvent("COMPLETED", outcome.lastEpoch(), null));
            } else if (stoppedByApi[0]) {
                finish(events, RunRecord.STOPPED, "stopped through the API");
                publisher.publish(events.runEvent("STOPPED", outcome.lastEpoch(), "stopped through the API"));
            } else {
                LOG.infof("run %s interrupted after epoch %d; it resumes at the next start", runId, outcome.lastEpoch());
            }
        } catch (RuntimeException | Error e) {
            failed = true;
            nan = e instanceof io.digitgan.core.train.NonFiniteLossException;
            LOG.errorf(e, "run %s failed", runId);
            String reason = e.getMessage() == null ? e.toString() : e.getMessage();
            finish(events, RunRecord.FAILED, reason);
            publisher.publish(events.runEvent("FAILED", events.record().lastEpoch(), reason));
        } finally {
            meters.runEnded(failed, nan);
            synchronized (this) {
                active = null;
            }
        }
    }

    private void finish(RunEvents events, String status, String reason) {
        registry.save(events.record().withStatus(status, reason));
    }

    private static String newRunId() {
        return "run-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS"));
    }
}
