package io.digitgan.service.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.digitgan.service.security.ApiSettings;
import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every error of every service as application/problem+json, the framework's own included (404,
 * 405, 415, a body that is not JSON, a failed constraint). A 500 never carries the exception's
 * message: it is logged with an id that the answer gives.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    static final String CHALLENGE = "Bearer realm=\"digitgan\"";

    private final ApiSettings api;
    private final AllowedMethods allowedMethods;

    public ProblemMappers(ApiSettings api, AllowedMethods allowedMethods) {
        this.api = api;
        this.allowedMethods = allowedMethods;
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Response.ResponseBuilder out = e.problem().at(uri).toResponse();
        e.headers().forEach(out::header);
        return out.build();
    }

    @ServerExceptionMapper
    public Response violation(ConstraintViolationException e, UriInfo uri) {
        List<ConstraintViolation<?>> violations = e.getConstraintViolations().stream()
                .sorted(Comparator.comparing(v -> field(v.getPropertyPath()))).toList();
        String names = violations.stream().map(v -> field(v.getPropertyPath())).distinct()
                .collect(Collectors.joining("', '"));
        String detail = violations.stream().map(v -> field(v.getPropertyPath()) + " " + v.getMessage()
                + (v.getInvalidValue() == null ? "" : ", not " + v.getInvalidValue())).collect(Collectors.joining("; "));
        return answer(400, "Invalid parameter '" + names + "'", detail, uri);
    }

    /** A body field of the wrong type or unknown (more specific than the JSON extension's own mapper). */
    @ServerExceptionMapper
    public Response badField(MismatchedInputException e, UriInfo uri) {
        if (e instanceof UnrecognizedPropertyException u) {
            return answer(400, "Invalid parameter '" + u.getPropertyName() + "'", "unknown field '" + u.getPropertyName()
                    + "' (known: " + u.getKnownPropertyIds().stream().map(String::valueOf).sorted()
                    .collect(Collectors.joining(", ")) + ")", uri);
        }
        if (e.getPath().isEmpty()) {
            // Jackson's message names the Java type: the client only needs the shape
            return answer(400, "Bad Request", "the request body must be " + kind(e.getTargetType()), uri);
        }
        String field = field(e);
        String given = e instanceof InvalidFormatException f && f.getValue() != null ? ", not '" + f.getValue() + "'" : "";
        return answer(400, "Invalid parameter '" + field + "'", field + " must be " + kind(e.getTargetType()) + given, uri);
    }

    @ServerExceptionMapper
    public Response badJson(JsonProcessingException e, UriInfo uri) {
        if (e instanceof MismatchedInputException m) {
            return badField(m, uri);
        }
        if (e instanceof ValueInstantiationException v && !v.getPath().isEmpty()
                && v.getCause() instanceof IllegalArgumentException refused) {
            // a value type's own factory said no (an enum's of(id)): its message names the field and the choices
            return answer(400, "Invalid parameter '" + field(v) + "'", refused.getMessage(), uri);
        }
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            String field = field(m);
            // a number too large for its field: Jackson wraps the parser's complaint with the field's path
            String why = m.getCause() instanceof InputCoercionException c
                    ? " is out of range: it must be " + range(c.getTargetType()) : " has an invalid value";
            return answer(400, "Invalid parameter '" + field + "'", field + why, uri);
        }
        return answer(400, "Bad Request", "the request body is not valid JSON: " + e.getOriginalMessage(), uri);
    }

    /** The body field a Jackson error is about, as a dotted path ({@code model.width}, {@code items[2]}). */
    private static String field(JsonMappingException e) {
        return e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    private static String range(Class<?> type) {
        if (type == Integer.class || type == int.class) {
            return "a whole number from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE;
        }
        if (type == Long.class || type == long.class) {
            return "a whole number from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE;
        }
        return "a smaller number";
    }

    /** Quarkus's own violation type, more specific than {@link ConstraintViolationException}. */
    @ServerExceptionMapper
    public Response restViolation(ResteasyReactiveViolationException e, UriInfo uri) {
        return violation(e, uri);
    }

    private static String kind(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.stream(type.getEnumConstants()).map(c -> c.toString().toLowerCase(java.util.Locale.ROOT))
                    .collect(Collectors.joining(", "));
        }
        if (type.isArray() || java.util.Collection.class.isAssignableFrom(type)) {
            return "a JSON array";
        }
        return "a JSON object"; // a record or class of ours: its Java name means nothing to a client
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        if (!api.tokenConfigured()) {
            return disabled(uri);
        }
        return challenge("send Authorization: Bearer <token>", uri);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        if (!api.tokenConfigured()) {
            return disabled(uri);
        }
        return challenge(e.getMessage() == null ? "wrong token" : e.getMessage(), uri);
    }

    /** A 401 with the Bearer challenge. */
    private static Response challenge(String detail, UriInfo uri) {
        return Problem.of(401, "Unauthorized", detail).at(uri).toResponse()
                .header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE).build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return api.tokenConfigured() ? answer(403, "Forbidden", "this call is not allowed", uri) : disabled(uri);
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e, UriInfo uri) {
        return answer(404, "Not Found", "no such resource: " + Problem.pathOf(uri), uri);
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e, UriInfo uri) {
        // the framework's exception names no methods: read them from the resources
        String allowed = String.join(", ", allowedMethods.of(Problem.pathOf(uri)));
        if (allowed.isBlank()) {
            return answer(405, "Method Not Allowed", "this resource does not answer that method", uri);
        }
        return Problem.of(405, "Method Not Allowed", "this resource answers " + allowed).at(uri).toResponse()
                .header(HttpHeaders.ALLOW, allowed).build();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return badJson(json, uri); // the JSON reader's 400 wraps what it could not read
        }
        Response.StatusType status = e.getResponse().getStatusInfo();
        if (status.getStatusCode() >= 500) {
            return unexpected(e, uri);
        }
        return answer(status.getStatusCode(), status.getReasonPhrase(), e.getMessage(), uri);
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        if (ClientAbort.is(e)) {
            // the client hung up mid-request: its doing, not ours; nobody reads this answer
            LOG.debugf("client went away during %s: %s", Problem.pathOf(uri), e);
            return answer(400, "Bad Request", "the request was cut off by the client", uri);
        }
        String id = UUID.randomUUID().toString().substring(0, 8);
        LOG.errorf(e, "unexpected error %s at %s", id, Problem.pathOf(uri));
        return answer(500, "Internal Server Error", "an unexpected error; it was logged as " + id, uri);
    }

    private Response disabled(UriInfo uri) {
        return answer(403, "Changing calls are disabled",
                "no API token is configured: set " + api.tokenProperty(), uri);
    }

    private static Response answer(int status, String title, String detail, UriInfo uri) {
        return Problem.response(status, title, detail, uri);
    }

    /** The parameter or field a violation is about: the last node of its path. */
    static String field(Path path) {
        String name = null;
        for (Path.Node node : path) {
            name = node.getName();
        }
        return name == null ? path.toString() : name;
    }

}
