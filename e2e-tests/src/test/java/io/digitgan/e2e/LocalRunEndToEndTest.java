package io.digitgan.e2e;

import io.digitgan.testing.HeadlessChromium;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The README's run command, from outside: {@code scripts/run-local.sh --profile smoke} starts a
 * real Kafka, the trainer, the generator and the dashboard; two epochs reach the dashboard, the
 * generator serves the newest checkpoint, the page charts both epochs; then it stops and leaves
 * no process or port behind.
 */
class LocalRunEndToEndTest {

    static final List<Integer> PORTS = List.of(9092, 8080, 8081, 8082);
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    static Path root;
    static Path data;
    static Process system;
    static Path output;

    @BeforeAll
    static void startTheSystem() throws IOException {
        root = DataFolders.ROOT;
        for (int port : PORTS) {
            assertTrue(!open(port), "port " + port + " must be free for the end-to-end test");
        }
        data = DataFolders.fresh("local-run");
        output = data.resolve("run-local.out");
        // --epochs too: its optional environment variable once broke the trainer's start line
        ProcessBuilder run = new ProcessBuilder("bash", "scripts/run-local.sh", "--profile", "smoke", "--epochs", "2", "--data-dir",
                data.toString()).directory(root.toFile()).redirectErrorStream(true).redirectOutput(output.toFile());
        // the project's evaluator (gan-core's tests train it on a clean clone), not one trained again here
        run.environment().put("DIGITGAN_QUALITY_EVALUATOR_DIR", root.resolve("data/evaluator").toString());
        system = run.start();
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            if (!system.isAlive()) {
                throw new AssertionError("run-local.sh exited: " + Files.readString(output));
            }
            return Files.readString(output).contains("DigitGAN is running.");
        });
    }

    @AfterAll
    static void stopIfStillRunning() throws Exception {
        if (system != null && system.isAlive()) {
            new ProcessBuilder("bash", "scripts/run-local.sh", "down", "--data-dir", data.toString())
                    .directory(root.toFile()).inheritIO().start().waitFor(120, TimeUnit.SECONDS);
            system.destroyForcibly();
        }
    }

    static boolean open(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static HttpResponse<byte[]> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    static JsonNode json(String url) throws Exception {
        HttpResponse<byte[]> r = get(url);
        assertEquals(200, r.statusCode(), url + ": " + new String(r.body()));
        return JSON.readTree(r.body());
    }

    @Test
    void twoEpochsReachTheDashboardTheGeneratorServesTheNewestAndNothingIsLeftAfterStop() throws Exception {
        String printed = Files.readString(output);
        assertTrue(printed.contains("http://localhost:8080") && printed.contains("token:"), printed);

        // the dashboard has the run with both epochs
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            JsonNode runs = json("http://localhost:8080/api/v1/runs");
            return runs.size() == 1 && runs.get(0).path("lastEpoch").asInt() == 2
                    && runs.get(0).path("status").asText().equals("COMPLETED");
        });
        String runId = json("http://localhost:8080/api/v1/runs").get(0).path("runId").asText();
        JsonNode run = json("http://localhost:8080/api/v1/runs/" + runId);
        assertEquals(2, run.path("epochs").size());
        assertEquals(2, run.path("checkpoints").size());

        // the generator serves the newest checkpoint
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1)).until(() ->
                get("http://localhost:8082/api/v1/model").statusCode() == 200
                        && json("http://localhost:8082/api/v1/model").path("epoch").asInt() == 2);
        JsonNode model = json("http://localhost:8082/api/v1/model");
        assertEquals(runId, model.path("runId").asText());
        // the last epoch was measured on 10,000 samples; the figures travel from trainer to generator and dashboard
        assertEquals(10_000, model.path("quality").path("samples").asInt(), model.toString());
        assertTrue(model.path("quality").path("fid").asDouble() > model.path("quality").path("floor").path("fid").asDouble());
        assertEquals(model.path("quality").path("fid").asDouble(),
                run.path("epochs").get(1).path("quality").path("fid").asDouble(), 1e-9);
        HttpResponse<byte[]> png = get("http://localhost:8082/api/v1/digits.png?count=16&seed=1");
        assertEquals(200, png.statusCode());
        assertEquals("2", png.headers().firstValue("X-Model-Epoch").orElseThrow());
        assertEquals((byte) 0x89, png.body()[0]);
        // the default run is conditional: a digit is drawn directly, one row per digit on request
        assertTrue(model.path("conditional").asBoolean(), model.toString());
        assertTrue(model.path("quality").path("classAccuracy").isNumber(), model.toString());
        HttpResponse<byte[]> seven = get("http://localhost:8082/api/v1/digits.png?count=4&seed=1&digit=7");
        assertEquals(200, seven.statusCode());
        assertEquals("conditional", seven.headers().firstValue("X-Digit-Sampling").orElseThrow());
        assertEquals(200, get("http://localhost:8082/api/v1/digits.png?layout=classes&count=3&seed=1").statusCode());

        // the page charts both epochs
        ChromeDriver driver = browser();
        try {
            driver.get("http://localhost:8080/");
            new WebDriverWait(driver, Duration.ofSeconds(30)).until(d ->
                    "2".equals(d.findElement(By.id("chart-loss")).getAttribute("data-epochs")));
            new WebDriverWait(driver, Duration.ofSeconds(30)).until(d ->
                    d.findElement(By.id("serving")).getText().contains("epoch 2"));
            new WebDriverWait(driver, Duration.ofSeconds(30)).until(d ->
                    "1".equals(d.findElement(By.id("chart-fid")).getAttribute("data-points")));
        } finally {
            driver.quit();
        }

        // stop as Ctrl-C would (the script traps INT and TERM alike); nothing may be left
        Process down = new ProcessBuilder("bash", "scripts/run-local.sh", "down", "--data-dir", data.toString())
                .directory(root.toFile()).redirectErrorStream(true).start();
        assertTrue(down.waitFor(120, TimeUnit.SECONDS), "down finishes");
        assertTrue(system.waitFor(60, TimeUnit.SECONDS), "run-local.sh exits");
        for (int port : PORTS) {
            assertTrue(!open(port), "port " + port + " is closed after stop");
        }
        assertEquals(List.of(), LocalRunProcesses.of(data), "no process left");
    }

    static ChromeDriver browser() throws IOException {
        assertTrue(new File("/usr/bin/chromium").canExecute(), "Debian's chromium is needed");
        System.setProperty("SE_OFFLINE", "true");
        return HeadlessChromium.start(1400, 1600);
    }
}
