package io.digitgan.trainer.api;

import io.digitgan.service.api.Problem;
import io.digitgan.trainer.run.InvalidRunConfigException;
import io.digitgan.trainer.run.RunConflictException;
import io.digitgan.trainer.run.RunNotFoundException;
import io.digitgan.trainer.run.RunStoreUnavailableException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The trainer's own errors as problems; everything else is service-common's {@code ProblemMappers}. */
public class RunProblemMappers {

    @ServerExceptionMapper
    public Response invalid(InvalidRunConfigException e, UriInfo uri) {
        return Problem.response(400, "Invalid run configuration", e.getMessage(), uri);
    }

    @ServerExceptionMapper
    public Response conflict(RunConflictException e, UriInfo uri) {
        return Problem.response(409, "Conflict", e.getMessage(), uri);
    }

    /** The store of run records is down or misconfigured (readiness says which setting): try again later. */
    @ServerExceptionMapper
    public Response storeUnavailable(RunStoreUnavailableException e, UriInfo uri) {
        return Problem.of(503, "Checkpoint store unavailable", e.getMessage()).at(uri).toResponse()
                .header("Retry-After", "10").build();
    }

    @ServerExceptionMapper
    public Response notFound(RunNotFoundException e, UriInfo uri) {
        return Problem.response(404, "Not Found", e.getMessage(), uri);
    }
}
