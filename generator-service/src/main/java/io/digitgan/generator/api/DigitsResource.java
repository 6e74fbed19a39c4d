package io.digitgan.generator.api;

import io.digitgan.generator.GeneratorSettings;
import io.digitgan.generator.model.DigitDrawer;
import io.digitgan.generator.model.DigitDrawer.Drawn;
import io.digitgan.generator.model.DigitRenderer;
import io.digitgan.generator.model.LoadedModel;
import io.digitgan.generator.model.ModelService;
import io.digitgan.service.api.Problem;
import io.digitgan.service.api.ProblemException;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
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
    private final DigitDrawer drawer;
    private final GeneratorSettings.Generator settings;

    public DigitsResource(ModelService models, DigitRenderer renderer, DigitDrawer drawer, GeneratorSettings settings) {
        this.models = models;
        this.renderer = renderer;
        this.drawer = drawer;
        this.settings = settings.generator();
    }

    /** What one digit of the JSON answer holds: its latent seed and, when known, its class. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record Digit(long seed, String png, Integer digit, String className) {}

    /** The JSON answer; {@code sampling}: how the classes were met (conditional, rejection), absent when none asked. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record Digits(String runId, int epoch, long seed, List<Digit> digits, String sampling, Integer tries,
            List<String> classes) {}

    /** The largest grid, image scale and interpolation an answer may have (shown in OpenAPI). */
    static final int MAX_COUNT = 256;
    static final int MAX_SCALE = 8;
    static final int MAX_STEPS = 32;
    /** The most images per class of {@code layout=classes} (ten rows of it). */
    static final int MAX_PER_CLASS = 25;
    static final String LAYOUTS = "grid|classes";

    @GET
    @Path("digits.png")
    @Produces({PNG, Problem.MEDIA_TYPE})
    @Operation(summary = "A grid of generated digits as one PNG; digit= asks for one digit, layout=classes for a row per digit")
    public Response grid(@QueryParam("count") @Min(1) @Max(MAX_COUNT)
            @Parameter(description = "images (64); with layout=classes: per row, 1.." + MAX_PER_CLASS + " (8)") Integer count,
            @QueryParam("seed") Long seed,
            @QueryParam("columns") @Min(1) @Max(MAX_COUNT) @Parameter(description = "default: min(8, count)") Integer columns,
            @QueryParam("scale") @Min(1) @Max(MAX_SCALE) Integer scale,
            @QueryParam("digit") @Min(0) @Max(9) @Parameter(description = "only this digit (class)") Integer digit,
            @QueryParam("layout") @Pattern(regexp = LAYOUTS, message = "must be grid or classes")
            @Parameter(description = "grid (the default) or classes: one row per class, count per row") String layout,
            @Context Request request) {
        int s = orDefault(scale, 1);
        if (byClass(layout)) {
            int perRow = perClass(count, digit);
            return image(request, seed, "classes-" + perRow + "-" + s, (model, z, headers) -> {
                Drawn drawn = told(drawer.rows(model, z, perRow), headers);
                return renderer.grid(drawn.images(), drawn.count(), perRow, s);
            });
        }
        int n = orDefault(count, 64);
        int cols = orDefault(columns, Math.min(8, n));
        return image(request, seed, "grid-" + n + "-" + cols + "-" + s + digitTag(digit),
                (model, z, headers) -> renderer.grid(told(drawer.draw(model, z, n, digit), headers).images(), n, cols, s));
    }

    @GET
    @Path("digits/{seed}.png")
    @Produces({PNG, Problem.MEDIA_TYPE})
    @Operation(summary = "One digit, by its latent seed (with digit=: that digit)")
    public Response one(@PathParam("seed") @NotNull Long seed, @QueryParam("scale") @Min(1) @Max(MAX_SCALE) Integer scale,
            @QueryParam("digit") @Min(0) @Max(9) @Parameter(description = "only this digit (class)") Integer digit,
            @Context Request request) {
        int s = orDefault(scale, 4);
        return image(request, seed, "one-" + s + digitTag(digit),
                (model, z, headers) -> renderer.single(told(drawer.draw(model, z, 1, digit), headers).images(), 0, s));
    }

    @GET
    @Path("interpolation.png")
    @Produces({PNG, Problem.MEDIA_TYPE})
    @Operation(summary = "A strip walking the latent space (spherically) from one seed to another; with fromDigit and"
            + " toDigit, a conditional model's walk from one digit to another at the latent of seed 'from'")
    public Response interpolation(@QueryParam("from") Long from, @QueryParam("to") Long to,
            @QueryParam("steps") @Min(2) @Max(MAX_STEPS) Integer steps,
            @QueryParam("scale") @Min(1) @Max(MAX_SCALE) Integer scale,
            @QueryParam("digit") @Min(0) @Max(9) @Parameter(description = "a conditional model's digit all along") Integer digit,
            @QueryParam("fromDigit") @Min(0) @Max(9) Integer fromDigit,
            @QueryParam("toDigit") @Min(0) @Max(9) Integer toDigit,
            @Context Request request) {
        int n = orDefault(steps, 10);
        int s = orDefault(scale, 2);
        long start = from != null ? from : randomSeed();
        if (fromDigit != null || toDigit != null) {
            if (fromDigit == null || toDigit == null || to != null || digit != null) {
                throw new ProblemException(400, "Invalid parameter 'toDigit'",
                        "a walk between digits takes fromDigit and toDigit together, at the latent of seed 'from' (no 'to', no 'digit')");
            }
            return image(request, start, "walk-" + start + "-" + fromDigit + "-" + toDigit + "-" + n + "-" + s,
                    (model, z, headers) -> {
                        requireConditional(model, "fromDigit");
                        headers.put(SAMPLING, DigitDrawer.CONDITIONAL);
                        return renderer.classInterpolation(model, start, fromDigit, toDigit, n, s);
                    }, from != null, Map.of("X-Seed-From", Long.toString(start)));
        }
        long end = to != null ? to : randomSeed();
        boolean fixed = from != null && to != null;
        return image(request, start, "interp-" + start + "-" + end + "-" + n + "-" + s + digitTag(digit),
                (model, z, headers) -> {
                    if (digit != null) {
                        requireConditional(model, "digit");
                        headers.put(SAMPLING, DigitDrawer.CONDITIONAL);
                    }
                    return renderer.interpolation(model, start, end, n, s, digit);
                }, fixed, Map.of("X-Seed-From", Long.toString(start), "X-Seed-To", Long.toString(end)));
    }

    @GET
    @Path("digits")
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "Digits as JSON: each one's PNG (base64), latent seed and class, and the model")
    public Response digits(@QueryParam("count") @Min(1) @Max(MAX_COUNT)
            @Parameter(description = "images (16); with layout=classes: per class, 1.." + MAX_PER_CLASS + " (8)") Integer count,
            @QueryParam("seed") Long seed,
            @QueryParam("scale") @Min(1) @Max(MAX_SCALE) Integer scale,
            @QueryParam("digit") @Min(0) @Max(9) @Parameter(description = "only this digit (class)") Integer digit,
            @QueryParam("layout") @Pattern(regexp = LAYOUTS, message = "must be grid or classes") String layout) {
        boolean rows = byClass(layout);
        int n = rows ? perClass(count, digit) : orDefault(count, 16);
        int size = orDefault(scale, 1);
        long s = seed != null ? seed : randomSeed();
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        Digits body = models.serve(model -> {
            Drawn drawn = told(rows ? drawer.rows(model, s, n) : drawer.draw(model, s, n, digit), headers);
            List<String> names = model.classNames();
            int total = drawn.count();
            List<Digit> digits = new ArrayList<>(total);
            Base64.Encoder b64 = Base64.getEncoder();
            for (int i = 0; i < total; i++) {
                Integer label = drawn.labels() == null ? null : drawn.labels()[i];
                String name = label == null ? null : names.get(label);
                digits.add(new Digit(drawn.seeds()[i], b64.encodeToString(renderer.single(drawn.images(), i, size)), label, name));
            }
            return new Digits(model.runId(), model.epoch(), s, digits, drawn.sampling(),
                    DigitDrawer.REJECTION.equals(drawn.sampling()) ? drawn.tries() : null, names);
        });
        Response.ResponseBuilder response = Response.ok(body, MediaType.APPLICATION_JSON).header("X-Seed", s)
                .header("X-Model-Run", body.runId()).header("X-Model-Epoch", body.epoch());
        headers.forEach(response::header);
        return response.build();
    }

    static final String SAMPLING = "X-Digit-Sampling";
    static final String TRIES = "X-Digit-Tries";

    /** What the client is told of how the digits were met: X-Digit-Sampling and, for rejection, X-Digit-Tries. */
    private static Drawn told(Drawn drawn, Map<String, String> headers) {
        if (drawn.sampling() != null) {
            headers.put(SAMPLING, drawn.sampling());
        }
        if (DigitDrawer.REJECTION.equals(drawn.sampling())) {
            headers.put(TRIES, Integer.toString(drawn.tries()));
        }
        return drawn;
    }

    private static boolean byClass(String layout) {
        return "classes".equals(layout);
    }

    /** The images per class of {@code layout=classes}: 1..MAX_PER_CLASS, and no digit (every digit has its row). */
    private static int perClass(Integer count, Integer digit) {
        if (digit != null) {
            throw new ProblemException(400, "Invalid parameter 'digit'", "layout=classes draws every digit: leave digit out");
        }
        int n = orDefault(count, 8);
        if (n > MAX_PER_CLASS) {
            throw new ProblemException(400, "Invalid parameter 'count'",
                    "with layout=classes count is per class and must be at most " + MAX_PER_CLASS + ", not " + n);
        }
        return n;
    }

    private static void requireConditional(LoadedModel model, String parameter) {
        if (!model.conditional()) {
            throw new ProblemException(422, "Not a conditional model", parameter + " needs a conditional model; the one"
                    + " served (" + model.runId() + " epoch " + model.epoch() + ") draws any digit");
        }
    }

    private static String digitTag(Integer digit) {
        return digit == null ? "" : "-d" + digit;
    }

    private static int orDefault(Integer value, int defaultValue) {
        return value != null ? value : defaultValue;
    }

    /** Draws an image for a model and seed, putting what the client should know into the headers. */
    @FunctionalInterface
    interface Render {
        byte[] apply(LoadedModel model, long seed, Map<String, String> headers);
    }

    private Response image(Request request, Long seed, String variant, Render render) {
        return image(request, seed != null ? seed : randomSeed(), variant, render, seed != null, Map.of());
    }

    /**
     * A rendered PNG whose ETag names the served weights, the variant and the seed: a request that
     * names its seed and sends that tag in If-None-Match gets 304 (JAX-RS' preconditions).
     */
    private Response image(Request request, long seed, String variant, Render render, boolean cacheable,
            Map<String, String> extraHeaders) {
        // no model, a full queue, a digit not found: GeneratorProblemMappers
        return models.serve(model -> {
            EntityTag tag = new EntityTag(model.servedSha256().substring(0, 16) + "-" + variant + "-" + seed);
            Map<String, String> headers = new java.util.LinkedHashMap<>(extraHeaders);
            Response.ResponseBuilder response = cacheable ? request.evaluatePreconditions(tag) : null;
            if (response == null) {
                response = Response.ok(render.apply(model, seed, headers), PNG).tag(tag);
            }
            response.header("X-Seed", seed).header("X-Model-Run", model.runId()).header("X-Model-Epoch", model.epoch());
            headers.forEach(response::header);
            return response.build();
        });
    }

    private static long randomSeed() {
        return ThreadLocalRandom.current().nextLong(0, 1L << 53);
    }
}
