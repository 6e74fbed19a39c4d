package io.digitgan.dashboard.api;

import io.digitgan.dashboard.DashboardSettings;
import io.digitgan.service.api.Problem;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.function.Supplier;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;

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

    private final GeneratorClient generator;
    private final String base;

    public GeneratorResource(@RestClient GeneratorClient generator, DashboardSettings settings) {
        this.generator = generator;
        this.base = settings.generatorUrl();
    }

    @GET
    @Path("model")
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "What the generator-service serves (its /api/v1/model)")
    public Response model() {
        return forward(generator::model);
    }

    @GET
    @Path("digits.png")
    @Produces({"image/png", Problem.MEDIA_TYPE})
    @Operation(summary = "A fresh grid from the generator-service (its count, seed, digit and layout, checked there)")
    public Response digits(@QueryParam("count") String count, @QueryParam("seed") String seed,
            @QueryParam("digit") String digit, @QueryParam("layout") String layout) {
        return forward(() -> generator.digits(2, blankIsAbsent(count), blankIsAbsent(seed), blankIsAbsent(digit),
                blankIsAbsent(layout)));
    }

    @PUT
    @Path("pin")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "Pin a checkpoint in the generator-service ({\"runId\":\"…\",\"epoch\":\"best\"}): its "
            + "PUT /api/v1/model/pin with the caller's Authorization header, which the generator checks")
    public Response pin(String body, @HeaderParam("Authorization") String authorization) {
        return forward(() -> generator.pin(authorization, body == null ? "" : body));
    }

    private static String blankIsAbsent(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** The generator's answer as it is (status, body, type and the headers the browser needs), or 503 when it does not answer. */
    private Response forward(Supplier<Response> call) {
        try (Response r = call.get()) {
            Response.ResponseBuilder out = Response.status(r.getStatus()).entity(r.readEntity(byte[].class));
            if (r.getMediaType() != null) {
                out.type(r.getMediaType());
            }
            for (String header : FORWARDED_HEADERS) {
                String value = r.getHeaderString(header);
                if (value != null) {
                    out.header(header, value);
                }
            }
            return out.build();
        } catch (ProcessingException e) {
            return Problem.response(503, "Generator unreachable",
                    "the generator-service at " + base + " does not answer: " + why(rootCause(e)));
        }
    }

    /** What went wrong, in words a user reads (no Java type names in answers). */
    static String why(Throwable root) {
        if (root instanceof java.net.ConnectException) {
            return "connection refused (is it running?)";
        }
        if (root instanceof java.net.UnknownHostException) {
            return "unknown host";
        }
        if (root instanceof java.net.SocketTimeoutException || root instanceof java.util.concurrent.TimeoutException) {
            return "no answer in time";
        }
        return "the connection failed";
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
