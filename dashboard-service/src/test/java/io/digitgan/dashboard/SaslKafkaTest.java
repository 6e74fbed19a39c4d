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

/** The dashboard reads the topics, and a run's series when it is opened, through the SASL broker's SASL_PLAINTEXT (SCRAM-SHA-512) listener. */
@QuarkusTest
@TestProfile(KafkaSecurity.Sasl.class)
@QuarkusTestResource(QuarkusKafkaResource.class)
class SaslKafkaTest {

    @Test
    void eventsArriveThroughTheSaslListener() {
        TestKafka.send(SecuredBroker.plaintextBootstrapServers(), Events.started("sasl-run", 3));
        await().atMost(Duration.ofSeconds(60)).until(() -> given().get("/api/v1/runs").then().extract()
                .jsonPath().<String>getList("runId").contains("sasl-run"));
        // a run's series are read when it is opened, by a consumer of their own: through the same listener
        TestKafka.send(SecuredBroker.plaintextBootstrapServers(), Events.epoch("sasl-run", 1, 100, 0.9));
        await().atMost(Duration.ofSeconds(60)).until(() -> given().get("/api/v1/runs/sasl-run").then().extract()
                .jsonPath().<Integer>getList("epochs.epoch").contains(1));
        assertEquals("connected", KafkaHealth.channelState("gan-events"));
        assertEquals("UP", KafkaHealth.status());
    }
}
