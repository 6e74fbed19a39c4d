package io.digitgan.service.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * The bearer token of a service's changing calls. Each service maps its own setting onto it, e.g.
 * {@code digitgan.api.token=${digitgan.trainer.api-token:}}, and names that setting for messages.
 */
@ConfigMapping(prefix = "digitgan.api")
public interface ApiSettings {

    /** The token; absent or blank: changing calls are refused with 403. */
    Optional<String> token();

    /** How an operator sets the token, for the 403 that says it is missing. */
    @WithDefault("digitgan.api.token")
    String tokenProperty();

    default boolean tokenConfigured() {
        return token().filter(t -> !t.isBlank()).isPresent();
    }
}
