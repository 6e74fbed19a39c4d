package io.digitgan.generator.model;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * What the batcher does, for Prometheus: queue depth (now, and as each request found it), time
 * waited for a forward, images and requests per forward, forward time, refusals. The
 * distributions carry histogram buckets (for {@code histogram_quantile}) and p50/p90/p99.
 */
@ApplicationScoped
public class BatchMetrics {

    private final MeterRegistry registry;
    private final DistributionSummary depthOnArrival;
    private final DistributionSummary images;
    private final DistributionSummary requests;
    private final Timer wait;
    private final Timer forward;
    private final Counter refusedFull;
    private final Counter refusedTimeout;

    public BatchMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.depthOnArrival = summary("digitgan.generator.queue.depth.on.arrival",
                "requests waiting when a request arrived, itself included", 1, 1024);
        this.images = summary("digitgan.generator.batch.images", "images per forward pass (before padding)", 1, 512);
        this.requests = summary("digitgan.generator.batch.requests", "requests per forward pass", 1, 512);
        this.wait = timer("digitgan.generator.queue.wait", "time from arrival to the start of a request's forward pass");
        this.forward = timer("digitgan.generator.inference", "generator forward passes");
        this.refusedFull = refusedCounter("full");
        this.refusedTimeout = refusedCounter("timeout");
    }

    void watchDepth(InferenceBatcher batcher, ToDoubleFunction<InferenceBatcher> depth) {
        registry.gauge("digitgan.generator.queue.depth", java.util.List.of(), batcher, depth);
    }

    void arrived(int depth) {
        depthOnArrival.record(depth);
    }

    void waited(long nanos) {
        wait.record(nanos, TimeUnit.NANOSECONDS);
    }

    void batched(int imageCount, int requestCount) {
        images.record(imageCount);
        requests.record(requestCount);
    }

    float[] forward(Supplier<float[]> pass) {
        return forward.record(pass);
    }

    /** A request refused because the queue was full. */
    void refusedFull() {
        refusedFull.increment();
    }

    /** A request refused because its forward pass did not start within the queue timeout. */
    void refusedTimeout() {
        refusedTimeout.increment();
    }

    private Counter refusedCounter(String reason) {
        return Counter.builder("digitgan.generator.requests.refused").tag("reason", reason)
                .description("requests refused with 503: queue full or waited too long").register(registry);
    }

    private DistributionSummary summary(String name, String description, double min, double max) {
        return DistributionSummary.builder(name).description(description).publishPercentiles(0.5, 0.9, 0.99)
                .publishPercentileHistogram().minimumExpectedValue(min).maximumExpectedValue(max).register(registry);
    }

    private Timer timer(String name, String description) {
        return Timer.builder(name).description(description).publishPercentiles(0.5, 0.9, 0.99)
                .publishPercentileHistogram().minimumExpectedValue(java.time.Duration.ofNanos(100_000))
                .maximumExpectedValue(java.time.Duration.ofSeconds(10)).register(registry);
    }
}
