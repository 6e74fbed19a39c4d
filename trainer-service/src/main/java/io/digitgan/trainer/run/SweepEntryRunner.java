package io.digitgan.trainer.run;

import io.digitgan.core.sweep.InvalidSweepException;
import io.digitgan.core.sweep.SweepFile;
import io.digitgan.trainer.TrainerSettings;
import io.digitgan.trainer.messaging.EventPublisher;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/**
 * The trainer's run-to-completion mode: with {@code digitgan.sweep.file} set it trains that
 * sweep's entry {@code digitgan.sweep.index} (a Job pod's JOB_COMPLETION_INDEX) to its end, lets
 * the last events reach Kafka, and exits: 0 when the run completed (now or before: a pod that runs
 * again skips it), 1 when it failed or the sweep is wrong, 2 when the index is missing. A pod
 * stopped mid-run leaves it RUNNING, and the next one resumes it from its newest checkpoint.
 */
@ApplicationScoped
public class SweepEntryRunner {

    private static final Logger LOG = Logger.getLogger(SweepEntryRunner.class);

    private final TrainerSettings settings;
    private final RunManager runs;
    private final EventPublisher publisher;

    public SweepEntryRunner(TrainerSettings settings, RunManager runs, EventPublisher publisher) {
        this.settings = settings;
        this.runs = runs;
        this.publisher = publisher;
    }

    void onStart(@Observes StartupEvent event) {
        settings.sweep().file().ifPresent(file -> {
            Thread t = new Thread(() -> Quarkus.asyncExit(trainEntry(file, settings.sweep().index())), "sweep-entry");
            t.setDaemon(true);
            t.start();
        });
    }

    /** Trains entry {@code index} of the sweep in {@code file}; returns the process's exit code. */
    int trainEntry(Path file, int index) {
        if (index < 0) {
            LOG.errorf("run-to-completion mode needs the entry to train: JOB_COMPLETION_INDEX or DIGITGAN_SWEEP_INDEX"
                    + " (the sweep %s)", file);
            return 2;
        }
        try {
            SweepFile sweep = SweepFile.read(file);
            SweepFile.Entry entry = sweep.entry(index);
            LOG.infof("sweep %s, entry %d of %d: run %s with %s", sweep.name(), index, sweep.size(), entry.runId(),
                    entry.varying());
            RunRecord end = runs.trainToEnd(entry.runId(), entry.spec(), sweep.name());
            int left = publisher.drain(settings.sweep().drainTimeout());
            if (left > 0) {
                LOG.warnf("%d events of run %s did not reach Kafka within %s", left, entry.runId(),
                        settings.sweep().drainTimeout());
            }
            LOG.infof("run %s %s after epoch %d", entry.runId(), end.status(), end.lastEpoch());
            return switch (end.status()) {
                case RunRecord.COMPLETED, RunRecord.STOPPED -> 0;
                case RunRecord.RUNNING -> 3; // interrupted by a shutdown: the next pod resumes it
                default -> 1;
            };
        } catch (InvalidSweepException | InvalidRunConfigException e) {
            LOG.error(e.getMessage());
            return 1;
        } catch (IOException e) {
            LOG.errorf("cannot read the sweep %s: %s", file, e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 3;
        } catch (RuntimeException e) {
            LOG.error("run-to-completion failed: " + e.getMessage(), e);
            return 1;
        }
    }
}
