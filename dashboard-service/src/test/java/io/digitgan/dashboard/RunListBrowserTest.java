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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The run list with more runs than a picker should show, in Chromium: the pickers stay small (the
 * newest runs, a few to tick), a search finds any run by part of its id, a status filter finds the
 * runs whose trainer went away, and such a run says it is interrupted, not training; a sweep's runs
 * are found together and compared in one click.
 */
@QuarkusTest
@QuarkusTestResource(QuarkusKafkaResource.class)
class RunListBrowserTest {

    static final int RUNS = 70; // more than the picker's 50

    @TestHTTPResource("/")
    URL page;

    @Test
    void theListStaysSmallASearchFindsAnyRunAndAGoneTrainersRunIsInterrupted() throws Exception {
        for (int i = 0; i < RUNS; i++) {
            Events.send(Events.started(String.format("many-%03d", i), 3));
        }
        // a run whose trainer said its last word two hours ago, while RUNNING: killed, never told anyone
        Instant silent = Instant.now().minus(Duration.ofHours(2));
        Events.send(new RunEvent(1, "STARTED", "gone-run", 0, Map.of("epochs", 9), "cpu()", null, silent, "RUNNING", silent));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> io.restassured.RestAssured
                .given().queryParam("q", "gone-run").get("/api/v1/runs").jsonPath().getList("status").equals(List.of("INTERRUPTED")));

        ChromeDriver driver = HeadlessChromium.start(1400, 1000);
        try {
            driver.get(page.toString());
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
            wait.until(d -> !options(d).isEmpty());
            assertTrue(options(driver).size() <= 51, "the picker shows the newest runs, not all: " + options(driver).size());
            assertTrue(driver.findElements(By.cssSelector("#compare label")).size() <= 8, "a few runs to tick beside the one shown");
            assertTrue(driver.findElement(By.id("run-count")).getText().matches("\\d+ newest of \\d+"),
                    driver.findElement(By.id("run-count")).getText());

            WebElement search = driver.findElement(By.id("run-search"));
            search.sendKeys("many-00");
            wait.until(d -> options(d).stream().filter(id -> id.startsWith("many-00")).count() == 10);
            assertEquals("10 found", driver.findElement(By.id("run-count")).getText());
            search.clear();
            search.sendKeys("many-000"); // the oldest: beyond the newest 50, found by the server's search
            wait.until(d -> options(d).contains("many-000"));

            search.clear();
            new Select(driver.findElement(By.id("run-status"))).selectByVisibleText("INTERRUPTED");
            wait.until(d -> options(d).contains("gone-run") && !options(d).contains("many-001"));
            new Select(driver.findElement(By.id("run-picker"))).selectByValue("gone-run");
            wait.until(d -> d.findElement(By.id("run-meta")).getText().startsWith("INTERRUPTED"));
            String meta = driver.findElement(By.id("run-meta")).getText();
            assertTrue(meta.contains("no word from its trainer since") && meta.contains("resumes"), meta);
            assertTrue(meta.contains("ETA –"), "no ETA for a run that is not training: " + meta);
            Files.createDirectories(Path.of("target"));
            Files.write(Path.of("target/run-list.png"), driver.getScreenshotAs(OutputType.BYTES));

            // the comparison view offers a bounded list and finds the rest by search
            driver.get(page + "#compare");
            wait.until(d -> !d.findElements(By.cssSelector("#compare-picker label")).isEmpty());
            assertTrue(driver.findElements(By.cssSelector("#compare-picker label")).size() <= 24,
                    "the chosen runs and 20 more at most");
            driver.findElement(By.id("compare-search")).sendKeys("many-001");
            wait.until(d -> d.findElements(By.cssSelector("#compare-picker input[value='many-001']")).size() == 1);
        } finally {
            driver.quit();
        }
    }

    @Test
    void aSweepsRunsAreFoundTogetherAndComparedInOneClick() throws Exception {
        for (int i = 0; i < 3; i++) {
            String id = "lr-sweep-00" + i;
            Events.send(RunEvent.of("STARTED", id, 0, Map.of("epochs", 3, "generatorLearningRate", 1e-4 * (i + 1),
                    "model", Map.of("width", 0.25)), "cpu()", Instant.now(), null, "lr-sweep"));
            Events.send(Events.measuredEpoch(id, 1, 100, 30.0 - 5 * i, 7.0, 9)); // the higher the rate, the lower the FID
        }
        Events.send(Events.started("solo-run", 3)); // a run of its own: in no sweep
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> io.restassured.RestAssured.given()
                .get("/api/v1/sweeps").jsonPath().getList("findAll { it.name == 'lr-sweep' }.runs").equals(List.of(3)));
        var sweep = io.restassured.RestAssured.given().get("/api/v1/sweeps").jsonPath();
        assertEquals("lr-sweep-002", sweep.getString("find { it.name == 'lr-sweep' }.bestRun"));
        assertEquals(20.0f, sweep.getFloat("find { it.name == 'lr-sweep' }.bestFid"));
        assertEquals(List.of("lr-sweep-002", "lr-sweep-001", "lr-sweep-000"), io.restassured.RestAssured.given()
                .queryParam("sweep", "lr-sweep").queryParam("sort", "fid").get("/api/v1/runs").jsonPath().getList("runId"));

        ChromeDriver driver = HeadlessChromium.start(1400, 1000);
        try {
            driver.get(page.toString());
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
            wait.until(d -> d.findElement(By.id("run-sweep")).isDisplayed());
            new Select(driver.findElement(By.id("run-sweep"))).selectByValue("lr-sweep");
            List<String> three = List.of("lr-sweep-000", "lr-sweep-001", "lr-sweep-002");
            wait.until(d -> options(d).containsAll(three) // and the run shown, which always stays listed
                    && options(d).stream().filter(id -> !three.contains(id)).count() <= 1);
            driver.findElement(By.id("compare-sweep")).click();
            wait.until(d -> d.findElements(By.cssSelector("#compare-table tbody tr")).size() == 3);
            assertEquals("#compare=lr-sweep-002,lr-sweep-001,lr-sweep-000",
                    ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("return location.hash"),
                    "the sweep's runs, the best first");
        } finally {
            driver.quit();
        }
    }

    /** The picker's run ids, read in one go (the list is rebuilt as results arrive). */
    @SuppressWarnings("unchecked")
    private static List<String> options(org.openqa.selenium.WebDriver d) {
        return (List<String>) ((org.openqa.selenium.JavascriptExecutor) d)
                .executeScript("return [...document.querySelectorAll('#run-picker option')].map(o => o.value)");
    }
}
