package io.digitgan.dashboard;

import io.digitgan.dashboard.kafka.EventConsumer;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once started; reports whether Kafka is reachable (the page shows what it has meanwhile). */
@Readiness
@ApplicationScoped
public class DashboardReadiness implements HealthCheck {

    private final EventConsumer consumer;

    public DashboardReadiness(EventConsumer consumer) {
        this.consumer = consumer;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("dashboard").up().withData("kafkaConnected", consumer.connected()).build();
    }
}
