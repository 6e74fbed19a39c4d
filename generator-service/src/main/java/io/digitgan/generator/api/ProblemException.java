package io.digitgan.generator.api;

import java.util.Map;

/** Thrown by resources to answer with a problem document (and optional headers). */
public class ProblemException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String title;
    private final transient Map<String, String> headers;

    public ProblemException(int status, String title, String detail) {
        this(status, title, detail, Map.of());
    }

    public ProblemException(int status, String title, String detail, Map<String, String> headers) {
        super(detail);
        this.status = status;
        this.title = title;
        this.headers = headers;
    }

    public static ProblemException badParameter(String name, String detail) {
        return new ProblemException(400, "Invalid parameter '" + name + "'", detail);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
