package io.digitgan.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.digitgan.events.RunEvent;
import io.digitgan.kafka.QuarkusKafkaResource;
import io.digitgan.testing.HeadlessChromium;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Markup in a run's id, device, config and failure reason is shown as text, never run, in a real Chromium. */
@QuarkusTest
@QuarkusTestResource(QuarkusKafkaResource.class)
class EscapingBrowserTest {

    @TestHTTPResource("/")
    URL page;

    @Test
    void markupInEventsIsShownAsTextAndNeverRuns() {
        String run = "x<img src=x onerror=window.__xss=1>";
        Events.send(RunEvent.of("STARTED", run, 0, Map.of("epochs", 2, "note", "<script>window.__xss=2</script>"),
                "<b onmouseover=window.__xss=3>cpu</b>", Instant.now(), null));
        Events.send(RunEvent.of("FAILED", run, 0, Map.of("epochs", 2, "note", "<script>window.__xss=2</script>"),
                "<b onmouseover=window.__xss=3>cpu</b>", Instant.now(), "<svg onload=window.__xss=4></svg>"));
        ChromeDriver driver = HeadlessChromium.start(1400, 1200);
        try {
            driver.get(page.toString());
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
            wait.until(d -> new Select(d.findElement(By.id("run-picker"))).getOptions().stream()
                    .anyMatch(o -> run.equals(o.getAttribute("value"))));
            new Select(driver.findElement(By.id("run-picker"))).selectByValue(run);
            wait.until(d -> d.findElement(By.id("run-meta")).getText().contains("<b onmouseover=window.__xss=3>cpu</b>"));
            assertNull(driver.executeScript("return window.__xss === undefined ? null : window.__xss"),
                    "no markup from an event ran");
            assertEquals(0, driver.findElements(By.cssSelector("img[src='x'], svg[onload], b[onmouseover]")).size(),
                    "no element came from an event");
        } finally {
            driver.quit();
        }
    }
}
