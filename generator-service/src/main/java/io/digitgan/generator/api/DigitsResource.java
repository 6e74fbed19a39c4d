package io.digitgan.generator.api;

import io.digitgan.generator.GeneratorSettings;
import io.digitgan.generator.model.DigitRenderer;
import io.digitgan.generator.model.GeneratorBusyException;
import io.digitgan.generator.model.LoadedModel;
import io.digitgan.generator.model.ModelService;
import io.digitgan.service.api.Problem;
import io.digitgan.service.api.ProblemException;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Generated digits. Without a seed a random one is drawn and returned in {@code X-Seed}; with
 * one, the same request on the same checkpoint gives the same bytes, and a matching
 * {@code If-None-Match} gets 304.
 */
@Path("/api/v1")
@Tag(name = "digits")
public class DigitsResource {

    static final String PNG = "image/png";

    private final ModelService models;
    private final DigitRenderer renderer;
    private final GeneratorSettings.Generator settings;

    public DigitsResource(ModelService models, DigitRenderer renderer, GeneratorSettings settings) {
        this.models = models;
        this.renderer = renderer;
        this.settings = settings.generator();
    }

    /** What one digit of the JSON answer holds. */
    public record Digit(long seed, String png) {}

    /** The JSON answer. */
    public record Digits(String runId, int epoch, long seed, List<Digit> digits) {}

    /** The largest grid, image scale and interpolation an answer may have (shown in OpenAPI). */
    static final int MAX_COUNT = 256;
    static final int MAX_SCALE = 8;
    static final int MAX_STEPS = 32;

    @GET
    @Path("digits.png")
    @Produces({PNG, Problem.MEDIA_TYPE})
    @Operation(summary = "A grid of generated digits as one PNG")
    public Response grid(@QueryParam("count") @Min(1) @Max(MAX_COUNT) Integer count,
            @QueryParam("seed") Long seed,
            @QueryParam("columns") @Min(1) @Max(MAX_COUNT) @Parameter(description = "default: min(8, count)") Integer columns,
            @QueryParam("scale") @Min(1) @Max(MAX_SCALE) Integer scale,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        int n = orDefault(count, 64);
        int cols = orDefault(columns, Math.min(8, n));
        int s = orDefault(scale, 1);
        return image(seed, ifNoneMatch, "grid-" + n + "-" + cols + "-" + s,
                (model, z) -> renderer.grid(model, z, n, cols, s));
    }

    @GET
    @Path("digits/{seed}.png")
    @Produces({PNG, Problem.MEDIA_TYPE})
    @Operation(summary = "One digit, by its latent seed")
    public Response one(@PathParam("seed") @NotNull Long seed, @QueryParam("scale") @Min(1) @Max(MAX_SCALE) Integer scale,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        int s = orDefault(scale, 4);
        return image(seed, ifNoneMatch, "one-" + s, (model, z) -> renderer.single(renderer.images(model, z, 1), 0, s));
    }

    @GET
    @Path("interpolation.png")
    @Produces({PNG, Problem.MEDIA_TYPE})
    @Operation(summary = "A strip walking the latent space (spherically) from one seed to another")
    public Response interpolation(@QueryParam("from") Long from, @QueryParam("to") Long to,
            @QueryParam("steps") @Min(2) @Max(MAX_STEPS) Integer steps,
            @QueryParam("scale") @Min(1) @Max(MAX_SCALE) Integer scale,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        int n = orDefault(steps, 10);
        int s = orDefault(scale, 2);
        long start = from != null ? from : randomSeed();
        long end = to != null ? to : randomSeed();
        boolean fixed = from != null && to != null;
        return image(start, fixed ? ifNoneMatch : null, "interp-" + start + "-" + end + "-" + n + "-" + s,
                (model, z) -> renderer.interpolation(model, start, end, n, s), fixed,
                Map.of("X-Seed-From", Long.toString(start), "X-Seed-To", Long.toString(end)));
    }

    @GET
    @Path("digits")
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "Digits as JSON: each one's PNG (base64), latent seed, and the model")
    public Response digits(@QueryParam("count") @Min(1) @Max(MAX_COUNT) Integer count, @QueryParam("seed") Long seed,
            @QueryParam("scale") @Min(1) @Max(MAX_SCALE) Integer scale) {
        int n = orDefault(count, 16);
        int size = orDefault(scale, 1);
        long s = seed != null ? seed : randomSeed();
        Digits body = serve(model -> {
            float[] images = renderer.images(model, s, n);
            List<Digit> digits = new ArrayList<>(n);
            Base64.Encoder b64 = Base64.getEncoder();
            for (int i = 0; i < n; i++) {
                digits.add(new Digit(s + i, b64.encodeToString(renderer.single(images, i, size))));
            }
            return new Digits(model.runId(), model.epoch(), s, digits);
        });
        return Response.ok(body, MediaType.APPLICATION_JSON).header("X-Seed", s)
                .header("X-Model-Run", body.runId()).header("X-Model-Epoch", body.epoch()).build();
    }

    private static int orDefault(Integer value, int defaultValue) {
        return value != null ? value : defaultValue;
    }

    private Response image(Long seed, String ifNoneMatch, String variant,
            java.util.function.BiFunction<LoadedModel, Long, byte[]> render) {
        return image(seed != null ? seed : randomSeed(), seed != null ? ifNoneMatch : null, variant, render,
                seed != null, Map.of());
    }

    private Response image(long seed, String ifNoneMatch, String variant,
            java.util.function.BiFunction<LoadedModel, Long, byte[]> render, boolean cacheable,
            Map<String, String> extraHeaders) {
        return serve(model -> {
            EntityTag tag = new EntityTag(model.servedSha256().substring(0, 16) + "-" + variant + "-" + seed);
            Response.ResponseBuilder response;
            if (cacheable && ifNoneMatch != null && matches(ifNoneMatch, tag)) {
                response = Response.notModified(tag);
            } else {
                response = Response.ok(render.apply(model, seed), PNG).tag(tag);
            }
            response.header("X-Seed", seed).header("X-Model-Run", model.runId()).header("X-Model-Epoch", model.epoch());
            extraHeaders.forEach(response::header);
            return response.build();
        });
    }

    private static boolean matches(String ifNoneMatch, EntityTag tag) {
        String quoted = "\"" + tag.getValue() + "\"";
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.trim();
            if (c.equals("*") || c.equals(quoted) || c.equals("W/" + quoted)) {
                return true;
            }
        }
        return false;
    }

    private <T> T serve(Function<LoadedModel, T> work) {
        try {
            return models.withModel(work).orElseThrow(() -> new ProblemException(503,
                    "No model loaded yet", "the generator has not loaded a checkpoint yet; retry shortly",
                    Map.of("Retry-After", Integer.toString(settings.retryAfterSeconds()))));
        } catch (GeneratorBusyException e) {
            throw new ProblemException(503, "Busy", e.getMessage() + "; retry shortly", Map.of("Retry-After", "1"));
        }
    }

    private static long randomSeed() {
        return ThreadLocalRandom.current().nextLong(0, 1L << 53);
    }
}
