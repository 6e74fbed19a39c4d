package io.digitgan.generator.api;

import io.digitgan.core.checkpoint.CheckpointManifest;
import io.digitgan.core.config.GanConfig;
import io.digitgan.events.Quality;
import io.digitgan.generator.model.CheckpointRejectedException;
import io.digitgan.generator.model.LoadedModel;
import io.digitgan.generator.model.ModelService;
import io.digitgan.generator.model.Pin;
import io.digitgan.service.api.ProblemException;
import io.digitgan.service.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Which checkpoint serves, and pinning (rollback) to another. */
@Path("/api/v1/model")
@Produces({MediaType.APPLICATION_JSON, io.digitgan.service.api.Problem.MEDIA_TYPE})
@Tag(name = "model")
public class ModelResource {

    private final ModelService models;

    public ModelResource(ModelService models) {
        this.models = models;
    }

    /**
     * The serving model. {@code weights}: {@code ema} (the averaged generator) or {@code raw};
     * {@code servedSha256} is that file's sha256; {@code quality} and {@code emaQuality} are the
     * raw and averaged generator's figures, {@code servedQuality} those of the served weights;
     * {@code conditional} and {@code classes}: whether and which classes it draws on request, and
     * {@code digitSampling} how {@code digit=} is served (conditional, or rejection sampling);
     * {@code dataset} what it learnt, and {@code classNames} the names of the classes {@code digit=}
     * asks for (the dataset's, also for an unconditional model); {@code promotion} the policy
     * ({@code newest} or {@code gated}) and {@code held} the checkpoints it held back, with why.
     */
    public record ModelInfo(String runId, int epoch, String path, String sha256, Instant loadedAt, GanConfig config,
            Quality quality, String pin, String mode, String weights, String servedSha256, Quality emaQuality,
            Quality servedQuality, boolean conditional, List<String> classes, String digitSampling, String dataset,
            List<String> classNames, String promotion, List<ModelService.Held> held) {}

    /** Body of {@code PUT /api/v1/model/pin}: an epoch number or "best". */
    public record PinRequest(@NotBlank String runId, @NotNull Object epoch) {}

    @GET
    @Operation(summary = "The serving model: run, epoch, sha256, weights served (ema or raw), load time, config,"
            + " quality figures, pin")
    public ModelInfo model() {
        return models.serve(this::info);
    }

    @PUT
    @Path("pin")
    @RolesAllowed(Roles.OPERATOR)
    @SecurityRequirement(name = Roles.BEARER_SCHEME)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Serve one checkpoint ({\"runId\":\"…\",\"epoch\":3} or \"best\") until unpinned: the rollback")
    public ModelInfo pin(@Valid @NotNull PinRequest request) throws CheckpointRejectedException {
        Pin pin;
        try {
            pin = Pin.parse(request.runId() + ":" + request.epoch());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badParameter("epoch", e.getMessage());
        }
        return info(models.pin(pin)); // unknown: 404, rejected: 409 (GeneratorProblemMappers)
    }

    @DELETE
    @Path("pin")
    @RolesAllowed(Roles.OPERATOR)
    @SecurityRequirement(name = Roles.BEARER_SCHEME)
    @Operation(summary = "Follow the newest checkpoint again")
    public Response unpin() {
        models.unpin();
        return Response.noContent().build();
    }

    private ModelInfo info(LoadedModel m) {
        CheckpointManifest manifest = m.manifest();
        return new ModelInfo(m.runId(), m.epoch(), m.path(), m.sha256(), m.loadedAt(), manifest.config(), manifest.quality(),
                models.pin().map(Pin::toString).orElse(null), models.pin().isPresent() ? "pinned" : "following newest",
                m.weights(), m.servedSha256(), manifest.emaQuality(),
                m.averaged() ? manifest.emaQuality() : manifest.quality(), m.conditional(),
                m.conditional() ? m.classNames() : null, m.conditional() ? "conditional" : "rejection", m.dataset().id(),
                m.classNames(), models.gate().policy().name().toLowerCase(java.util.Locale.ROOT), models.held());
    }
}
