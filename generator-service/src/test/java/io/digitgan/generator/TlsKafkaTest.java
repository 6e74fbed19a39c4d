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

/** TLS settings from configuration reach the client: the generator consumes over the broker's SSL listener. */
@QuarkusTest
@TestProfile(KafkaSecurity.Tls.class)
@QuarkusTestResource(QuarkusKafkaResource.class)
class TlsKafkaTest {

    @Test
    void consumesOverTls() {
        await().atMost(Duration.ofSeconds(60)).until(() -> KafkaHealth.channelState("checkpoints").equals("connected"));
        assertEquals("UP", KafkaHealth.status());
    }
}
