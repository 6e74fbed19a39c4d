package io.digitgan.trainer.run;

import io.digitgan.core.train.EpochMetrics;
import io.digitgan.core.train.StepMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** Training figures for Prometheus at /q/metrics. */
@ApplicationScoped
public class TrainingMeters {

    private final Counter steps;
    private final Timer stepDuration;
    private final AtomicLong epoch = new AtomicLong();
    private final AtomicLong imagesPerSecond = new AtomicLong();

    public TrainingMeters(MeterRegistry registry) {
        steps = Counter.builder("digitgan.training.steps").description("training steps done").register(registry);
        stepDuration = Timer.builder("digitgan.training.step.duration").description("wall time of a step")
                .register(registry);
        registry.gauge("digitgan.training.epoch", epoch);
        registry.gauge("digitgan.training.images.per.second", imagesPerSecond);
    }

    void step(StepMetrics s) {
        steps.increment();
        stepDuration.record(Duration.ofNanos((long) (s.stepMillis() * 1e6)));
        epoch.set(s.epoch());
        imagesPerSecond.set(Math.round(s.imagesPerSecond()));
    }

    void epoch(EpochMetrics m) {
        epoch.set(m.epoch());
        imagesPerSecond.set(Math.round(m.imagesPerSecond()));
    }
}
