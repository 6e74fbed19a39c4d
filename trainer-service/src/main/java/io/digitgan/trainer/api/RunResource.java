package io.digitgan.trainer.api;

import io.digitgan.trainer.run.RunManager;
import io.digitgan.trainer.run.RunNotFoundException;
import io.digitgan.trainer.run.RunRecord;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The control API: start, list, inspect and stop training runs. */
@Path("/api/v1/runs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "runs")
public class RunResource {

    private final RunManager runs;
    private final TokenGuard guard;

    public RunResource(RunManager runs, TokenGuard guard) {
        this.runs = runs;
        this.guard = guard;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start a run", description = "Body: config overrides, e.g. {\"profile\":\"cpu\",\"epochs\":5}. "
            + "409 while a run is active; 400 names bad values. Needs the bearer token.")
    public Response start(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, Map<String, Object> body) {
        guard.check(authorization);
        RunRecord run = runs.start(body);
        return Response.created(URI.create("/api/v1/runs/" + run.runId())).entity(run).build();
    }

    @GET
    @Operation(summary = "All runs, newest first")
    public List<RunRecord> list() {
        return runs.list();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One run: status, config, last epoch and checkpoint")
    public RunRecord get(@PathParam("id") String id) {
        return runs.find(id).orElseThrow(() -> new RunNotFoundException(id));
    }

    @POST
    @Path("{id}/stop")
    @Operation(summary = "Stop the active run after its current step (the unfinished epoch is dropped)")
    public Response stop(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") String id) {
        guard.check(authorization);
        return Response.accepted(runs.stop(id)).build();
    }
}
