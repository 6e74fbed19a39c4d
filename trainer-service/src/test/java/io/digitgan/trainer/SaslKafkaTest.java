package io.digitgan.trainer;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.digitgan.events.MetricsEvent;
import io.digitgan.kafka.QuarkusKafkaResource;
import io.digitgan.testing.KafkaHealth;
import io.digitgan.events.EventJson;
import io.digitgan.events.Topics;
import io.digitgan.testing.KafkaSecurity;
import io.digitgan.testing.SecuredBroker;
import io.digitgan.testing.TestKafka;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The trainer publishes through the SASL broker's SASL_PLAINTEXT (SCRAM-SHA-512) listener. */
@QuarkusTest
@TestProfile(KafkaSecurity.Sasl.class)
@QuarkusTestResource(QuarkusKafkaResource.class)
@QuarkusTestResource(FreshCheckpointDir.class)
class SaslKafkaTest {

    /** EPOCH events of the run on the SASL broker (read through its plaintext listener). */
    static List<Integer> epochs() {
        return TestKafka.readAll(SecuredBroker.plaintextBootstrapServers(), List.of(Topics.METRICS)).stream()
                .map(r -> EventJson.fromJson(r.value(), MetricsEvent.class))
                .filter(m -> m.runId().equals("sasl-run") && m.type().equals("EPOCH")).map(MetricsEvent::epoch).toList();
    }

    @Test
    void eventsArriveThroughTheSaslListener() {
        TrainerServiceTest.start(TrainerServiceTest.tiny("sasl-run", 1, 64));
        TrainerServiceTest.awaitStatus("sasl-run", "COMPLETED");
        await().atMost(Duration.ofSeconds(60)).until(() -> epochs().equals(List.of(1)));
        List<Integer> epochs = epochs();
        assertEquals(List.of(1), epochs);
        assertEquals("connected", KafkaHealth.channelState("gan-events-out"));
        assertEquals("UP", KafkaHealth.status());
    }
}
