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
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A GAN's own failures as banners on the live page, in Chromium, from events on the real broker:
 * a run whose discriminator wins outright and whose samples collapse onto three classes, a run
 * stopped by a NaN loss, and a healthy run that shows none.
 */
@QuarkusTest
@QuarkusTestResource(QuarkusKafkaResource.class)
class GanWarningsBrowserTest {

    @TestHTTPResource("/")
    URL page;

    @Test
    void dominanceCollapseAndNanAreBannersAndAHealthyRunHasNone() {
        Events.send(Events.started("warn-sick", 4));
        for (int epoch = 1; epoch <= 4; epoch++) {
            double dFake = epoch == 1 ? 0.3 : 0.01; // D(G(z)) collapses from epoch 2
            Quality q = epoch == 4 ? quality(threeOfTen()) : null;
            Events.send(MetricsEvent.training("EPOCH", "warn-sick", epoch, epoch * 10L, 4.0, 0.1, 0.99, dFake, 0.1, 700,
                    12.5, q));
        }
        Events.send(Events.started("warn-nan", 4));
        Events.send(Events.epoch("warn-nan", 1, 10, 0.9));
        Events.send(RunEvent.of("FAILED", "warn-nan", 1, Map.of("epochs", 4), "cpu()", Instant.now(),
                "generator loss became non-finite at epoch 2, step 7; training was stopped."));
        Events.send(Events.started("warn-healthy", 4));
        for (int epoch = 1; epoch <= 3; epoch++) {
            Events.send(MetricsEvent.training("EPOCH", "warn-healthy", epoch, epoch * 10L, 0.9, 1.3, 0.6, 0.4, 0.1, 700,
                    12.5, quality(uniform())));
        }

        ChromeDriver driver = HeadlessChromium.start(1400, 1200);
        try {
            driver.get(page.toString());
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
            List<String> sick = banners(driver, wait, "warn-sick", 2);
            assertTrue(sick.get(0).contains("discriminator dominates") && sick.get(0).contains("0.010, 0.010, 0.010"),
                    sick.get(0));
            assertTrue(sick.get(1).contains("Mode collapse at epoch 4: the samples cover 3 of 10 classes"), sick.get(1));
            List<String> nan = banners(driver, wait, "warn-nan", 1);
            assertTrue(nan.get(0).startsWith("A loss became NaN or infinite") && nan.get(0).contains("epoch 2, step 7"),
                    nan.get(0));
            assertEquals(List.of(), banners(driver, wait, "warn-healthy", 0), "a healthy run shows no warning");
        } finally {
            driver.quit();
        }
    }

    /** Selects {@code run} and waits for exactly {@code count} banners; their texts. */
    private static List<String> banners(ChromeDriver driver, WebDriverWait wait, String run, int count) {
        wait.until(d -> new Select(d.findElement(By.id("run-picker"))).getOptions().stream()
                .anyMatch(o -> run.equals(o.getAttribute("value"))));
        new Select(driver.findElement(By.id("run-picker"))).selectByValue(run);
        wait.until(d -> d.findElement(By.id("run-meta")).getText().contains("epoch"));
        wait.until(d -> d.findElements(By.cssSelector("#warnings [role=alert]")).size() == count);
        return driver.findElements(By.cssSelector("#warnings [role=alert]")).stream().map(WebElement::getText).toList();
    }

    private static Quality quality(Map<String, Double> shares) {
        return new Quality(20.0, 8.0, new LinkedHashMap<>(shares), shares.size(), 2000, 1.8, "lenet-v1",
                new Quality.Floor(1.65, 9.81, 10), 20.0);
    }

    /** The evaluator reads only 1, 7 and 4 among the samples. */
    private static Map<String, Double> threeOfTen() {
        Map<String, Double> shares = new LinkedHashMap<>();
        for (int d = 0; d <= 9; d++) {
            shares.put(Integer.toString(d), d == 1 ? 0.6 : d == 7 ? 0.3 : d == 4 ? 0.1 : 0.0);
        }
        return shares;
    }

    private static Map<String, Double> uniform() {
        Map<String, Double> shares = new LinkedHashMap<>();
        for (int d = 0; d <= 9; d++) {
            shares.put(Integer.toString(d), 0.1);
        }
        return shares;
    }
}
