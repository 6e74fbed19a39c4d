package io.digitgan.generator;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import io.digitgan.core.data.Dataset;
import io.digitgan.core.data.PixelScale;
import io.digitgan.core.quality.ClassCoverage;
import io.digitgan.core.quality.Evaluator;
import io.digitgan.core.quality.EvaluatorStore;
import io.digitgan.kafka.QuarkusKafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Asking for a digit: a conditional checkpoint serves digit=, layout=classes and a walk between
 * two digits directly; an unconditional one (pinned) by rejection sampling with the evaluator,
 * each kept image checked here by the same evaluator, or a 503 that says how many tries it took.
 */
@QuarkusTest
@TestProfile(DigitRequestsTest.Digits.class)
@QuarkusTestResource(QuarkusKafkaResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DigitRequestsTest {

    static final String STORE = "digits";
    static final int CELL = 28 + 2; // a grid cell and its gutter at scale 1

    /** Announces an unconditional checkpoint, then a conditional one (the newest), before the application starts. */
    public static class AnnounceBoth implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            QuarkusKafkaResource.broker();
            TestCheckpoints.train(STORE, "plain", 1).forEach(c -> TestCheckpoints.announce(TestCheckpoints.event(c)));
            TestCheckpoints.trainConditional(STORE, "fashion", 1, Dataset.FASHION_MNIST)
                    .forEach(c -> TestCheckpoints.announce(TestCheckpoints.event(c)));
            TestCheckpoints.trainConditional(STORE, "cond", 1).forEach(c -> TestCheckpoints.announce(TestCheckpoints.event(c)));
            return Map.of("digitgan.checkpoints.dir", TestCheckpoints.store(STORE).toString(),
                    "digitgan.generator.rejection.max-tries", "512",
                    // a few steps on random images read as no digit with confidence: here the evaluator's
                    // most likely digit is enough, so that both answers (found, not found) show
                    "digitgan.generator.rejection.min-confidence", "0");
        }

        @Override
        public void stop() {}
    }

    /** Its own profile: a fresh application on its own store. */
    public static class Digits implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(AnnounceBoth.class));
        }
    }

    @Test
    @Order(1)
    void aConditionalModelSaysSoAndDrawsTheAskedDigitTheSameWayEveryTime() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> "cond".equals(modelRun()));
        given().get("/api/v1/model").then().statusCode(200).body("conditional", equalTo(true))
                .body("classes.size()", equalTo(10)).body("digitSampling", equalTo("conditional"));

        Response seven = given().get("/api/v1/digits.png?count=4&seed=11&digit=7");
        seven.then().statusCode(200).header("X-Digit-Sampling", "conditional");
        byte[] again = given().get("/api/v1/digits.png?count=4&seed=11&digit=7").asByteArray();
        byte[] three = given().get("/api/v1/digits.png?count=4&seed=11&digit=3").asByteArray();
        assertArrayEquals(seven.asByteArray(), again, "the same seed and digit give the same bytes");
        assertFalse(Arrays.equals(seven.asByteArray(), three), "another digit, another image");
        assertFalse(seven.header("ETag").equals(given().get("/api/v1/digits.png?count=4&seed=11&digit=3").header("ETag")));

        given().get("/api/v1/digits?count=3&seed=5&digit=2").then().statusCode(200)
                .body("digits.digit", equalTo(List.of(2, 2, 2))).body("digits.className", equalTo(List.of("2", "2", "2")))
                .body("digits.seed", equalTo(List.of(5, 6, 7))).body("sampling", equalTo("conditional"));
        // without digit= a conditional model still says which class each image is
        given().get("/api/v1/digits?count=2&seed=5").then().statusCode(200).body("digits[0].digit", org.hamcrest.Matchers.notNullValue());
        // one digit by its seed
        given().get("/api/v1/digits/5.png?digit=2&scale=1").then().statusCode(200).header("X-Digit-Sampling", "conditional");
    }

    @Test
    @Order(2)
    void layoutClassesIsOneRowPerDigitWithTheSameLatentDownEachColumn() throws Exception {
        BufferedImage grid = png(given().get("/api/v1/digits.png?layout=classes&count=5&seed=3").then().statusCode(200)
                .extract().asByteArray());
        assertEquals(2 + 5 * CELL, grid.getWidth());
        assertEquals(2 + 10 * CELL, grid.getHeight(), "ten rows");
        // row k is what digit=k draws for the same seeds
        byte[] row4 = given().get("/api/v1/digits.png?count=5&columns=5&seed=3&digit=4").asByteArray();
        BufferedImage alone = png(row4);
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < alone.getWidth() - 2; x++) {
                assertEquals(alone.getRaster().getSample(x + 2, y + 2, 0), grid.getRaster().getSample(x + 2, y + 2 + 4 * CELL, 0));
            }
        }
        given().get("/api/v1/digits?layout=classes&count=2&seed=3").then().statusCode(200)
                .body("digits.digit", equalTo(List.of(0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9)))
                .body("classes.size()", equalTo(10));
    }

    @Test
    @Order(3)
    void aWalkBetweenTwoDigitsAtOneLatent() throws Exception {
        BufferedImage walk = png(given().get("/api/v1/interpolation.png?from=9&fromDigit=1&toDigit=8&steps=6&scale=1")
                .then().statusCode(200).header("X-Digit-Sampling", "conditional").extract().asByteArray());
        assertEquals(2 + 6 * CELL, walk.getWidth());
        // its ends are the two digits at that latent
        byte[] one = given().get("/api/v1/digits/9.png?digit=1&scale=1").asByteArray();
        byte[] eight = given().get("/api/v1/digits/9.png?digit=8&scale=1").asByteArray();
        assertCell(png(one), walk, 0);
        assertCell(png(eight), walk, 5);
        given().get("/api/v1/interpolation.png?from=9&fromDigit=1&steps=6").then().statusCode(400)
                .body("title", containsString("toDigit"));
    }

    @Test
    @Order(4)
    void badDigitsAndLayoutsAre400sThatNameTheParameter() {
        for (String query : List.of("digit=10", "digit=-1", "digit=seven")) {
            given().get("/api/v1/digits.png?" + query).then().statusCode(400).body("title", containsString("digit"));
        }
        given().get("/api/v1/digits.png?layout=rows").then().statusCode(400).body("title", containsString("layout"));
        given().get("/api/v1/digits.png?layout=classes&count=26").then().statusCode(400).body("title", containsString("count"));
        given().get("/api/v1/digits?layout=classes&digit=3").then().statusCode(400).body("title", containsString("digit"));
    }

    @Test
    @Order(5)
    void anUnconditionalModelServesADigitByRejectionSamplingOrSaysItCouldNot() throws Exception {
        given().header("Authorization", "Bearer test-token").contentType("application/json")
                .body(Map.of("runId", "plain", "epoch", 1)).put("/api/v1/model/pin").then().statusCode(200);
        given().get("/api/v1/model").then().body("conditional", equalTo(false)).body("digitSampling", equalTo("rejection"))
                .body("dataset", equalTo("mnist")).body("classNames[3]", equalTo("3"));
        int served = 0;
        try (Evaluator evaluator = EvaluatorStore.shippedEvaluator(Dataset.MNIST, Device.cpu())) {
            for (int digit = 0; digit < 10; digit++) {
                Response r = given().get("/api/v1/digits.png?count=2&seed=1&digit=" + digit);
                if (r.statusCode() == 200) {
                    served++;
                    assertEquals("rejection", r.header("X-Digit-Sampling"));
                    int tries = Integer.parseInt(r.header("X-Digit-Tries"));
                    assertTrue(tries >= 2 && tries <= 512, "tries " + tries);
                    float[] images = cells(png(r.asByteArray()), 2);
                    float[] p = evaluator.run(images, 2).probabilities();
                    for (int i = 0; i < 2; i++) {
                        assertEquals(digit, ClassCoverage.mostLikely(p, i, 10), "a kept image reads as the digit asked");
                    }
                    assertArrayEquals(r.asByteArray(), given().get("/api/v1/digits.png?count=2&seed=1&digit=" + digit).asByteArray(),
                            "the same seed and digit give the same bytes");
                } else {
                    r.then().statusCode(503).contentType("application/problem+json").body("title", equalTo("Digit not found"))
                            .body("detail", containsString("512 tries"));
                }
            }
        }
        assertTrue(served >= 1, "the tiny model draws no image that reads as any digit; rejection sampling was never shown to work");
        given().get("/api/v1/interpolation.png?from=1&fromDigit=1&toDigit=2").then().statusCode(422)
                .body("title", equalTo("Not a conditional model"));
    }

    @Test
    @Order(6)
    void aFashionMnistModelNamesItsClothes() {
        given().header("Authorization", "Bearer test-token").contentType("application/json")
                .body(Map.of("runId", "fashion", "epoch", 1)).put("/api/v1/model/pin").then().statusCode(200);
        given().get("/api/v1/model").then().statusCode(200).body("dataset", equalTo("fashion-mnist"))
                .body("classes[0]", equalTo("T-shirt/top")).body("classNames[9]", equalTo("Ankle boot"));
        given().get("/api/v1/digits?digit=9&count=2&seed=4").then().statusCode(200)
                .body("digits.className", equalTo(List.of("Ankle boot", "Ankle boot")))
                .body("classes[7]", equalTo("Sneaker"));
        given().get("/api/v1/digits.png?digit=10").then().statusCode(400).body("title", containsString("digit"));
    }

    private static String modelRun() {
        Response r = given().get("/api/v1/model");
        return r.statusCode() == 200 ? r.path("runId") : null;
    }

    private static BufferedImage png(byte[] bytes) throws Exception {
        return ImageIO.read(new ByteArrayInputStream(bytes));
    }

    /** The first {@code count} cells of a one-row grid at scale 1 as images in [-1, 1]. */
    private static float[] cells(BufferedImage grid, int count) {
        float[] images = new float[count * 784];
        for (int n = 0; n < count; n++) {
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    images[n * 784 + y * 28 + x] = PixelScale.toModel(grid.getRaster().getSample(2 + n * CELL + x, 2 + y, 0));
                }
            }
        }
        return images;
    }

    private static void assertCell(BufferedImage single, BufferedImage strip, int index) {
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                assertEquals(single.getRaster().getSample(2 + x, 2 + y, 0), strip.getRaster().getSample(2 + index * CELL + x, 2 + y, 0),
                        "cell " + index + " at " + x + "," + y);
            }
        }
    }
}
