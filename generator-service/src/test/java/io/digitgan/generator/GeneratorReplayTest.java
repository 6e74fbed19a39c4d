package io.digitgan.generator;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.digitgan.core.checkpoint.Checkpoint;
import io.digitgan.kafka.QuarkusKafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A generator that starts after checkpoints were announced: it replays gan.checkpoints and serves
 * the newest before it is ready (its own profile, so Quarkus starts anew for it). Announcements
 * of the other test class name paths outside this store and are rejected.
 */
@QuarkusTest
@TestProfile(GeneratorReplayTest.Replay.class)
@QuarkusTestResource(QuarkusKafkaResource.class)
class GeneratorReplayTest {

    /** Announces two checkpoints of a run before the application starts. */
    public static class AnnounceFirst implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            QuarkusKafkaResource.broker();
            List<Checkpoint> run = TestCheckpoints.train(TestCheckpoints.REPLAY, "replay-a", 2);
            run.forEach(c -> TestCheckpoints.announce(TestCheckpoints.event(c)));
            return Map.of("digitgan.checkpoints.dir", TestCheckpoints.store(TestCheckpoints.REPLAY).toString());
        }

        @Override
        public void stop() {}
    }

    /** Its own profile: a fresh application that starts after the announcements. */
    public static class Replay implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(AnnounceFirst.class));
        }
    }

    @Test
    void servesTheNewestReplayedCheckpoint() {
        await().atMost(Duration.ofSeconds(60)).until(() -> given().get("/q/health/ready").statusCode() == 200);
        given().get("/api/v1/model").then().statusCode(200).body("runId", equalTo("replay-a")).body("epoch", equalTo(2));
        given().get("/api/v1/digits.png?count=4&seed=3").then().statusCode(200).header("X-Model-Run", "replay-a");
    }
}
