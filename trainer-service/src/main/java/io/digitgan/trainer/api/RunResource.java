package io.digitgan.trainer.api;

import io.digitgan.core.config.RunSpec;
import io.digitgan.service.api.Problem;
import io.digitgan.service.security.Roles;
import io.digitgan.trainer.run.RunManager;
import io.digitgan.trainer.run.RunNotFoundException;
import io.digitgan.trainer.run.RunRecord;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The control API: start, list, inspect and stop training runs. */
@Path("/api/v1/runs")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
@Tag(name = "runs")
public class RunResource {

    private final RunManager runs;

    public RunResource(RunManager runs) {
        this.runs = runs;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    @SecurityRequirement(name = Roles.BEARER_SCHEME)
    @Operation(summary = "Start a run", description = "Body: a profile and overrides, e.g. {\"profile\":\"cpu\",\"epochs\":5}"
            + " (no body: the default profile). 409 while a run is active; 400 names bad values.")
    public Response start(@Valid RunSpec request) {
        RunRecord run = runs.start(request == null ? RunSpec.empty() : request);
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
    @RolesAllowed(Roles.OPERATOR)
    @SecurityRequirement(name = Roles.BEARER_SCHEME)
    @Operation(summary = "Stop the active run after its current step (the unfinished epoch is dropped)")
    public Response stop(@PathParam("id") String id) {
        return Response.accepted(runs.stop(id)).build();
    }

    @POST
    @Path("{id}/resume")
    @RolesAllowed(Roles.OPERATOR)
    @SecurityRequirement(name = Roles.BEARER_SCHEME)
    @Operation(summary = "Resume an unfinished run (RUNNING after a crash, or INTERRUPTED) from its newest checkpoint")
    public Response resume(@PathParam("id") String id) {
        return Response.accepted(runs.resume(id)).build();
    }
}
