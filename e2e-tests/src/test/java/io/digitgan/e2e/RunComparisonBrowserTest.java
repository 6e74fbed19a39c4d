package io.digitgan.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard's comparison view in a real Chromium, on two real runs: a two-entry sweep trained
 * to its end by two trainers on a real broker, measured every epoch; then the generator and the
 * dashboard on the same broker and store. The table must highlight the one config value that
 * differs and name each run's best checkpoint, the charts must hold both runs' epochs by epoch and
 * by wall time, and "pin best" must make the real generator serve that checkpoint, with the token
 * and not without it.
 */
class RunComparisonBrowserTest {

    static final String SWEEP = """
            name: cmp
            base: {profile: smoke, epochs: 2, maxImages: 1024, conditional: true}
            grid:
              generatorLearningRate: [0.0002, 0.001]
            """;
    static final Map<String, String> MEASURED = Map.of("DIGITGAN_QUALITY_EVERY_EPOCHS", "1",
            "DIGITGAN_QUALITY_SAMPLES", "200", "DIGITGAN_QUALITY_FINAL_SAMPLES", "300");

    @Test
    void twoRunsSideBySideWithWhatDiffersTheirFiguresAndPinningTheBest() throws Exception {
        try (Services s = new Services("compare")) {
            Path sweep = s.data.resolve("sweep.yaml");
            Files.writeString(sweep, SWEEP);
            Process first = s.runSweepEntry(sweep, 0, "trainer-0", MEASURED);
            Process second = s.runSweepEntry(sweep, 1, "trainer-1", MEASURED);
            for (Process p : List.of(first, second)) {
                assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the run ends");
                assertEquals(0, p.exitValue(), Files.readString(s.data.resolve("trainer-0.log"))
                        + Files.readString(s.data.resolve("trainer-1.log")));
            }
            s.startGeneratorAndDashboard();
            await().atMost(Duration.ofMinutes(2)).until(() -> {
                JsonNode runs = Services.json(s.dashboard("/api/v1/runs"));
                return runs != null && runs.size() == 2 && runs.findValuesAsText("status").equals(List.of("COMPLETED", "COMPLETED"));
            });
            await().atMost(Duration.ofMinutes(1)).until(() -> Services.json(s.generator("/api/v1/model")) != null);

            // the API the view reads: unknown and missing ids are problems, not empty tables
            assertEquals(404, Services.get(s.dashboard("/api/v1/runs/compare?ids=cmp-000,nope")).statusCode());
            assertEquals(400, Services.get(s.dashboard("/api/v1/runs/compare?ids=")).statusCode());
            JsonNode compared = Services.json(s.dashboard("/api/v1/runs/compare?ids=cmp-000,cmp-001"));
            assertTrue(compared.path("differing").toString().contains("generatorLearningRate"), compared.toString());
            assertTrue(!compared.path("differing").toString().contains("\"epochs\""), "the same in both");
            int best1 = compared.path("runs").get(1).path("best").path("epoch").asInt();
            assertTrue(best1 == 1 || best1 == 2, compared.toString());

            ChromeDriver driver = LocalRunEndToEndTest.browser();
            try {
                driver.get(s.dashboard("/#compare=cmp-000,cmp-001"));
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
                wait.until(d -> d.findElements(By.cssSelector("#compare-table tbody tr")).size() == 2);
                List<String> heads = driver.findElements(By.cssSelector("#compare-table th.differs")).stream()
                        .map(WebElement::getText).toList();
                assertEquals(List.of("generatorLearningRate"), heads, "the one differing value, highlighted");
                WebElement row1 = driver.findElement(By.cssSelector("#compare-table tr[data-run='cmp-001']"));
                assertTrue(row1.getText().contains("0.001") && row1.getText().contains("epoch " + best1), row1.getText());
                assertTrue(driver.findElement(By.id("compare-same")).getText().contains("epochs=2"));

                // every chart: one series per run, an x value per epoch (2 epochs each)
                for (String chart : List.of("compare-gen", "compare-disc", "compare-fid", "compare-score", "compare-speed")) {
                    wait.until(d -> "2".equals(d.findElement(By.id(chart)).getAttribute("data-series"))
                            && "2".equals(d.findElement(By.id(chart)).getAttribute("data-points")));
                }
                String legend = driver.findElement(By.id("compare-fid")).getText();
                assertTrue(legend.contains("cmp-000") && legend.contains("cmp-001"), legend);
                // by wall time: the two runs ran at once, so their minutes do not coincide: up to 4 x values
                driver.findElement(By.cssSelector("input[name='compare-x'][value='minutes']")).click();
                wait.until(d -> d.findElement(By.id("compare-gen")).getText().contains("minutes"));
                int byTime = Integer.parseInt(driver.findElement(By.id("compare-gen")).getAttribute("data-points"));
                assertTrue(byTime >= 2 && byTime <= 4, "x values by wall time: " + byTime);
                Files.write(Path.of("target/run-comparison.png"), driver.getScreenshotAs(OutputType.BYTES));

                // pinning needs the token: without it the page asks, with a wrong one the generator refuses
                By pin = By.cssSelector("#compare-table tr[data-run='cmp-001'] button.pin");
                driver.findElement(pin).click();
                wait.until(d -> d.findElement(By.id("pin-message")).getText().contains("needs the operator token"));
                driver.findElement(By.id("pin-token")).sendKeys("wrong-token");
                driver.findElement(pin).click();
                wait.until(d -> d.findElement(By.id("pin-message")).getText().startsWith("not pinned"));
                assertEquals("following newest", Services.json(s.generator("/api/v1/model")).path("mode").asText());
                driver.findElement(By.id("pin-token")).clear();
                driver.findElement(By.id("pin-token")).sendKeys(Services.TOKEN);
                driver.findElement(pin).click();
                wait.until(d -> d.findElement(By.id("pin-message")).getText()
                        .equals("the generator serves cmp-001, epoch " + best1 + " (pinned)"));
                JsonNode model = Services.json(s.generator("/api/v1/model"));
                assertEquals("cmp-001", model.path("runId").asText());
                assertEquals(best1, model.path("epoch").asInt());
                assertEquals("pinned", model.path("mode").asText());
                assertEquals(List.of(), driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                        .filter(e -> !e.getMessage().contains("/api/v1/generator/pin")) // the refused pin, on purpose
                        .map(e -> e.getMessage()).toList(), "no console errors");
            } finally {
                driver.quit();
            }
            assertTrue(!s.logs().contains(Services.TOKEN), "no log holds the token");
        }
    }
}
