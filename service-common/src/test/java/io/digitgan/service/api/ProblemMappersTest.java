package io.digitgan.service.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.digitgan.service.security.ApiSettings;
import io.quarkus.security.AuthenticationFailedException;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the mappers answer, without a server: no internals in a 500, the challenge on a 401, the setting named on a 403. */
class ProblemMappersTest {

    static ApiSettings token(String token) {
        return new ApiSettings() {
            @Override
            public Optional<String> token() {
                return Optional.ofNullable(token);
            }

            @Override
            public String tokenProperty() {
                return "digitgan.test.api-token";
            }
        };
    }

    @Test
    void anUnexpectedErrorNeverShowsItsMessage() {
        Response r = new ProblemMappers(token("t"), null).unexpected(
                new IllegalStateException("password=hunter2 at /etc/digitgan/secret"), null);
        Problem p = (Problem) r.getEntity();
        assertEquals(500, r.getStatus());
        assertEquals(Problem.MEDIA_TYPE, r.getMediaType().toString());
        assertFalse(p.detail().contains("hunter2"), p.detail());
        assertTrue(p.detail().matches("an unexpected error; it was logged as [0-9a-f]{8}"), p.detail());
    }

    @Test
    void aWrongTokenIsA401WithTheBearerChallengeAndNoTokenConfiguredA403NamingTheSetting() {
        Response wrong = new ProblemMappers(token("t"), null).authenticationFailed(new AuthenticationFailedException("wrong token"), null);
        assertEquals(401, wrong.getStatus());
        assertTrue(wrong.getHeaderString("WWW-Authenticate").startsWith("Bearer"));
        Response none = new ProblemMappers(token(null), null).authenticationFailed(new AuthenticationFailedException("x"), null);
        assertEquals(403, none.getStatus());
        assertTrue(((Problem) none.getEntity()).detail().contains("digitgan.test.api-token"));
    }
}
