package io.digitgan.trainer;


import io.digitgan.kafka.QuarkusKafkaResource;
import io.digitgan.testing.KafkaHealth;
import io.digitgan.testing.KafkaSecurity;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

/** A wrong password: readiness DOWN naming the refusal, liveness UP, and training is not held up by it. */
@QuarkusTest
@TestProfile(KafkaSecurity.WrongPassword.class)
@QuarkusTestResource(QuarkusKafkaResource.class)
@QuarkusTestResource(FreshCheckpointDir.class)
class WrongKafkaCredentialsTest {

    @Test
    void refusedCredentialsMakeItUnreadyButAliveAndTrainingGoesOn() {
        TrainerServiceTest.start(TrainerServiceTest.tiny("refused-run", 1, 64));
        TrainerServiceTest.awaitStatus("refused-run", "COMPLETED");
        KafkaHealth.awaitRefusedButAlive("gan-events-out");
    }
}
