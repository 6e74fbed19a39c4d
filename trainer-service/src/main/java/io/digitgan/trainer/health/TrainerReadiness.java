package io.digitgan.trainer.health;

import io.digitgan.trainer.messaging.EventPublisher;
import io.digitgan.trainer.run.RunManager;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once started. Kafka being down does not make the trainer unready: it trains on and buffers
 * events; the check reports it.
 */
@Readiness
@ApplicationScoped
public class TrainerReadiness implements HealthCheck {

    private final RunManager runs;
    private final EventPublisher publisher;

    public TrainerReadiness(RunManager runs, EventPublisher publisher) {
        this.runs = runs;
        this.publisher = publisher;
    }

    @Override
    public HealthCheckResponse call() {
        var active = runs.activeRun();
        return HealthCheckResponse.named("trainer").up()
                .withData("activeRun", active.map(RunManager.ActiveRun::runId).orElse("none"))
                .withData("kafkaConnected", publisher.connected())
                .withData("bufferedEvents", publisher.buffered())
                .build();
    }
}
