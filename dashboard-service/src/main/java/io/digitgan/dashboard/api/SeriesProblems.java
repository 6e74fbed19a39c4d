package io.digitgan.dashboard.api;

import io.digitgan.dashboard.state.SeriesUnavailableException;
import io.digitgan.service.api.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A run that could not be read from Kafka in time is a 503 to retry, not an error of the dashboard's. */
public class SeriesProblems {

    @ServerExceptionMapper
    public Response unavailable(SeriesUnavailableException e, UriInfo uri) {
        return Response.fromResponse(Problem.response(503, "Run not readable now", e.getMessage(), uri))
                .header("Retry-After", 5).build();
    }
}
