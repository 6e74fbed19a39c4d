package io.digitgan.generator;

import static io.restassured.RestAssured.given;

import io.digitgan.kafka.QuarkusKafkaResource;
import io.digitgan.testing.KafkaHealth;
import io.digitgan.testing.KafkaSecurity;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

/** A wrong password: readiness DOWN naming the refusal, liveness UP (no restart loop), the process serves on. */
@QuarkusTest
@TestProfile(KafkaSecurity.WrongPassword.class)
@QuarkusTestResource(QuarkusKafkaResource.class)
class WrongKafkaCredentialsTest {

    @Test
    void refusedCredentialsMakeItUnreadyButAlive() {
        KafkaHealth.awaitRefusedButAlive("checkpoints");
        given().get("/api/v1/nothing").then().statusCode(404); // still answering
    }
}
