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

    record RunBody(Integer epochs, Long seed, Nested model) {}

    record Nested(double width) {}

    static Problem answerTo(String json) {
        try {
            new com.fasterxml.jackson.databind.ObjectMapper().readValue(json, RunBody.class);
            throw new AssertionError("read: " + json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return (Problem) new ProblemMappers(token("t"), null).badJson(e, null).getEntity();
        }
    }

    @Test
    void aNumberTooLargeForItsFieldIsNamedWithItsRange() {
        Problem epochs = answerTo("{\"epochs\": 99999999999}");
        assertEquals("Invalid parameter 'epochs'", epochs.title());
        assertEquals("epochs is out of range: it must be a whole number from -2147483648 to 2147483647", epochs.detail());
        Problem seed = answerTo("{\"seed\": 99999999999999999999999}");
        assertEquals("Invalid parameter 'seed'", seed.title(), seed.detail());
        assertTrue(seed.detail().contains("9223372036854775807"), seed.detail());
    }

    @Test
    void noJavaTypeIsNamed() {
        for (String json : new String[] {"[1, 2]", "\"x\"", "{\"model\": 3}", "{\"model\": {\"width\": \"wide\"}}", "{\"epochs\": [1]}"}) {
            Problem p = answerTo(json);
            assertFalse((p.title() + p.detail()).matches("(?s).*(io\\.digitgan|java\\.|RunBody|Nested|`).*"), json + " → " + p);
        }
        assertEquals("the request body must be a JSON object", answerTo("[1, 2]").detail());
        assertEquals("Invalid parameter 'model.width'", answerTo("{\"model\": {\"width\": \"wide\"}}").title());
    }
}
