package io.digitgan.service.security;

/** The roles of the services' callers. */
public final class Roles {

    /** Whoever holds the service's API token: may start and stop runs, pin models. */
    public static final String OPERATOR = "operator";

    /** The OpenAPI security scheme of the bearer token. */
    public static final String BEARER_SCHEME = "bearer";

    private Roles() {}
}
