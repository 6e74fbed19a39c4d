package io.digitgan.generator.api;

import io.digitgan.generator.GeneratorSettings;
import io.digitgan.generator.model.CheckpointRejectedException;
import io.digitgan.generator.model.DigitNotFoundException;
import io.digitgan.generator.model.GeneratorBusyException;
import io.digitgan.generator.model.NoModelException;
import io.digitgan.generator.model.UnknownCheckpointException;
import io.digitgan.service.api.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The generator's own errors as problems; everything else is service-common's {@code ProblemMappers}. */
public class GeneratorProblemMappers {

    private final String retryAfter;

    public GeneratorProblemMappers(GeneratorSettings settings) {
        this.retryAfter = Integer.toString(settings.generator().retryAfterSeconds());
    }

    @ServerExceptionMapper
    public Response noModel(NoModelException e, UriInfo uri) {
        return unavailable("No model loaded yet", e.getMessage() + "; retry shortly", retryAfter, uri);
    }

    /** Every forward thread busy and the queue full: come back in a second, not in the usual wait. */
    @ServerExceptionMapper
    public Response busy(GeneratorBusyException e, UriInfo uri) {
        return unavailable("Busy", e.getMessage() + "; retry shortly", "1", uri);
    }

    @ServerExceptionMapper
    public Response digitNotFound(DigitNotFoundException e, UriInfo uri) {
        return unavailable("Digit not found", e.getMessage(), retryAfter, uri);
    }

    @ServerExceptionMapper
    public Response unknownCheckpoint(UnknownCheckpointException e, UriInfo uri) {
        return Problem.response(404, "Unknown checkpoint", e.getMessage(), uri);
    }

    @ServerExceptionMapper
    public Response rejected(CheckpointRejectedException e, UriInfo uri) {
        return Problem.response(409, "Checkpoint rejected", e.getMessage(), uri);
    }

    private static Response unavailable(String title, String detail, String retryAfter, UriInfo uri) {
        return Problem.of(503, title, detail).at(uri).toResponse().header("Retry-After", retryAfter).build();
    }
}
