package io.digitgan.generator.health;

import io.digitgan.generator.model.ModelService;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only once a model is loaded: before that every image request would get 503. */
@Readiness
@ApplicationScoped
public class ModelReadiness implements HealthCheck {

    private final ModelService models;

    public ModelReadiness(ModelService models) {
        this.models = models;
    }

    @Override
    public HealthCheckResponse call() {
        var builder = HealthCheckResponse.named("model");
        return models.current().map(m -> builder.up().withData("runId", m.runId()).withData("epoch", m.epoch()).build())
                .orElseGet(() -> builder.down().withData("reason", "no checkpoint loaded yet").build());
    }
}
