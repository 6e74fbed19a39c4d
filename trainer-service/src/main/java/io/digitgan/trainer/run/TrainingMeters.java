package io.digitgan.trainer.run;

import io.digitgan.core.train.EpochMetrics;
import io.digitgan.core.train.StepMetrics;
import io.digitgan.events.Quality;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Training figures for Prometheus at /q/metrics: progress, and what the alert rules of
 * k8s/monitoring read to tell a GAN's own failures (a stall, a discriminator that wins outright,
 * collapse onto few classes, quality falling behind the run's best, NaN losses). A figure not yet
 * measured is NaN, which no rule's comparison matches.
 */
@Startup // registered at start: a trainer with no run yet still reports running=0, not nothing
@ApplicationScoped
public class TrainingMeters {

    private final Counter steps;
    private final Timer stepDuration;
    private final Counter nanGuardTrips;
    private final Counter runsFailed;
    private final AtomicLong epoch = new AtomicLong();
    private final AtomicLong imagesPerSecond = new AtomicLong();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicReference<Double> lastStepSeconds = new AtomicReference<>(Double.NaN);
    private final AtomicReference<Double> genLoss = new AtomicReference<>(Double.NaN);
    private final AtomicReference<Double> discLoss = new AtomicReference<>(Double.NaN);
    private final AtomicReference<Double> dReal = new AtomicReference<>(Double.NaN);
    private final AtomicReference<Double> dFake = new AtomicReference<>(Double.NaN);
    private final AtomicReference<Double> fid = new AtomicReference<>(Double.NaN);
    private final AtomicReference<Double> bestFid = new AtomicReference<>(Double.NaN);
    private final AtomicReference<Double> epochsSinceBest = new AtomicReference<>(Double.NaN);
    private final AtomicReference<Double> classEntropy = new AtomicReference<>(Double.NaN);
    private final AtomicReference<Double> classesCovered = new AtomicReference<>(Double.NaN);
    private int bestEpoch;

    public TrainingMeters(MeterRegistry registry) {
        steps = Counter.builder("digitgan.training.steps").description("training steps done").register(registry);
        stepDuration = Timer.builder("digitgan.training.step.duration").description("wall time of a step")
                .register(registry);
        nanGuardTrips = Counter.builder("digitgan.training.nan.guard.trips")
                .description("runs stopped because a loss became NaN or infinite").register(registry);
        runsFailed = Counter.builder("digitgan.training.runs.failed").description("runs that ended FAILED")
                .register(registry);
        registry.gauge("digitgan.training.epoch", epoch);
        registry.gauge("digitgan.training.images.per.second", imagesPerSecond);
        registry.gauge("digitgan.training.running", running);
        gauge(registry, "digitgan.training.last.step.timestamp.seconds", lastStepSeconds,
                "when the newest training step ended (Unix seconds)");
        gauge(registry, "digitgan.training.generator.loss", genLoss, "the generator's mean loss, last epoch");
        gauge(registry, "digitgan.training.discriminator.loss", discLoss, "the discriminator's mean loss, last epoch");
        gauge(registry, "digitgan.training.d.real", dReal, "the discriminator's mean output on real images, last epoch");
        gauge(registry, "digitgan.training.d.fake", dFake,
                "the discriminator's mean output on generated images, D(G(z)), last epoch");
        gauge(registry, "digitgan.training.fid", fid, "FID of the served weights at the newest measured epoch");
        gauge(registry, "digitgan.training.best.fid", bestFid, "the run's lowest FID so far");
        gauge(registry, "digitgan.training.epochs.since.best", epochsSinceBest,
                "measured epochs since the run's best FID");
        gauge(registry, "digitgan.training.class.entropy", classEntropy,
                "entropy of the samples' class histogram over log(classes): 1 uniform, 0 one class");
        gauge(registry, "digitgan.training.classes.covered", classesCovered,
                "classes with at least a tenth of their fair share of the samples");
    }

    private static void gauge(MeterRegistry registry, String name, AtomicReference<Double> value, String description) {
        Gauge.builder(name, value, AtomicReference::get).description(description).register(registry);
    }

    void step(StepMetrics s) {
        steps.increment();
        stepDuration.record(Duration.ofNanos((long) (s.stepMillis() * 1e6)));
        epoch.set(s.epoch());
        imagesPerSecond.set(Math.round(s.imagesPerSecond()));
        lastStepSeconds.set(System.currentTimeMillis() / 1000.0);
    }

    void epoch(EpochMetrics m) {
        epoch.set(m.epoch());
        imagesPerSecond.set(Math.round(m.imagesPerSecond()));
        genLoss.set(m.genLoss());
        discLoss.set(m.discLoss());
        dReal.set(m.dReal());
        dFake.set(m.dFake());
        quality(m.epoch(), Quality.served(m.quality(), m.emaQuality()));
    }

    private synchronized void quality(int epochNow, Quality q) {
        if (q == null) {
            return;
        }
        Double measured = q.comparableFid();
        if (measured != null) {
            fid.set(measured);
            if (bestFid.get().isNaN() || measured <= bestFid.get()) {
                bestFid.set(measured);
                bestEpoch = epochNow;
            }
            epochsSinceBest.set((double) (epochNow - bestEpoch));
        }
        if (q.classCoverage() != null && !q.classCoverage().isEmpty()) {
            classEntropy.set(normalisedEntropy(q.classCoverage()));
            double fairShare = 1.0 / q.classCoverage().size();
            classesCovered.set((double) q.classCoverage().values().stream().filter(v -> v >= fairShare / 10).count());
        }
    }

    /** Entropy of the shares over log(number of classes): 1 when every class is as frequent, 0 for one class. */
    static double normalisedEntropy(Map<String, Double> shares) {
        double total = shares.values().stream().mapToDouble(Double::doubleValue).sum();
        if (total <= 0 || shares.size() < 2) {
            return Double.NaN;
        }
        double h = 0;
        for (double v : shares.values()) {
            double p = v / total;
            if (p > 0) {
                h -= p * Math.log(p);
            }
        }
        return h / Math.log(shares.size());
    }

    /** A run starts or resumes on this trainer: the run's own figures start again. */
    synchronized void runStarted() {
        running.set(1);
        for (AtomicReference<Double> figure : java.util.List.of(genLoss, discLoss, dReal, dFake, fid, bestFid, epochsSinceBest, classEntropy,
                classesCovered)) {
            figure.set(Double.NaN);
        }
        bestEpoch = 0;
        lastStepSeconds.set(System.currentTimeMillis() / 1000.0);
    }

    /** The run ended (or was interrupted); {@code failed} when FAILED, {@code nan} when a loss was not finite. */
    void runEnded(boolean failed, boolean nan) {
        running.set(0);
        if (failed) {
            runsFailed.increment();
        }
        if (nan) {
            nanGuardTrips.increment();
        }
    }
}
