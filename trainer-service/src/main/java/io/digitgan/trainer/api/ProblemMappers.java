package io.digitgan.trainer.api;

import io.digitgan.trainer.run.RunConflictException;
import io.digitgan.trainer.run.RunNotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error of the API as application/problem+json. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return Problem.response(e.status(), e.title(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response badValue(IllegalArgumentException e) {
        return Problem.response(400, "Invalid run configuration", e.getMessage());
    }

    @ServerExceptionMapper
    public Response conflict(RunConflictException e) {
        return Problem.response(409, "Conflict", e.getMessage());
    }

    @ServerExceptionMapper
    public Response notFound(RunNotFoundException e) {
        return Problem.response(404, "Not found", e.getMessage());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        return Problem.response(status, e.getResponse().getStatusInfo().getReasonPhrase(),
                status == 400 ? "the request body is not valid JSON: " + e.getMessage() : e.getMessage());
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.error("unexpected error", e);
        return Problem.response(500, "Internal error", e.getMessage());
    }
}
