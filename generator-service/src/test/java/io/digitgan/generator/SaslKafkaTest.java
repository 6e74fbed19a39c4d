package io.digitgan.generator;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.digitgan.kafka.QuarkusKafkaResource;
import io.digitgan.testing.KafkaHealth;
import io.digitgan.testing.KafkaSecurity;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The generator logs in to the SASL broker's SASL_PLAINTEXT (SCRAM-SHA-512) listener with credentials from its configuration. */
@QuarkusTest
@TestProfile(KafkaSecurity.Sasl.class)
@QuarkusTestResource(QuarkusKafkaResource.class)
class SaslKafkaTest {

    @Test
    void consumesThroughTheSaslListener() {
        await().atMost(Duration.ofSeconds(60)).until(() -> KafkaHealth.channelState("checkpoints").equals("connected"));
        assertEquals("UP", KafkaHealth.status());
    }
}
