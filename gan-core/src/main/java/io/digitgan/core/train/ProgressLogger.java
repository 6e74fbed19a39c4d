package io.digitgan.core.train;

import io.digitgan.core.system.HumanDuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs training progress people can read: every N steps a line with epoch, step, losses,
 * D(x)/D(G(z)), images/s and the ETA of the epoch and of the run; a summary line per epoch.
 */
public final class ProgressLogger implements TrainingListener {

    private static final Logger LOG = LoggerFactory.getLogger("digitgan.progress");

    private final int everySteps;
    private int epochs;
    private int firstEpoch;
    private int batchSize;
    private long runStart;
    /** The run's time budget left at this session's start, in seconds (infinite without one). */
    private double budgetSeconds = Double.POSITIVE_INFINITY;
    /** This epoch's step times, for the median in its summary line. */
    private final Durations epochSteps = new Durations();

    public ProgressLogger(int everySteps) {
        this.everySteps = Math.max(1, everySteps);
    }

    @Override
    public void onStart(RunInfo run) {
        epochs = run.config().epochs();
        firstEpoch = run.firstEpoch();
        batchSize = run.config().batchSize();
        runStart = System.nanoTime();
        if (run.config().maxMinutes() > 0) {
            budgetSeconds = run.config().maxMinutes() * 60 - run.trainedSeconds();
        }
    }

    /** The run's remaining time: by its epochs, or by its time budget when that ends it sooner. */
    private double runEta(double byEpochs) {
        double elapsed = (System.nanoTime() - runStart) / 1e9;
        return Math.min(byEpochs, Math.max(0, budgetSeconds - elapsed));
    }

    @Override
    public void onStep(StepMetrics m) {
        if (m.step() == 1) {
            epochSteps.clear();
        }
        epochSteps.add(m.stepMillis());
        if (m.step() % everySteps != 0 && m.step() != 1) {
            return;
        }
        double stepsLeftInEpoch = m.stepsPerEpoch() - m.step();
        double secondsPerStep = m.imagesPerSecond() > 0 ? batchSize / m.imagesPerSecond() : 0;
        double epochEta = stepsLeftInEpoch * secondsPerStep;
        double runEta = runEta(epochEta + (double) (epochs - m.epoch()) * m.stepsPerEpoch() * secondsPerStep);
        LOG.info(String.format("epoch %d/%d step %d/%d | G %.4f D %.4f | D(x) %.3f D(G(z)) %.3f | noise %.3f"
                        + " | %.0f img/s %.0f ms/step | epoch ETA %s, run ETA %s",
                m.epoch(), epochs, m.step(), m.stepsPerEpoch(), m.genLoss(), m.discLoss(), m.dReal(), m.dFake(),
                m.noiseStd(), m.imagesPerSecond(), m.stepMillis(), duration(epochEta), duration(runEta)));
    }

    @Override
    public void onEpoch(EpochMetrics m) {
        double elapsed = (System.nanoTime() - runStart) / 1e9;
        int done = m.epoch() - firstEpoch + 1;
        double eta = runEta(elapsed / done * (epochs - m.epoch()));
        LOG.info(String.format("epoch %d/%d done in %.1f s | G %.4f D %.4f | D(x) %.3f D(G(z)) %.3f | noise %.3f"
                        + " | %.0f img/s | run ETA %s | median step %.1f ms",
                m.epoch(), m.epochs(), m.epochSeconds(), m.genLoss(), m.discLoss(), m.dReal(), m.dFake(),
                m.noiseStd(), m.imagesPerSecond(), duration(eta), medianStepMillis()));
    }

    @Override
    public void onFinish(RunOutcome outcome) {
        LOG.info("run {} at epoch {} after {} steps, {}", outcome.status().name().toLowerCase(), outcome.lastEpoch(),
                outcome.globalStep(), duration((System.nanoTime() - runStart) / 1e9));
    }

    /** The median step time of the epoch so far, in ms (0 before its first step). */
    double medianStepMillis() {
        return epochSteps.medianMillis();
    }

    private static String duration(double seconds) {
        return HumanDuration.of(seconds);
    }
}
