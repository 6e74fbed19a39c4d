package io.digitgan.generator;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.digitgan.core.checkpoint.Checkpoint;
import io.digitgan.core.export.GeneratorExport;
import io.digitgan.core.image.PngGrid;
import io.digitgan.generator.model.DigitRenderer;
import io.digitgan.kafka.QuarkusKafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The exported generator in PyTorch ({@code reference/digitgan_generator.py}, Debian's
 * python3-torch) draws what the service serves: the same latents (written by the service's own
 * latent function, and drawn again by the module's port of java.util.Random) give every pixel of
 * every digit within 1/255 of the service's PNGs.
 */
@QuarkusTest
@TestProfile(FuzzTest.WithAModel.class)
@QuarkusTestResource(QuarkusKafkaResource.class)
class ReferenceModuleTest {

    static final Path MODULE = Path.of("../reference/digitgan_generator.py");
    static final int COUNT = 24;
    static final long SEED = 4242;
    static final int SIZE = 28;

    @Test
    void pytorchDrawsTheServicesDigitsWithinOneLevel() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> given().get("/q/health/ready").statusCode() == 200);
        Map<String, Object> model = given().get("/api/v1/model").then().statusCode(200).extract().as(Map.class);
        Checkpoint served = Checkpoint.open(TestCheckpoints.store("fuzz").resolve((String) model.get("path")));
        Path dir = Files.createTempDirectory("digitgan-export");
        GeneratorExport.write(served, served.hasAveragedGenerator(), dir.resolve("model"));

        List<byte[]> service = serviceDigits();
        int latentSize = served.manifest().config().model().latentSize();
        ByteBuffer latents = ByteBuffer.allocate(4 * COUNT * latentSize).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < COUNT; i++) {
            latents.asFloatBuffer().put(i * latentSize, DigitRenderer.latent(SEED + i, latentSize));
        }
        Files.write(dir.resolve("z.f32"), latents.array());

        String python = python();
        int fromLatents = largestDifference(service, run(python, dir, "--latents", dir.resolve("z.f32").toString()));
        int fromSeeds = largestDifference(service, run(python, dir, "--seed", Long.toString(SEED)));
        System.out.printf("reference module: largest pixel difference to the service over %d digits: %d/255 from the"
                + " service's latents, %d/255 from its own java.util.Random%n", COUNT, fromLatents, fromSeeds);
        assertTrue(fromLatents <= 1, fromLatents + "/255 from the same latents");
        assertTrue(fromSeeds <= 1, fromSeeds + "/255 from the same seeds");
    }

    /** The digits of seeds SEED.. as the service serves them, 28 × 28 grey bytes each. */
    private static List<byte[]> serviceDigits() throws Exception {
        List<Map<String, Object>> digits = given().get("/api/v1/digits?count=" + COUNT + "&seed=" + SEED + "&scale=1")
                .then().statusCode(200).extract().path("digits");
        List<byte[]> images = new ArrayList<>();
        for (Map<String, Object> d : digits) {
            BufferedImage png = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode((String) d.get("png"))));
            byte[] grey = new byte[SIZE * SIZE];
            for (int y = 0; y < SIZE; y++) {
                for (int x = 0; x < SIZE; x++) {
                    grey[y * SIZE + x] = (byte) png.getRaster().getSample(PngGrid.GUTTER + x, PngGrid.GUTTER + y, 0);
                }
            }
            images.add(grey);
        }
        return images;
    }

    /** Runs the module on the export; its pixels, COUNT × 28 × 28 bytes. */
    private static byte[] run(String python, Path dir, String... source) throws Exception {
        Path out = Files.createTempFile(dir, "pixels", ".u8");
        List<String> command = new ArrayList<>(List.of(python, MODULE.toString(), dir.resolve("model").toString(),
                "--count", Integer.toString(COUNT), "--pixels", out.toString()));
        command.addAll(List.of(source));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the reference module did not finish");
        assertEquals(0, p.exitValue(), String.join(" ", command) + ":\n" + output);
        return Files.readAllBytes(out);
    }

    /** A Python that has PyTorch: Debian's (python3-torch, which .ci/run installs) before the PATH's. */
    static String python() throws Exception {
        for (String candidate : List.of("/usr/bin/python3", "python3")) {
            try {
                Process p = new ProcessBuilder(candidate, "-c", "import torch").redirectErrorStream(true).start();
                if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return candidate;
                }
            } catch (java.io.IOException notThere) {
                // try the next
            }
        }
        throw new AssertionError("no python3 with PyTorch: install Debian's python3-torch (.ci/run does)");
    }

    private static int largestDifference(List<byte[]> service, byte[] reference) {
        assertEquals(COUNT * SIZE * SIZE, reference.length);
        int largest = 0;
        for (int n = 0; n < COUNT; n++) {
            for (int i = 0; i < SIZE * SIZE; i++) {
                int diff = Math.abs((service.get(n)[i] & 0xff) - (reference[n * SIZE * SIZE + i] & 0xff));
                largest = Math.max(largest, diff);
            }
        }
        return largest;
    }
}
