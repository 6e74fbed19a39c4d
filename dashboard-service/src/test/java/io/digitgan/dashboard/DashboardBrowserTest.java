package io.digitgan.dashboard;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.digitgan.kafka.QuarkusKafkaResource;
import io.digitgan.testing.ApiContract;
import io.digitgan.testing.HeadlessChromium;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The page in a real headless Chromium, fed by events on the real broker, with a real generator behind it. */
@QuarkusTest
@QuarkusTestResource(QuarkusKafkaResource.class)
@QuarkusTestResource(value = GeneratorProcess.class, restrictToAnnotatedClass = true) // the other classes need no generator
class DashboardBrowserTest {

    static ChromeDriver driver;

    @TestHTTPResource("/")
    URL page;

    @BeforeAll
    static void browser() throws Exception {
        assertTrue(GeneratorProcess.chromiumInstalled(),
                "Debian's chromium and chromium-driver are needed (.ci/run installs them)");
        System.setProperty("SE_OFFLINE", "true");
        driver = HeadlessChromium.start(1400, 1600);
    }

    @AfterAll
    static void close() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void theGeneratorsChallengeComesThroughTheForwarder() {
        for (String authorization : new String[] {null, "Bearer wrong-token"}) {
            var request = given().contentType("application/json").body("{\"runId\":\"browser-generator\",\"epoch\":1}");
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            request.put("/api/v1/generator/pin").then().statusCode(401).contentType(ApiContract.PROBLEM)
                    .header("WWW-Authenticate", startsWith("Bearer"));
        }
        // the right token passes: the generator's own answer (this checkpoint was never announced: not pinnable)
        given().contentType("application/json").header("Authorization", "Bearer " + GeneratorProcess.TOKEN)
                .body("{\"runId\":\"browser-generator\",\"epoch\":1}").put("/api/v1/generator/pin").then().statusCode(404)
                .contentType(ApiContract.PROBLEM).header("WWW-Authenticate", nullValue());
        ApiContract.wrongMethodIsAProblem("/api/v1/generator/pin", "PUT", "OPTIONS");
    }

    private static int points(String chartId) {
        String n = driver.findElement(By.id(chartId)).getAttribute("data-points");
        return n == null ? 0 : Integer.parseInt(n);
    }

    @Test
    void aFashionMnistRunNamesItsFiguresAndItsClasses() {
        String run = "browser-fashion";
        Events.send(Events.startedFashion(run, 3));
        Events.send(Events.fashionCheckpoint(run, 1));
        Events.send(Events.measuredEpoch(run, 1, 30, 20.0, 6.0, 9));
        driver.get(page.toString());
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        wait.until(d -> d.findElements(By.cssSelector("#run-picker option[value='" + run + "']")).size() == 1);
        new Select(driver.findElement(By.id("run-picker"))).selectByValue(run);
        wait.until(d -> points("chart-fid") == 1);
        assertEquals("FID-Fashion-MNIST", driver.findElement(By.id("fid-name")).getText());
        assertEquals("Fashion-MNIST score", driver.findElement(By.id("score-name")).getText());
        String legend = driver.findElement(By.id("chart-fid")).getText();
        assertTrue(legend.contains("FID-Fashion-MNIST"), legend);
        List<String> titles = driver.findElements(By.cssSelector("#coverage-bars .bar")).stream()
                .map(b -> b.getAttribute("title")).toList();
        assertEquals(10, titles.size());
        assertTrue(titles.get(0).startsWith("T-shirt/top: ") && titles.get(9).startsWith("Ankle boot: 2.0 %"), titles.toString());
    }

    @Test
    void theLivePageChartsEventsAnimatesSamplesAndGeneratesDigits() {
        String run = "browser-1";
        Events.send(Events.started(run, 5));
        Events.send(Events.progress(run, 1, 10, 0.9));
        Events.send(Events.progress(run, 1, 20, 0.8));
        Events.send(Events.epoch(run, 1, 30, 0.85));
        Events.send(Events.sample(run, 1, 40));

        driver.get(page.toString());
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        wait.until(d -> d.findElements(By.cssSelector("#run-picker option[value='" + run + "']")).size() == 1);
        new Select(driver.findElement(By.id("run-picker"))).selectByValue(run);
        wait.until(d -> points("chart-loss") == 3);
        wait.until(d -> d.findElement(By.id("connection")).getText().equals("live"));

        // new events reach the chart without a reload
        long sent = System.nanoTime();
        Events.send(Events.progress(run, 2, 40, 0.7));
        new WebDriverWait(driver, Duration.ofSeconds(10), Duration.ofMillis(20)).until(d -> points("chart-loss") == 4);
        System.out.printf("event-to-DOM latency: %.0f ms (produce to chart update)%n", (System.nanoTime() - sent) / 1e6);
        Events.send(Events.epoch(run, 2, 60, 0.75));
        Events.send(Events.sample(run, 2, 220));
        wait.until(d -> points("chart-loss") == 5);

        // the slider moves through the epochs' grids
        wait.until(d -> d.findElement(By.id("sample-label")).getText().startsWith("epoch 2"));
        WebElement slider = driver.findElement(By.id("sample-slider"));
        String newest = driver.findElement(By.id("sample")).getAttribute("src");
        slider.sendKeys(Keys.ARROW_LEFT);
        wait.until(d -> d.findElement(By.id("sample")).getAttribute("src").endsWith("/samples/1.png"));
        assertTrue(newest.endsWith("/samples/2.png"), newest);
        assertEquals("epoch 1 (1 of 2)", driver.findElement(By.id("sample-label")).getText());

        // quality figures: FID and score charts beside their floor, and the digit shares as bars
        assertFalse(driver.findElement(By.id("quality-panel")).isDisplayed(), "no figures yet, no panel");
        Events.send(Events.measuredEpoch(run, 3, 90, 40.0, 6.5, 4));
        Events.send(Events.measuredEpoch(run, 4, 120, 25.0, 7.5, 7));
        wait.until(d -> points("chart-fid") == 2 && points("chart-score") == 2);
        assertTrue(driver.findElement(By.id("quality-panel")).isDisplayed());
        List<WebElement> bars = driver.findElements(By.cssSelector("#coverage-bars .bar"));
        assertEquals(10, bars.size());
        assertEquals(List.of("7"), bars.stream().filter(b -> b.getAttribute("class").contains("low"))
                .map(b -> b.getAttribute("data-digit")).toList(), "the newest epoch's rare digit is marked");
        String label = driver.findElement(By.id("coverage-label")).getText();
        assertTrue(label.startsWith("epoch 4: 9/10 digits covered on 2000 samples") && label.contains("real data: FID 1.65"),
                label);

        // checkpoints show their FID; the newest event names the best, which the table marks
        Events.send(Events.measuredCheckpoint(run, 3, 40.0, 3, 40.0));
        Events.send(Events.measuredCheckpoint(run, 4, 55.5, 3, 40.0));
        wait.until(d -> d.findElements(By.cssSelector("#checkpoints tr")).size() == 2);
        List<String> rows = driver.findElements(By.cssSelector("#checkpoints tr")).stream().map(WebElement::getText).toList();
        assertTrue(rows.get(0).startsWith("4 55.50 "), rows.get(0));
        assertTrue(rows.get(1).startsWith("3 40.00 ★ best"), rows.get(1));

        // a run that keeps an averaged generator: both FID curves, and the served (averaged) figures first
        Events.send(Events.averagedEpoch(run, 5, 150, 30.0, 12.0));
        wait.until(d -> points("chart-fid") == 3);
        String legend = driver.findElement(By.id("chart-fid")).getText();
        assertTrue(legend.contains("FID-MNIST raw") && legend.contains("FID-MNIST averaged"), legend);
        wait.until(d -> d.findElement(By.id("coverage-label")).getText().startsWith("epoch 5 (averaged generator)"));
        assertEquals(List.of("3"), driver.findElements(By.cssSelector("#coverage-bars .bar")).stream()
                .filter(b -> b.getAttribute("class").contains("low")).map(b -> b.getAttribute("data-digit")).toList(),
                "the bars are the averaged generator's");
        Events.send(Events.averagedCheckpoint(run, 5, 30.0, 12.0));
        wait.until(d -> d.findElements(By.cssSelector("#checkpoints tr")).size() == 3);
        String top = driver.findElements(By.cssSelector("#checkpoints tr")).get(0).getText();
        assertTrue(top.startsWith("5 12.00 (raw 30.00) ★ best"), top);

        // the generate panel asks the real generator through the dashboard
        driver.findElement(By.id("seed")).sendKeys("42");
        driver.findElement(By.id("generate")).click();
        wait.until(d -> d.findElement(By.id("generated")).isDisplayed());
        wait.until(d -> d.findElement(By.id("generate-message")).getText().startsWith("seed 42"));
        Object width = driver.executeScript("return document.getElementById('generated').naturalWidth");
        assertTrue(((Number) width).intValue() > 100, "a decoded grid image: " + width);
        wait.until(d -> d.findElement(By.id("serving")).getText().startsWith("generator serves browser-generator"));

        // the digit picker lists the served conditional model's classes; a digit and a row per digit
        wait.until(d -> d.findElements(By.cssSelector("#digit option")).size() == 11);
        new Select(driver.findElement(By.id("digit"))).selectByVisibleText("3");
        driver.findElement(By.id("generate")).click();
        wait.until(d -> d.findElement(By.id("generate-message")).getText().contains("drawn by the conditional model"));
        driver.findElement(By.id("by-class")).click();
        driver.findElement(By.id("count")).clear();
        driver.findElement(By.id("count")).sendKeys("4");
        driver.findElement(By.id("generate")).click();
        // ten rows of 4 at scale 2: 2 + 10 × (56 + 2) pixels high
        wait.until(d -> Long.valueOf(582).equals(driver.executeScript("return document.getElementById('generated').naturalHeight")));
        Object rowWidth = driver.executeScript("return document.getElementById('generated').naturalWidth");
        assertEquals(2 + 4 * 58, ((Number) rowWidth).intValue());

        List<LogEntry> severe = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
        assertEquals(List.of(), severe, "no console errors");
    }
}
