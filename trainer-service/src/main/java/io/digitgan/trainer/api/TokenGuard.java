package io.digitgan.trainer.api;

import io.digitgan.trainer.TrainerSettings;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Checks {@code Authorization: Bearer <digitgan.trainer.api-token>} on changing calls. */
@ApplicationScoped
public class TokenGuard {

    private final TrainerSettings settings;

    public TokenGuard(TrainerSettings settings) {
        this.settings = settings;
    }

    /** @throws ProblemException 401 for a missing or wrong token, 403 when no token is configured */
    public void check(String authorization) {
        String token = settings.trainer().apiToken().filter(t -> !t.isBlank()).orElse(null);
        if (token == null) {
            throw new ProblemException(403, "Changing calls are disabled",
                    "no API token is configured: set digitgan.trainer.api-token (DIGITGAN_TRAINER_API_TOKEN)");
        }
        String expected = "Bearer " + token;
        if (authorization == null || !MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), authorization.trim().getBytes(StandardCharsets.UTF_8))) {
            throw new ProblemException(401, "Unauthorized",
                    authorization == null ? "send Authorization: Bearer <token>" : "wrong token");
        }
    }
}
