package io.digitgan.dashboard;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.digitgan.events.CheckpointEvent;
import io.digitgan.events.Quality;
import io.digitgan.kafka.QuarkusKafkaResource;
import io.digitgan.testing.HeadlessChromium;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The real generator with the gated promotion policy, serving a checkpoint measured at FID 10; a
 * second one (the same weights, its figures saying FID 30) is announced: the generator holds it
 * back, and the dashboard's checkpoint table says so, with the reason, in Chromium.
 */
@QuarkusTest
@QuarkusTestResource(QuarkusKafkaResource.class)
@QuarkusTestResource(value = GatedPromotionBrowserTest.GatedGenerator.class, restrictToAnnotatedClass = true)
class GatedPromotionBrowserTest {

    static final String RUN = "gated-generator";
    static final ObjectMapper JSON = new ObjectMapper();

    /** The test generator, gated, its epoch 1 measured at FID 10 and a copy as epoch 2 at FID 30. */
    public static class GatedGenerator extends GeneratorProcess {
        static Path store;

        @Override
        protected String runId() {
            return RUN;
        }

        @Override
        protected void prepare(Path store) throws IOException {
            GatedGenerator.store = store;
            Path first = store.resolve(RUN).resolve("epoch-0001");
            Path second = store.resolve(RUN).resolve("epoch-0002");
            Files.createDirectories(second);
            try (var files = Files.list(first)) {
                for (Path f : files.toList()) {
                    Files.copy(f, second.resolve(f.getFileName()));
                }
            }
            // epoch 1 the newest on disk (what the generator serves at start), both with figures
            rewrite(first.resolve("manifest.json"), 1, 10.0, Instant.now().plusSeconds(60));
            rewrite(second.resolve("manifest.json"), 2, 30.0, Instant.now());
        }

        @Override
        protected Map<String, String> environment() {
            return Map.of("DIGITGAN_GENERATOR_PROMOTION_POLICY", "gated");
        }

        private static void rewrite(Path manifest, int epoch, double fid, Instant createdAt) throws IOException {
            ObjectNode m = (ObjectNode) JSON.readTree(manifest.toFile());
            m.put("epoch", epoch).put("createdAt", createdAt.toString());
            m.set("quality", JSON.valueToTree(new Quality(fid, 8.0, Map.of())));
            JSON.writerWithDefaultPrettyPrinter().writeValue(manifest.toFile(), m);
        }
    }

    @TestHTTPResource("/")
    URL page;

    @Test
    void aHeldBackCheckpointIsMarkedWithItsReason() throws IOException {
        Events.send(Events.started(RUN, 2));
        Events.send(event(1, 10.0));
        Events.send(event(2, 30.0));
        Events.send(Events.measuredEpoch(RUN, 1, 10, 10.0, 8.0, -1));
        Events.send(Events.measuredEpoch(RUN, 2, 20, 30.0, 8.0, -1));
        ChromeDriver driver = HeadlessChromium.start(1400, 1400);
        try {
            driver.get(page.toString());
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(40));
            wait.ignoring(StaleElementReferenceException.class); // a row drawn again between finding and reading it
            wait.until(d -> new Select(d.findElement(By.id("run-picker"))).getOptions().stream()
                    .anyMatch(o -> RUN.equals(o.getAttribute("value"))));
            new Select(driver.findElement(By.id("run-picker"))).selectByValue(RUN);
            wait.until(d -> d.findElements(By.cssSelector("#checkpoints tr.held")).size() == 1);
            String held = driver.findElement(By.cssSelector("#checkpoints tr.held")).getText();
            assertTrue(held.startsWith("2 ") && held.contains("held back: FID 30.00 is worse than the served 10.00"),
                    held);
            String serving = driver.findElement(By.cssSelector("#checkpoints tr.serving")).getText();
            assertTrue(serving.startsWith("1 ") && serving.contains("generator serves this"), serving);

            // pin from the chart: a click on the FID chart's point of epoch 1 picks that checkpoint
            WebElement plot = driver.findElement(By.cssSelector("#chart-fid .u-over"));
            wait.until(d -> "2".equals(d.findElement(By.id("chart-fid")).getAttribute("data-points")));
            long x = ((Number) driver.executeScript("return charts.fid.plot.valToPos(1, 'x')")).longValue();
            // (epoch 1 is the plot's left edge: a few pixels in, the cursor snaps to it)
            new Actions(driver).moveToElement(plot, (int) (x + 3 - plot.getSize().getWidth() / 2), 0).click().perform();
            wait.until(d -> d.findElement(By.id("chosen-checkpoint")).getText().startsWith("epoch 1 chosen: FID 10.00"));
            // and from the table: the held-back epoch 2, served on the operator's word (the token, asked once per tab)
            driver.findElement(By.cssSelector("#checkpoints tr[data-epoch='2']")).click();
            wait.until(d -> d.findElement(By.id("chosen-checkpoint")).getText().startsWith("epoch 2 chosen: FID 30.00"));
            // the table is drawn again as events arrive: read the row inside the wait, which retries a stale one
            wait.until(d -> d.findElement(By.cssSelector("#checkpoints tr[data-epoch='2']")).getAttribute("class")
                    .contains("chosen"));
            driver.findElement(By.id("serve-chosen")).click();
            wait.until(d -> d.findElement(By.id("serve-message")).getText().contains("needs the operator token"));
            driver.findElement(By.id("serve-token")).sendKeys("wrong-token");
            driver.findElement(By.id("serve-chosen")).click();
            wait.until(d -> d.findElement(By.id("serve-message")).getText().startsWith("not pinned"));
            driver.findElement(By.id("serve-token")).clear();
            driver.findElement(By.id("serve-token")).sendKeys(GeneratorProcess.TOKEN);
            driver.findElement(By.cssSelector("#checkpoints tr[data-epoch='2'] button.serve")).click();
            wait.until(d -> d.findElement(By.id("serve-message")).getText()
                    .equals("the generator serves " + RUN + ", epoch 2 (pinned)"));
            wait.until(d -> d.findElements(By.cssSelector("#checkpoints tr.serving[data-epoch='2']")).size() == 1);
            assertTrue(driver.findElement(By.id("serving")).getText().contains("epoch 2"),
                    driver.findElement(By.id("serving")).getText());
            java.nio.file.Files.write(Path.of("target/pin-from-chart.png"),
                    driver.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
        } finally {
            driver.quit();
        }
    }

    /** The announcement of an epoch of the test generator's run, with its manifest's sha256 and size. */
    private static CheckpointEvent event(int epoch, double fid) throws IOException {
        var manifest = JSON.readTree(GatedGenerator.store.resolve(RUN).resolve("epoch-000" + epoch).resolve("manifest.json")
                .toFile());
        long size = 0;
        for (var f : manifest.path("files")) {
            size += f.path("sizeBytes").asLong();
        }
        var model = manifest.path("config").path("model");
        java.util.List<String> classes = new java.util.ArrayList<>();
        manifest.path("classes").forEach(c -> classes.add(c.asText()));
        return new CheckpointEvent(1, CheckpointEvent.TYPE, RUN, epoch, RUN + "/epoch-000" + epoch,
                manifest.path("files").path("generator.params").path("sha256").asText(), size,
                new CheckpointEvent.ModelInfo("dcgan", model.path("width").asDouble(), model.path("latentSize").asInt(),
                        !classes.isEmpty(), classes.isEmpty() ? null : classes),
                new Quality(fid, 8.0, Map.of()), null, Instant.now(),
                manifest.path("files").has("generator-ema.params")
                        ? manifest.path("files").path("generator-ema.params").path("sha256").asText() : null, null);
    }
}
