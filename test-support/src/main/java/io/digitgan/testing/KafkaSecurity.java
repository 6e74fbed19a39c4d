package io.digitgan.testing;

import io.digitgan.kafka.LocalKafka;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A service's Kafka settings for {@link SecuredBroker}'s listeners, only through {@code kafka.*} as an
 * operator sets them, and as the {@code KAFKA_*} environment variables a deployment gives them.
 */
public final class KafkaSecurity {

    private KafkaSecurity() {}

    /** {@code kafka.*} settings that log in to the SASL listener as {@code user}. */
    public static Map<String, String> sasl(LocalKafka.SaslUser user) {
        return Map.of("kafka.bootstrap.servers", SecuredBroker.saslBootstrapServers(),
                "kafka.security.protocol", "SASL_PLAINTEXT",
                "kafka.sasl.mechanism", LocalKafka.SaslUser.MECHANISM,
                "kafka.sasl.jaas.config", user.jaasConfig());
    }

    /** {@code kafka.*} settings that reach the TLS listener, trusting the broker's certificate (the truststore). */
    public static Map<String, String> tls() {
        return Map.of("kafka.bootstrap.servers", SecuredBroker.sslBootstrapServers(),
                "kafka.security.protocol", "SSL",
                "kafka.ssl.truststore.location", SecuredBroker.truststore(),
                "kafka.ssl.truststore.type", "PKCS12",
                "kafka.ssl.truststore.password", SecuredBroker.STORE_PASSWORD);
    }

    /** The broker's user with a wrong password. */
    public static LocalKafka.SaslUser wrongPassword() {
        return new LocalKafka.SaslUser(SecuredBroker.USER.name(), SecuredBroker.USER.password() + "-wrong");
    }

    /** The same settings as environment variables ({@code kafka.sasl.jaas.config}: {@code KAFKA_SASL_JAAS_CONFIG}). */
    public static Map<String, String> asEnvironment(Map<String, String> settings) {
        Map<String, String> environment = new TreeMap<>();
        settings.forEach((key, value) -> environment.put(key.toUpperCase(Locale.ROOT).replace('.', '_'), value));
        return environment;
    }
}
