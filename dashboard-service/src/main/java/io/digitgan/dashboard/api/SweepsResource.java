package io.digitgan.dashboard.api;

import io.digitgan.dashboard.state.DashboardState;
import io.digitgan.dashboard.state.SweepSummary;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The sweeps the runs were trained in: what the run list's sweep filter offers. */
@Path("/api/v1/sweeps")
@Tag(name = "runs")
public class SweepsResource {

    private final DashboardState state;

    public SweepsResource(DashboardState state) {
        this.state = state;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Every sweep with runs, the newest first: its runs, how many train now, its best FID and run; "
            + "GET /api/v1/runs?sweep=<name> lists them")
    public List<SweepSummary> sweeps() {
        return state.sweeps();
    }
}
