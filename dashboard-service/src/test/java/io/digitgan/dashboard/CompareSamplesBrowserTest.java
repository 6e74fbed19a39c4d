package io.digitgan.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.digitgan.kafka.QuarkusKafkaResource;
import io.digitgan.testing.HeadlessChromium;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One slider moves every compared run's sample grid, in Chromium: two runs sampled at different
 * epochs line up (each shows its newest grid at or before the slider's epoch) and the arrow keys
 * step them together.
 */
@QuarkusTest
@QuarkusTestResource(QuarkusKafkaResource.class)
class CompareSamplesBrowserTest {

    @TestHTTPResource("/")
    URL page;

    @Test
    void oneSliderMovesEveryRunsGridAndTheArrowKeysStepIt() throws Exception {
        for (String run : new String[] {"side-a", "side-b"}) {
            Events.send(Events.started(run, 3));
            for (int epoch = 1; epoch <= 3; epoch++) {
                Events.send(Events.epoch(run, epoch, epoch * 10L, 1.0));
            }
        }
        for (int epoch : new int[] {1, 2, 3}) {
            Events.send(Events.sample("side-a", epoch, 60 * epoch));
        }
        for (int epoch : new int[] {1, 3}) { // side-b has no grid of epoch 2
            Events.send(Events.sample("side-b", epoch, 60 * epoch));
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> io.restassured.RestAssured
                .get("/api/v1/runs/side-b").jsonPath().getList("sampleEpochs").size() == 2);

        ChromeDriver driver = HeadlessChromium.start(1400, 1400);
        try {
            driver.get(page + "#compare=side-a,side-b");
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
            wait.until(d -> "epoch 3 (3 of 3)".equals(d.findElement(By.id("compare-sample-label")).getText()));
            assertEquals("3", epochOf(driver, "side-a"));
            assertEquals("3", epochOf(driver, "side-b"));

            driver.findElement(By.tagName("body")).sendKeys(Keys.ARROW_LEFT);
            wait.until(d -> "epoch 2 (2 of 3)".equals(d.findElement(By.id("compare-sample-label")).getText()));
            assertEquals("2", epochOf(driver, "side-a"));
            assertEquals("1", epochOf(driver, "side-b"), "its newest grid at or before epoch 2");
            assertTrue(driver.findElement(By.cssSelector("#compare-samples figure[data-run='side-b'] img"))
                    .getAttribute("src").endsWith("/api/v1/runs/side-b/samples/1.png"));
            assertTrue(driver.findElement(By.cssSelector("#compare-samples figure[data-run='side-b'] figcaption"))
                    .getText().contains("side-b · epoch 1"));
            driver.findElement(By.tagName("body")).sendKeys(Keys.ARROW_LEFT);
            wait.until(d -> "1".equals(epochOf(d, "side-a")) && "1".equals(epochOf(d, "side-b")));
            driver.findElement(By.tagName("body")).sendKeys(Keys.ARROW_LEFT); // at the first stop: stays
            driver.findElement(By.tagName("body")).sendKeys(Keys.ARROW_RIGHT);
            wait.until(d -> "2".equals(epochOf(d, "side-a")));
            // the slider itself moves them too
            driver.findElement(By.id("compare-slider")).sendKeys(Keys.END);
            wait.until(d -> "3".equals(epochOf(d, "side-a")) && "3".equals(epochOf(d, "side-b")));
            driver.executeScript("document.getElementById('compare-samples-panel').scrollIntoView()");
            Files.createDirectories(Path.of("target"));
            Files.write(Path.of("target/compare-samples.png"), driver.getScreenshotAs(OutputType.BYTES));
        } finally {
            driver.quit();
        }
    }

    /** The loss chart: the raw points faint behind the smoothed curve, a min/max band on demand; compared charts share one cursor. */
    @Test
    void rawBehindSmoothedAMinMaxBandAndOneCursorAcrossTheComparedCharts() throws Exception {
        for (String run : new String[] {"curve-a", "curve-b"}) {
            Events.send(Events.started(run, 3));
            for (int step = 1; step <= 12; step++) {
                Events.send(Events.progress(run, 1 + (step - 1) / 4, step * 10L, step % 3 == 0 ? 3.0 : 1.0)); // spikes
            }
            for (int epoch = 1; epoch <= 3; epoch++) {
                Events.send(Events.epoch(run, epoch, epoch * 40L, run.equals("curve-a") ? 1.0 + epoch : 2.0));
            }
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> io.restassured.RestAssured
                .get("/api/v1/runs/curve-b").jsonPath().getList("epochs").size() == 3);
        ChromeDriver driver = HeadlessChromium.start(1400, 1400);
        try {
            driver.get(page.toString());
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
            wait.until(d -> !d.findElements(By.cssSelector("#run-picker option[value='curve-a']")).isEmpty());
            new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("run-picker"))).selectByValue("curve-a");
            wait.until(d -> "12".equals(d.findElement(By.id("chart-loss")).getAttribute("data-points")));
            assertTrue(labels(driver, "loss").containsAll(java.util.List.of("G loss", "G loss (raw)", "D loss (raw)")),
                    labels(driver, "loss").toString());
            driver.findElement(By.id("envelope")).click();
            wait.until(d -> labels(d, "loss").containsAll(java.util.List.of("G loss (max)", "G loss (min)")));
            // every raw point lies in its band, and the band is as wide as the spikes
            assertEquals(Boolean.TRUE, driver.executeScript(String.join("\n",
                    "const u = charts.loss.plot, at = (l) => u.series.findIndex((s) => s.label === l);",
                    "const raw = u.data[at('G loss (raw)')], hi = u.data[at('G loss (max)')], lo = u.data[at('G loss (min)')];",
                    "return raw.every((v, i) => v == null || (lo[i] <= v && v <= hi[i])) && Math.max(...hi.filter((v) => v != null)) === 3;")));

            driver.get(page + "#compare=curve-a,curve-b");
            wait.until(d -> "3".equals(d.findElement(By.id("compare-gen")).getAttribute("data-points")));
            org.openqa.selenium.WebElement over = driver.findElement(By.cssSelector("#compare-gen .u-over"));
            long x = ((Number) driver.executeScript("return charts['compare-gen-e'].plot.valToPos(2, 'x')")).longValue();
            new org.openqa.selenium.interactions.Actions(driver).moveToElement(over, (int) (x - over.getSize().getWidth() / 2), 0)
                    .perform();
            wait.until(d -> Long.valueOf(1).equals(driver.executeScript("return charts['compare-disc-e'].plot.cursor.idx")));
            assertEquals(1L, driver.executeScript("return charts['compare-speed-e'].plot.cursor.idx"), "every chart reads epoch 2");
            String legend = driver.findElement(By.cssSelector("#compare-gen .u-legend")).getText();
            assertTrue(legend.contains("3") && legend.contains("2"), "curve-a's 3 and curve-b's 2 at epoch 2: " + legend);
            Files.write(Path.of("target/compare-cursor.png"), driver.getScreenshotAs(OutputType.BYTES));
        } finally {
            driver.quit();
        }
    }

    @SuppressWarnings("unchecked")
    private static java.util.List<String> labels(org.openqa.selenium.WebDriver d, String chart) {
        return (java.util.List<String>) ((org.openqa.selenium.JavascriptExecutor) d)
                .executeScript("return charts['" + chart + "'] ? charts['" + chart + "'].plot.series.map((s) => s.label) : []");
    }

    private static String epochOf(org.openqa.selenium.WebDriver d, String run) {
        return d.findElement(By.cssSelector("#compare-samples figure[data-run='" + run + "']")).getAttribute("data-epoch");
    }
}
