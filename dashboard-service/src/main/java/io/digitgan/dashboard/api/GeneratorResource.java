package io.digitgan.dashboard.api;

import io.digitgan.dashboard.DashboardSettings;
import io.digitgan.service.api.Problem;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The "try it" panel and the serving-model badge: the dashboard server asks the generator-service
 * (digitgan.dashboard.generator-url), so the browser never needs to reach it.
 */
@Path("/api/v1/generator")
@Tag(name = "generator")
public class GeneratorResource {

    /** The generator's answer headers the browser needs: what was drawn, backoff, and a 401's challenge (RFC 9110). */
    private static final String[] FORWARDED_HEADERS = {"X-Seed", "X-Model-Run", "X-Model-Epoch", "Retry-After",
        "X-Digit-Sampling", "X-Digit-Tries", "WWW-Authenticate"};

    private final String base;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public GeneratorResource(DashboardSettings settings) {
        this.base = settings.generatorUrl().replaceAll("/+$", "");
    }

    @GET
    @Path("model")
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "What the generator-service serves (its /api/v1/model)")
    public Response model() {
        return forward("/api/v1/model", MediaType.APPLICATION_JSON);
    }

    @GET
    @Path("digits.png")
    @Produces({"image/png", Problem.MEDIA_TYPE})
    @Operation(summary = "A fresh grid from the generator-service (its count, seed, digit and layout, checked there)")
    public Response digits(@QueryParam("count") String count, @QueryParam("seed") String seed,
            @QueryParam("digit") String digit, @QueryParam("layout") String layout) {
        StringBuilder query = new StringBuilder("/api/v1/digits.png?scale=2");
        append(query, "count", count);
        append(query, "seed", seed);
        append(query, "digit", digit);
        append(query, "layout", layout);
        return forward(query.toString(), "image/png");
    }

    @PUT
    @Path("pin")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "Pin a checkpoint in the generator-service ({\"runId\":\"…\",\"epoch\":\"best\"}): its "
            + "PUT /api/v1/model/pin with the caller's Authorization header, which the generator checks")
    public Response pin(String body, @HeaderParam("Authorization") String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/api/v1/model/pin"))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", MediaType.APPLICATION_JSON)
                .PUT(HttpRequest.BodyPublishers.ofString(body == null ? "" : body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return forward(request, MediaType.APPLICATION_JSON);
    }

    private static void append(StringBuilder query, String name, String value) {
        if (value != null && !value.isBlank()) {
            query.append('&').append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }

    private Response forward(String path, String type) {
        try {
            return forward(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20)), type);
        } catch (IllegalArgumentException e) {
            return Problem.response(500, "Bad generator URL", "digitgan.dashboard.generator-url is not a URL: " + base);
        }
    }

    private Response forward(HttpRequest.Builder request, String type) {
        try {
            HttpResponse<byte[]> r = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            String contentType = r.headers().firstValue("Content-Type").orElse(type);
            Response.ResponseBuilder out = Response.status(r.statusCode()).entity(r.body()).type(contentType);
            for (String header : FORWARDED_HEADERS) {
                r.headers().firstValue(header).ifPresent(v -> out.header(header, v));
            }
            return out.build();
        } catch (java.io.IOException e) {
            return Problem.response(503, "Generator unreachable",
                    "the generator-service at " + base + " does not answer (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Problem.response(503, "Generator unreachable", "interrupted");
        }
    }
}
