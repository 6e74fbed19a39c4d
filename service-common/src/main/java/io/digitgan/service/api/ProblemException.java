package io.digitgan.service.api;

import jakarta.ws.rs.WebApplicationException;
import java.util.Map;

/**
 * Thrown to answer with a problem document (and optional headers). A
 * {@link WebApplicationException}, so that it passes unchanged through the framework, for example
 * out of a parameter converter.
 */
public class ProblemException extends WebApplicationException {
    private static final long serialVersionUID = 1L;

    private final transient Problem problem;
    private final transient Map<String, String> headers;

    public ProblemException(int status, String title, String detail) {
        this(status, title, detail, Map.of());
    }

    public ProblemException(int status, String title, String detail, Map<String, String> headers) {
        super(detail, status);
        this.problem = Problem.of(status, title, detail);
        this.headers = Map.copyOf(headers);
    }

    /** A 400 whose title names the parameter (or body field). */
    public static ProblemException badParameter(String name, String detail) {
        return new ProblemException(400, "Invalid parameter '" + name + "'", detail);
    }

    public Problem problem() {
        return problem;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
