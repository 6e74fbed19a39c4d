package io.digitgan.testing;

import io.digitgan.kafka.LocalKafka;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * A service's Kafka settings for {@link SecuredBroker}'s SASL listener, only through {@code kafka.*}
 * as an operator would set them, and the test profiles that start a service with them.
 */
public final class KafkaSecurity {

    private KafkaSecurity() {}

    /** {@code kafka.*} settings that log in to the SASL broker as {@code user}. */
    public static Map<String, String> sasl(LocalKafka.SaslUser user) {
        return Map.of("kafka.bootstrap.servers", SecuredBroker.saslBootstrapServers(),
                "kafka.security.protocol", "SASL_PLAINTEXT",
                "kafka.sasl.mechanism", LocalKafka.SaslUser.MECHANISM,
                "kafka.sasl.jaas.config", user.jaasConfig());
    }

    /** The service logs in to the SASL broker with the right password. */
    public static class Sasl implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return sasl(SecuredBroker.USER);
        }
    }

    /** The service reaches the broker over TLS, trusting its certificate (the truststore). */
    public static class Tls implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kafka.bootstrap.servers", SecuredBroker.sslBootstrapServers(),
                    "kafka.security.protocol", "SSL",
                    "kafka.ssl.truststore.location", SecuredBroker.truststore(),
                    "kafka.ssl.truststore.type", "PKCS12",
                    "kafka.ssl.truststore.password", SecuredBroker.STORE_PASSWORD);
        }
    }

    /** The same user with a wrong password. */
    public static class WrongPassword implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return sasl(new LocalKafka.SaslUser(SecuredBroker.USER.name(), SecuredBroker.USER.password() + "-wrong"));
        }
    }
}
