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
            Files.createDirectories(Path.of("target"));
            Files.write(Path.of("target/compare-samples.png"), driver.getScreenshotAs(OutputType.BYTES));
        } finally {
            driver.quit();
        }
    }

    private static String epochOf(org.openqa.selenium.WebDriver d, String run) {
        return d.findElement(By.cssSelector("#compare-samples figure[data-run='" + run + "']")).getAttribute("data-epoch");
    }
}
