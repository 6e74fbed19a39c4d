package io.digitgan.service.api;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A request body is refused before a byte of it is read when it is larger than the services take
 * ({@code quarkus.http.limits.max-body-size}; every body here is a small JSON document): 413
 * problem+json naming the limit, and 411 for a body of unknown length (chunked), which the
 * framework would otherwise read whole before refusing. The connection is closed after the
 * answer, so what the client still sends is never read.
 */
@ApplicationScoped
public class BodyLimit {

    static final String SETTING = "quarkus.http.limits.max-body-size";

    private final long limit;

    public BodyLimit(@ConfigProperty(name = SETTING, defaultValue = "64K") MemorySize limit) {
        this.limit = limit.asLongValue();
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE / 2).handler(this::check); // before the framework's own check
    }

    private void check(RoutingContext context) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        String encoding = context.request().getHeader(HttpHeaders.TRANSFER_ENCODING);
        if (length != null) {
            long bytes = parse(length);
            if (bytes > limit) {
                refuse(context, 413, "Content Too Large", "the body is " + bytes + " bytes; at most " + limit
                        + " are accepted (" + SETTING + ")");
                return;
            }
        } else if (encoding != null && encoding.toLowerCase(java.util.Locale.ROOT).contains("chunked")) {
            refuse(context, 411, "Length Required", "send the body with a Content-Length (at most " + limit
                    + " bytes are accepted)");
            return;
        }
        context.next();
    }

    private static long parse(String length) {
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE; // not a length: the server's own parser refuses it first
        }
    }

    private static void refuse(RoutingContext context, int status, String title, String detail) {
        String path = context.normalizedPath();
        context.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(Json.encode(Problem.of(status, title, detail).at(path)))
                .onComplete(done -> context.request().connection().close()); // read nothing more of it
    }
}
