package io.digitgan.service.api;

import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * A path that neither a resource nor a static file answers is a problem+json 404, not the HTTP
 * server's HTML page: the last route of the router.
 */
@ApplicationScoped
public class ProblemNotFoundRoute {

    void install(@Observes Router router) {
        router.route().order(Integer.MAX_VALUE).handler(context -> {
            String path = context.normalizedPath();
            Problem problem = Problem.of(404, "Not Found", "no such resource: " + path).at(path);
            context.response().setStatusCode(404).putHeader("Content-Type", Problem.MEDIA_TYPE).end(Json.encode(problem));
        });
    }
}
