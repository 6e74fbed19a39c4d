package io.digitgan.service.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * An RFC 9457 problem document, served as {@code application/problem+json}: every error answer of
 * the three services is one.
 *
 * @param instance the path of the request that failed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE = "about:blank";

    public static Problem of(int status, String title, String detail) {
        return new Problem(TYPE, title, status, detail, null);
    }

    public Problem at(String path) {
        return new Problem(type, title, status, detail, path);
    }

    /** At the path of the request being answered. */
    public Problem at(UriInfo request) {
        return at(pathOf(request));
    }

    /** A request's path as {@code instance} gives it: with its leading slash; null without a request. */
    public static String pathOf(UriInfo request) {
        return request == null ? null : "/" + request.getPath().replaceFirst("^/", "");
    }

    public Response.ResponseBuilder toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this);
    }

    /** A problem answer at the path of the request being answered (what an exception mapper returns). */
    public static Response response(int status, String title, String detail, UriInfo request) {
        return of(status, title, detail).at(request).toResponse().build();
    }

    /** A problem answer for a resource that returns a {@link Response} rather than throwing. */
    public static Response response(int status, String title, String detail) {
        return of(status, title, detail).toResponse().build();
    }
}
