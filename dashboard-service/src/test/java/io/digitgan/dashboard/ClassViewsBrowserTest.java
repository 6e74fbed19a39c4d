package io.digitgan.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.digitgan.events.MetricsEvent;
import io.digitgan.events.Quality;
import io.digitgan.events.RunEvent;
import io.digitgan.kafka.QuarkusKafkaResource;
import io.digitgan.testing.HeadlessChromium;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Per-class views of a conditional run, in Chromium: every measured epoch's class shares as a heat
 * map (a class that vanishes is a dark column) and the confusion matrix of the picked epoch.
 */
@QuarkusTest
@QuarkusTestResource(QuarkusKafkaResource.class)
class ClassViewsBrowserTest {

    static final String RUN = "per-class";

    @TestHTTPResource("/")
    URL page;

    /** Epoch {@code epoch}'s figures: class 7 fades away by epoch 3; at epoch 2, 3s are read as 8 a fifth of the time. */
    static Quality quality(int epoch) {
        Map<String, Double> shares = new LinkedHashMap<>();
        double seven = epoch == 1 ? 0.1 : epoch == 2 ? 0.04 : 0.0;
        for (int d = 0; d <= 9; d++) {
            shares.put(Integer.toString(d), d == 7 ? seven : (1 - seven) / 9);
        }
        Map<String, Map<String, Double>> confusion = new LinkedHashMap<>();
        Map<String, Double> byClass = new LinkedHashMap<>();
        for (int d = 0; d <= 9; d++) {
            boolean mixed = epoch == 2 && d == 3;
            confusion.put(Integer.toString(d), mixed ? Map.of("3", 0.8, "8", 0.2) : Map.of(Integer.toString(d), 1.0));
            byClass.put(Integer.toString(d), mixed ? 0.8 : 1.0);
        }
        return new Quality(30.0 - epoch, 8.0, shares, epoch == 3 ? 9 : 10, 2000, 1.0, "lenet-v1",
                new Quality.Floor(1.6, 9.8, 10, 0.99), 30.0 - epoch, 0.98, byClass, confusion);
    }

    @Test
    void classSharesPerEpochAndTheConfusionOfThePickedEpoch() throws Exception {
        Events.send(RunEvent.started(RUN, Map.of("epochs", 3, "batchSize", 32, "seed", 1,
                "model", Map.of("width", 0.5, "classes", 10, "conditioning", "projection")), "cpu()", 0));
        for (int epoch = 1; epoch <= 3; epoch++) {
            Events.send(MetricsEvent.training("EPOCH", RUN, epoch, epoch * 10L, 0.9, 1.3, 0.6, 0.4, 0.1, 700, 12.5,
                    quality(epoch)));
        }
        ChromeDriver driver = HeadlessChromium.start(1400, 1800);
        try {
            driver.get(page.toString());
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
            wait.until(d -> !d.findElements(By.cssSelector("#run-picker option[value='" + RUN + "']")).isEmpty());
            new Select(driver.findElement(By.id("run-picker"))).selectByValue(RUN);
            wait.until(d -> d.findElements(By.cssSelector("#class-history tr[data-epoch]")).size() == 3);
            WebElement vanished = cell(driver, "#class-history tr[data-epoch='3']", 7);
            assertEquals("0.0000", vanished.getAttribute("data-share"));
            assertTrue(vanished.getAttribute("class").contains("low"), "a vanished class is marked");
            assertEquals("0.1000", cell(driver, "#class-history tr[data-epoch='1']", 7).getAttribute("data-share"));

            // the newest measured epoch's confusion, then the one picked on the FID chart
            wait.until(d -> "3".equals(d.findElement(By.id("confusion")).getAttribute("data-epoch")));
            assertEquals("1.0000", cell(driver, "#confusion tr[data-asked='3']", 3).getAttribute("data-share"));
            WebElement plot = driver.findElement(By.cssSelector("#chart-fid .u-over"));
            long x = ((Number) driver.executeScript("return charts.fid.plot.valToPos(2, 'x')")).longValue();
            new Actions(driver).moveToElement(plot, (int) (x - plot.getSize().getWidth() / 2), 0).click().perform();
            wait.until(d -> "2".equals(d.findElement(By.id("confusion")).getAttribute("data-epoch")));
            assertEquals("0.8000", cell(driver, "#confusion tr[data-asked='3']", 3).getAttribute("data-share"));
            WebElement mistaken = cell(driver, "#confusion tr[data-asked='3']", 8);
            assertEquals("0.2000", mistaken.getAttribute("data-share"));
            assertEquals("3 asked, read as 8: 20.0 %", mistaken.getAttribute("title"));
            assertTrue(driver.findElement(By.id("confusion-title")).getText().startsWith("Confusion at epoch 2"));
            driver.executeScript("document.getElementById('confusion').scrollIntoView()");
            Files.createDirectories(Path.of("target"));
            Files.write(Path.of("target/class-views.png"), driver.getScreenshotAs(OutputType.BYTES));
        } finally {
            driver.quit();
        }
    }

    /** The cell of class {@code index} in the row {@code row} (after the row's heading). */
    private static WebElement cell(org.openqa.selenium.WebDriver d, String row, int index) {
        return d.findElements(By.cssSelector(row + " td")).get(index);
    }
}
