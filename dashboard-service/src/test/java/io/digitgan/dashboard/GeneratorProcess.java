package io.digitgan.dashboard;

import io.digitgan.kafka.FreePorts;
import io.digitgan.kafka.QuarkusKafkaResource;
import io.digitgan.testing.ChildJava;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The real generator-service, as a process, for the dashboard's "generate" panel: a tiny model is
 * trained with the command line (real MNIST), then the service's jar serves it. Both come
 * from the reactor build (cli and generator-service are built before this module).
 */
public class GeneratorProcess implements QuarkusTestResourceLifecycleManager {

    /** The generator's operator token (pinning through the dashboard sends it). */
    public static final String TOKEN = "generator-test-token";

    private Process generator;

    @Override
    public Map<String, String> start() {
        try {
            Path root = Path.of("..").toAbsolutePath().normalize();
            Path store = Files.createTempDirectory("dashboard-generator-store");
            Path logs = Files.createTempDirectory("dashboard-generator-logs");
            run(ChildJava.command("-jar", root.resolve("cli/target/digitgan-cli-0.1.0-SNAPSHOT.jar").toString(), "train",
                    "--profile", "smoke", "--epochs", "1", "--max-images", "256", "--batch-size", "32",
                    "--width", "0.25", "--seed", "1", "--run-id", runId(), "--out", store.toString(),
                    "--conditional", // so that the digit picker offers the model's classes
                    "--quality-every", "-1", // no quality figures: this test needs a checkpoint, fast
                    "--data-dir", System.getProperty("test.mnist.dir", root.resolve("data/mnist").toString())),
                    logs.resolve("train.log"), 180);
            prepare(store);
            int port = FreePorts.next();
            ProcessBuilder pb = new ProcessBuilder(ChildJava.command("-Dai.djl.offline=true", "-jar",
                    root.resolve("generator-service/target/quarkus-app/quarkus-run.jar").toString()));
            pb.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
            pb.environment().put("DIGITGAN_CHECKPOINTS_DIR", store.toString());
            pb.environment().put("KAFKA_BOOTSTRAP_SERVERS", QuarkusKafkaResource.broker().bootstrapServers());
            pb.environment().put("DIGITGAN_GENERATOR_API_TOKEN", TOKEN);
            pb.environment().putAll(environment());
            generator = pb.redirectErrorStream(true).redirectOutput(logs.resolve("generator.log").toFile()).start();
            String url = "http://127.0.0.1:" + port;
            waitReady(url, logs.resolve("generator.log"));
            return Map.of("digitgan.dashboard.generator-url", url);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The run the test generator's checkpoint belongs to. */
    protected String runId() {
        return "browser-generator";
    }

    /** What a variant does to the store before the generator starts (nothing here). */
    protected void prepare(Path store) throws IOException {}

    /** A variant's further settings of the generator (none here). */
    protected Map<String, String> environment() {
        return Map.of();
    }

    private static void run(List<String> command, Path log, int seconds) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!p.waitFor(seconds, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("training for the test generator failed: " + Files.readString(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void waitReady(String url, Path log) throws IOException {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.currentTimeMillis() + 90_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException("the generator did not become ready: " + Files.readString(log));
    }

    @Override
    public void stop() {
        if (generator != null) {
            generator.destroy();
            try {
                generator.waitFor(20, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            generator.destroyForcibly();
        }
    }

    static boolean chromiumInstalled() {
        return new File("/usr/bin/chromium").canExecute() && new File("/usr/bin/chromedriver").canExecute();
    }
}
