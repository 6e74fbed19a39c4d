package io.digitgan.dashboard.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready means the history is there: DOWN until the replay at start has read every topic to where
 * it ended when the replay began, so a new replica behind a Service never answers "no runs yet"
 * for runs the topics hold. Once caught up it stays UP (a broker outage later is KafkaReadiness').
 */
@Readiness
@ApplicationScoped
public class HistoryReadiness implements HealthCheck {

    private final HistoryReplay replay;

    public HistoryReadiness(HistoryReplay replay) {
        this.replay = replay;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("history").status(replay.caughtUp()).withData("replayed", replay.replayed())
                .withData("of", replay.total()).build();
    }
}
