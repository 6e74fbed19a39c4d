package io.digitgan.dashboard.api;

import io.digitgan.dashboard.state.DashboardState;
import io.digitgan.dashboard.state.RunComparison;
import io.digitgan.dashboard.state.RunPage;
import io.digitgan.dashboard.state.RunQuery;
import io.digitgan.dashboard.state.RunView;
import io.digitgan.service.api.Problem;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Runs as the dashboard knows them from the topics. */
@Path("/api/v1/runs")
@Tag(name = "runs")
public class RunsResource {

    private final DashboardState state;

    public RunsResource(DashboardState state) {
        this.state = state;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "Runs, newest first (or by best FID): status, device, config, epochs, ETA, best FID; "
            + "filtered by part of the id (q), status, dataset and sweep (its name), paged by offset and limit. "
            + "X-Total-Count: the runs that match; X-Stream-Id: the stream event this snapshot includes, to follow /api/v1/stream from")
    public Response runs(@QueryParam("q") String text, @QueryParam("status") String status,
            @QueryParam("dataset") String dataset, @QueryParam("sweep") String sweep,
            @QueryParam("sort") @DefaultValue(RunQuery.BY_START) @Pattern(regexp = "started|fid",
                    message = "must be started or fid") String sort,
            @QueryParam("offset") @DefaultValue("0") @Min(0) int offset,
            @QueryParam("limit") @Min(1) @Max(1000) Integer limit) {
        long streamId = state.lastId(); // read first: the snapshot below holds at least this much
        RunPage page = state.runs(new RunQuery(blankIsNull(text), blankIsNull(status), blankIsNull(dataset), blankIsNull(sweep), sort, offset,
                limit));
        return Response.ok(page.runs(), MediaType.APPLICATION_JSON).header("X-Stream-Id", streamId)
                .header("X-Total-Count", page.total()).build();
    }

    private static String blankIsNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    @GET
    @Path("compare")
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "Runs side by side (ids=a,b,…): each one's flattened config, the keys that differ, its best "
            + "checkpoint, newest figures, mean images/s and minutes")
    public Response compare(@QueryParam("ids") String ids) {
        List<String> wanted = ids == null ? List.of()
                : Arrays.stream(ids.split(",")).map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
        if (wanted.isEmpty()) {
            return Problem.response(400, "Bad parameter", "ids: one or more run ids, comma-separated");
        }
        List<RunView> views = new ArrayList<>();
        for (String id : wanted) {
            var view = state.run(id);
            if (view.isEmpty()) {
                return Problem.response(404, "Unknown run", "no events of run '" + id + "' were seen");
            }
            views.add(view.get());
        }
        return Response.ok(RunComparison.of(views), MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("{id}")
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "One run: config, status, every EPOCH point, PROGRESS points, SYSTEM figures, checkpoints")
    public Response run(@PathParam("id") String id) {
        return state.run(id).map(v -> Response.ok(v, MediaType.APPLICATION_JSON).build())
                .orElseGet(() -> Problem.response(404, "Unknown run", "no events of run '" + id + "' were seen"));
    }

    @GET
    @Path("{id}/samples/{epoch}.png")
    @Produces({"image/png", Problem.MEDIA_TYPE})
    @Operation(summary = "The sample grid of an epoch")
    public Response sample(@PathParam("id") String id, @PathParam("epoch") @NotNull @Min(0) Integer epoch) {
        return state.sample(id, epoch)
                .map(png -> Response.ok(png, "image/png").header("Cache-Control", "max-age=86400").build())
                .orElseGet(() -> Problem.response(404, "No sample", "run '" + id + "' has no sample grid of epoch " + epoch));
    }
}
