package io.digitgan.dashboard;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.digitgan.kafka.QuarkusKafkaResource;
import io.digitgan.testing.KafkaHealth;
import io.digitgan.testing.KafkaSecurity;
import io.digitgan.testing.SecuredBroker;
import io.digitgan.testing.TestKafka;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The dashboard reads the topics through the SASL broker's SASL_PLAINTEXT (SCRAM-SHA-512) listener. */
@QuarkusTest
@TestProfile(KafkaSecurity.Sasl.class)
@QuarkusTestResource(QuarkusKafkaResource.class)
class SaslKafkaTest {

    @Test
    void eventsArriveThroughTheSaslListener() {
        TestKafka.send(SecuredBroker.plaintextBootstrapServers(), Events.started("sasl-run", 3));
        await().atMost(Duration.ofSeconds(60)).until(() -> given().get("/api/v1/runs").then().extract()
                .jsonPath().<String>getList("runId").contains("sasl-run"));
        assertEquals("connected", KafkaHealth.channelState("gan-events"));
        assertEquals("UP", KafkaHealth.status());
    }
}
