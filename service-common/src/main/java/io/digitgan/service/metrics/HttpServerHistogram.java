package io.digitgan.service.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.stream.LongStream;

/**
 * HTTP request durations as a histogram with a dozen fixed buckets
 * ({@code http_server_requests_seconds_bucket}), so Prometheus can compute a p99 across replicas
 * (the "digits p99" alert and the serving dashboard); a few fixed buckets keep the series per
 * route small, where Micrometer's percentile histogram would add about seventy.
 */
public class HttpServerHistogram {

    static final long[] BUCKET_MILLIS = {5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000};

    @Produces
    @Singleton
    MeterFilter httpServerBuckets() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!id.getName().equals("http.server.requests")) {
                    return config;
                }
                double[] slos = LongStream.of(BUCKET_MILLIS).mapToDouble(ms -> Duration.ofMillis(ms).toNanos()).toArray();
                return DistributionStatisticConfig.builder().serviceLevelObjectives(slos).build().merge(config);
            }
        };
    }
}
