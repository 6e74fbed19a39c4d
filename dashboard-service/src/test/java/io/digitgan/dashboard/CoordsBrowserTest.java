package io.digitgan.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The settings that differ against the results, as parallel coordinates, in Chromium: three runs
 * of a sweep, a brush on the FID axis keeps the best one (the table follows), a click on the axis
 * clears it, a click on a line opens that run.
 */
@QuarkusTest
@QuarkusTestResource(QuarkusKafkaResource.class)
class CoordsBrowserTest {

    static final String FID = "best FID ↓";

    @TestHTTPResource("/")
    URL page;

    @Test
    void brushingAnAxisFiltersTheRunsAndAClickOnALineOpensOne() throws Exception {
        double[] rates = {1e-4, 2e-4, 5e-4};
        double[] widths = {0.25, 0.5, 0.5};
        double[] fids = {30, 20, 10};
        for (int i = 0; i < 3; i++) {
            String run = "pc-" + i;
            Events.send(RunEvent.started(run, Map.of("epochs", 2, "batchSize", 32, "seed", 1, "generatorLearningRate", rates[i],
                    "model", Map.of("width", widths[i])), "cpu()", 0));
            Events.send(Events.measuredEpoch(run, 1, 10, fids[i], 8.0, -1));
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> io.restassured.RestAssured
                .get("/api/v1/runs/pc-2").jsonPath().getList("epochs").size() == 1);
        ChromeDriver driver = HeadlessChromium.start(1400, 1200);
        try {
            driver.get(page + "#compare=pc-0,pc-1,pc-2");
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
            WebElement canvas = driver.findElement(By.id("coords"));
            wait.until(d -> "pc-0,pc-1,pc-2".equals(canvas.getAttribute("data-shown")));
            assertEquals("generatorLearningRate|model.width|" + FID, canvas.getAttribute("data-axes"),
                    "the settings that differ, then the result");

            // brush the FID axis around the best run
            Map<String, Number> best = point(driver, "pc-2", FID);
            drag(driver, canvas, best, -12, 12);
            wait.until(d -> "pc-2".equals(canvas.getAttribute("data-shown")));
            assertEquals(List.of("pc-2"), driver.findElements(By.cssSelector("#compare-table tbody tr")).stream()
                    .filter(WebElement::isDisplayed).map(tr -> tr.getAttribute("data-run")).toList(), "the table follows");
            Files.createDirectories(Path.of("target"));
            Files.write(Path.of("target/coords.png"), driver.getScreenshotAs(OutputType.BYTES));
            drag(driver, canvas, best, 0, 0); // a click on the axis clears its brush
            wait.until(d -> "pc-0,pc-1,pc-2".equals(canvas.getAttribute("data-shown")));

            // a click on pc-0's line, a quarter of the way from the first axis to the second, opens it
            Map<String, Number> a = point(driver, "pc-0", "generatorLearningRate");
            Map<String, Number> b = point(driver, "pc-0", "model.width");
            double x = a.get("x").doubleValue() + (b.get("x").doubleValue() - a.get("x").doubleValue()) / 4;
            double y = a.get("y").doubleValue() + (b.get("y").doubleValue() - a.get("y").doubleValue()) / 4;
            new Actions(driver).moveToElement(canvas, offset(x, canvas.getSize().getWidth()), offset(y, canvas.getSize().getHeight()))
                    .click().perform();
            wait.until(d -> d.findElement(By.id("compare-view")).getAttribute("hidden") != null);
            assertEquals("pc-0", driver.executeScript("return document.getElementById('run-picker').value"));
            assertTrue(driver.getCurrentUrl().indexOf('#') < 0 || driver.getCurrentUrl().endsWith("#"), driver.getCurrentUrl());
        } finally {
            driver.quit();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Number> point(ChromeDriver driver, String run, String axis) {
        return (Map<String, Number>) driver.executeScript("return coordsPoint(arguments[0], arguments[1])", run, axis);
    }

    /** Presses at {@code p} moved by {@code from} px vertically, drags to {@code to}, releases. */
    private static void drag(ChromeDriver driver, WebElement canvas, Map<String, Number> p, int from, int to) {
        int x = offset(p.get("x").doubleValue(), canvas.getSize().getWidth());
        int y = offset(p.get("y").doubleValue(), canvas.getSize().getHeight());
        new Actions(driver).moveToElement(canvas, x, y + from).clickAndHold().moveToElement(canvas, x, y + to).release().perform();
    }

    /** A canvas coordinate as Selenium's offset from the element's centre. */
    private static int offset(double at, int size) {
        return (int) Math.round(at - size / 2.0);
    }
}
