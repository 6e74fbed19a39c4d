package io.digitgan.service.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Compares a bearer token with the configured one in constant time; the holder is an
 * {@link Roles#OPERATOR}. With no token configured nobody is: every changing call is a 403. The
 * token is never logged.
 */
@ApplicationScoped
public class ApiTokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    private final ApiSettings settings;

    public ApiTokenIdentityProvider(ApiSettings settings) {
        this.settings = settings;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        String expected = settings.token().filter(t -> !t.isBlank()).orElse(null);
        if (expected == null) {
            // no role: @RolesAllowed answers 403, which says how to configure the token
            return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal("caller")).build());
        }
        byte[] given = request.getToken().getToken().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given)) {
            return Uni.createFrom().failure(new AuthenticationFailedException("wrong token"));
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(Roles.OPERATOR))
                .addRole(Roles.OPERATOR).addCredential(request.getToken()).build());
    }
}
