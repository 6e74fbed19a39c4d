package io.digitgan.dashboard;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.digitgan.events.EventJson;
import io.digitgan.events.Topics;
import io.digitgan.kafka.QuarkusKafkaResource;
import io.digitgan.testing.Metrics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Malformed records on every topic (not JSON, a wrong schemaVersion, missing fields, a huge value,
 * a field of the wrong type) are skipped and counted, and the consumer goes on to the next.
 */
@QuarkusTest
@QuarkusTestResource(QuarkusKafkaResource.class)
class MalformedRecordsTest {

    static double invalid() {
        return Metrics.value("digitgan_dashboard_events_invalid_total");
    }

    @Test
    void everyKindOnEveryTopicIsSkippedCountedAndTheNextEventArrives() {
        await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/api/v1/runs").statusCode() == 200);
        double before = invalid();
        String good = EventJson.toJson(Events.started("after-bad-records", 3));
        List<String> bad = List.of("not json", good.replace("\"schemaVersion\":1", "\"schemaVersion\":99"),
                "{\"schemaVersion\":1,\"type\":\"STARTED\"}", "{".repeat(500_000),
                good.replace("\"epoch\":0", "\"epoch\":99999999999999999999"),
                good.replace("\"epoch\":0", "\"epoch\":\"zero\""));
        for (Topics.Topic topic : Topics.ALL) {
            for (String value : bad) {
                Events.sendRaw(topic.name(), "bad", value);
            }
        }
        Events.send(Events.started("after-bad-records", 3));
        await().atMost(Duration.ofSeconds(60)).until(() -> given().get("/api/v1/runs/after-bad-records").statusCode() == 200);
        await().atMost(Duration.ofSeconds(30)).until(() -> invalid() >= before + bad.size() * Topics.ALL.size());
    }
}
