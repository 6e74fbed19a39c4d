package io.digitgan.generator.api;

import io.digitgan.generator.GeneratorSettings;
import io.digitgan.generator.model.DigitRenderer;
import io.digitgan.generator.model.LoadedModel;
import io.digitgan.generator.model.ModelService;
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
    private final GeneratorSettings.Generator limits;

    public DigitsResource(ModelService models, DigitRenderer renderer, GeneratorSettings settings) {
        this.models = models;
        this.renderer = renderer;
        this.limits = settings.generator();
    }

    /** What one digit of the JSON answer holds. */
    public record Digit(long seed, String png) {}

    /** The JSON answer. */
    public record Digits(String runId, int epoch, long seed, List<Digit> digits) {}

    @GET
    @Path("digits.png")
    @Produces({PNG, Problem.MEDIA_TYPE})
    @Operation(summary = "A grid of generated digits as one PNG")
    public Response grid(@QueryParam("count") String countParam, @QueryParam("seed") String seedParam,
            @QueryParam("columns") String columnsParam, @QueryParam("scale") String scaleParam,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        int count = QueryParams.intParam("count", countParam, 64, 1, limits.maxCount());
        int columns = QueryParams.intParam("columns", columnsParam, Math.min(8, count), 1, limits.maxCount());
        int scale = QueryParams.intParam("scale", scaleParam, 1, 1, limits.maxScale());
        Long seed = QueryParams.seed("seed", seedParam);
        return image(seed, ifNoneMatch, "grid-" + count + "-" + columns + "-" + scale,
                (model, s) -> renderer.grid(model, s, count, columns, scale));
    }

    @GET
    @Path("digits/{seed}.png")
    @Produces({PNG, Problem.MEDIA_TYPE})
    @Operation(summary = "One digit, by its latent seed")
    public Response one(@PathParam("seed") String seedParam, @QueryParam("scale") String scaleParam,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        long seed = QueryParams.seed("seed", seedParam);
        int scale = QueryParams.intParam("scale", scaleParam, 4, 1, limits.maxScale());
        return image(seed, ifNoneMatch, "one-" + scale,
                (model, s) -> renderer.single(renderer.images(model, s, 1), 0, scale));
    }

    @GET
    @Path("interpolation.png")
    @Produces({PNG, Problem.MEDIA_TYPE})
    @Operation(summary = "A strip walking the latent space (spherically) from one seed to another")
    public Response interpolation(@QueryParam("from") String fromParam, @QueryParam("to") String toParam,
            @QueryParam("steps") String stepsParam, @QueryParam("scale") String scaleParam,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        Long from = QueryParams.seed("from", fromParam);
        Long to = QueryParams.seed("to", toParam);
        int steps = QueryParams.intParam("steps", stepsParam, 10, 2, limits.maxSteps());
        int scale = QueryParams.intParam("scale", scaleParam, 2, 1, limits.maxScale());
        long start = from != null ? from : randomSeed();
        long end = to != null ? to : randomSeed();
        boolean fixed = from != null && to != null;
        return image(start, fixed ? ifNoneMatch : null, "interp-" + start + "-" + end + "-" + steps + "-" + scale,
                (model, s) -> renderer.interpolation(model, start, end, steps, scale), fixed,
                Map.of("X-Seed-From", Long.toString(start), "X-Seed-To", Long.toString(end)));
    }

    @GET
    @Path("digits")
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "Digits as JSON: each one's PNG (base64), latent seed, and the model")
    public Response digits(@QueryParam("count") String countParam, @QueryParam("seed") String seedParam,
            @QueryParam("scale") String scaleParam) {
        int count = QueryParams.intParam("count", countParam, 16, 1, limits.maxCount());
        int scale = QueryParams.intParam("scale", scaleParam, 1, 1, limits.maxScale());
        Long seed = QueryParams.seed("seed", seedParam);
        long s = seed != null ? seed : randomSeed();
        Digits body = serve(model -> {
            float[] images = renderer.images(model, s, count);
            List<Digit> digits = new ArrayList<>(count);
            Base64.Encoder b64 = Base64.getEncoder();
            for (int i = 0; i < count; i++) {
                digits.add(new Digit(s + i, b64.encodeToString(renderer.single(images, i, scale))));
            }
            return new Digits(model.runId(), model.epoch(), s, digits);
        });
        return Response.ok(body, MediaType.APPLICATION_JSON).header("X-Seed", s)
                .header("X-Model-Run", body.runId()).header("X-Model-Epoch", body.epoch()).build();
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
        return models.withModel(work).orElseThrow(() -> new ProblemException(503, "No model loaded yet",
                "the generator has not loaded a checkpoint yet; retry shortly",
                Map.of("Retry-After", Integer.toString(limits.retryAfterSeconds()))));
    }

    private static long randomSeed() {
        return ThreadLocalRandom.current().nextLong(0, 1L << 53);
    }
}
