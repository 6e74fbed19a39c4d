package io.digitgan.generator;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.digitgan.core.checkpoint.Checkpoint;
import io.digitgan.core.checkpoint.CheckpointStore;
import io.digitgan.core.checkpoint.LocalCheckpointStore;
import io.digitgan.events.Quality;
import io.digitgan.kafka.QuarkusKafkaResource;
import io.digitgan.testing.Metrics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The gated promotion policy on a run whose third checkpoint is made worse on purpose (its
 * figures say FID 30 after 12): held back with the reason, counted, listed by the model API, the
 * better one keeps serving; a pin serves it all the same, and unpinning goes back to the newest
 * checkpoint the gate lets through.
 */
@QuarkusTest
@TestProfile(GatedPromotionTest.Gated.class)
@QuarkusTestResource(QuarkusKafkaResource.class)
class GatedPromotionTest {

    static final String STORE = "gated";

    public static class Gated implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("digitgan.generator.promotion.policy", "gated",
                    "digitgan.checkpoints.dir", TestCheckpoints.store(STORE).toString());
        }
    }

    @Test
    void aWorseCheckpointIsHeldBackCountedListedAndStillPinnable() {
        Checkpoint trained = TestCheckpoints.train(STORE, "gate-src", 1).get(0);
        double[] fids = {20, 12, 30, 12.5};
        List<Checkpoint> run = new java.util.ArrayList<>();
        for (int epoch = 1; epoch <= fids.length; epoch++) {
            run.add(copyWithFid(trained, "gated-run", epoch, fids[epoch - 1]));
        }
        double heldBefore = Metrics.value("digitgan_generator_checkpoints_held_total");

        announceAndAwaitServing(run.get(0), 1);
        announceAndAwaitServing(run.get(1), 2); // better: served
        TestCheckpoints.announce(TestCheckpoints.event(run.get(2))); // FID 30 after 12: held back
        await().atMost(Duration.ofSeconds(30)).until(
                () -> Metrics.value("digitgan_generator_checkpoints_held_total") == heldBefore + 1);
        given().get("/api/v1/model").then().statusCode(200).body("epoch", equalTo(2))
                .body("promotion", equalTo("gated"))
                .body("held[0].epoch", equalTo(3))
                .body("held[0].reason", containsString("FID 30.00 is worse than the served 12.00 by more than 10 %"));
        announceAndAwaitServing(run.get(3), 4); // 12.5: within 10 % of 12, served

        // by hand: the held-back checkpoint serves when pinned
        given().header("Authorization", "Bearer test-token").contentType("application/json")
                .body("{\"runId\": \"gated-run\", \"epoch\": 3}").put("/api/v1/model/pin")
                .then().statusCode(200).body("epoch", equalTo(3));
        given().header("Authorization", "Bearer test-token").delete("/api/v1/model/pin").then().statusCode(204);
        given().get("/api/v1/model").then().statusCode(200).body("epoch", equalTo(4));
    }

    private static void announceAndAwaitServing(Checkpoint c, int epoch) {
        TestCheckpoints.announce(TestCheckpoints.event(c));
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            var r = given().get("/api/v1/model");
            return r.statusCode() == 200 && r.jsonPath().getInt("epoch") == epoch;
        });
    }

    /** {@code source}'s weights as epoch {@code epoch} of {@code runId}, its manifest saying FID {@code fid}. */
    private static Checkpoint copyWithFid(Checkpoint source, String runId, int epoch, double fid) {
        Map<String, CheckpointStore.FileWriter> files = new LinkedHashMap<>();
        for (String name : source.manifest().files().keySet()) {
            files.put(name, out -> out.write(Files.readAllBytes(source.dir().resolve(name))));
        }
        try {
            return new LocalCheckpointStore(TestCheckpoints.store(STORE)).write(runId, epoch, epoch * 10L,
                    source.manifest().config(), files, new Quality(fid, 8.0, Map.of()), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
