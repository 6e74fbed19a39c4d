package io.digitgan.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.digitgan.kafka.FreePorts;
import io.digitgan.kafka.LocalKafka;
import io.digitgan.s3.LocalS3;
import io.digitgan.testing.ChildJava;
import io.digitgan.testing.TestKafka;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The system as separate processes, for injecting faults: a real broker (in this JVM, so it can
 * be stopped and started), the trainer, the generator and the dashboard from their built jars on
 * free ports, sharing one checkpoint store: a folder, or ({@link #withObjectStore}) a bucket on a
 * real S3 API server in this JVM, each process then with a folder of its own and none shared.
 */
final class Services implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    /** The trainer's token: no log may ever contain it. */
    static final String TOKEN = "e2e-token-never-logged-7f3a";
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    final Path root = DataFolders.ROOT;
    final Path data;
    /** The broker in this JVM; null on {@link #onSecuredBroker}, where each process is given its own KAFKA_* settings. */
    final LocalKafka kafka;
    final int trainerPort = FreePorts.next();
    final int generatorPort = FreePorts.next();
    final int dashboardPort = FreePorts.next();
    private Process trainer;
    Process generator;
    private final List<Process> others = new ArrayList<>();
    /** The object store, when the services use one (else null). */
    LocalS3 s3;
    static final String BUCKET = "digitgan";
    static final String PREFIX = "e2e/";

    Services(String name) throws IOException {
        this(name, true);
    }

    /** The system on SecuredBroker (a broker that wants a login or TLS): no broker of its own. */
    static Services onSecuredBroker(String name) throws IOException {
        return new Services(name, false);
    }

    private Services(String name, boolean ownBroker) throws IOException {
        data = DataFolders.fresh(name);
        kafka = ownBroker ? new LocalKafka(FreePorts.next(), data.resolve("kafka")).start() : null;
    }

    /** The services keep their checkpoints in a bucket of a real S3 server, not in a shared folder. */
    Services withObjectStore() {
        s3 = LocalS3.onPort(data.resolve("s3"), FreePorts.next()).start().createBucket(BUCKET);
        return this;
    }

    /** Where a process keeps its checkpoints: the shared folder, or the bucket and a folder of its own. */
    private Map<String, String> storeSettings(String process) {
        if (s3 == null) {
            return Map.of("DIGITGAN_CHECKPOINTS_DIR", data.resolve("checkpoints").toString());
        }
        return Map.of("DIGITGAN_CHECKPOINTS_STORE", "s3", "DIGITGAN_CHECKPOINTS_S3_BUCKET", BUCKET,
                "DIGITGAN_CHECKPOINTS_S3_PREFIX", PREFIX, "DIGITGAN_CHECKPOINTS_S3_ENDPOINT", s3.endpoint(),
                "DIGITGAN_CHECKPOINTS_S3_PATH_STYLE", "true", "DIGITGAN_CHECKPOINTS_S3_ACCESS_KEY_ID", s3.accessKey(),
                "DIGITGAN_CHECKPOINTS_S3_SECRET_ACCESS_KEY", s3.secretKey(),
                "DIGITGAN_CHECKPOINTS_DIR", ownFolder(process).toString());
    }

    /** A process's own folder (object store: its staging and download cache). */
    Path ownFolder(String process) {
        return data.resolve("own-" + process);
    }

    /** Another generator replica, with its own port, log and folder. */
    Process startGenerator(String name, int port) throws IOException {
        return startGenerator(name, port, List.of());
    }

    /** A generator, with these options of its JVM (e.g. a small {@code -Xmx}). */
    private Process startGenerator(String name, int port, List<String> jvm) throws IOException {
        // the operator token guards pinning; the trainer's is reused, as the local stack does
        Process p = start(name, "generator-service", port, Map.of("DIGITGAN_GENERATOR_API_TOKEN", TOKEN), jvm);
        others.add(p);
        return p;
    }

    /** Starts the trainer; with autostart it resumes an interrupted run, or starts one of {@code epochs}. */
    Services startTrainer(int epochs) throws IOException {
        trainer = start("trainer", "trainer-service", trainerPort, trainerSettings(epochs));
        return this;
    }

    /** The trainer's settings: autostart, the smoke recipe for {@code epochs}, the API token, no quality figures. */
    Map<String, String> trainerSettings(int epochs) {
        return Map.of("DIGITGAN_TRAINING_AUTOSTART", "true",
                "DIGITGAN_TRAINING_PROFILE", "smoke", "DIGITGAN_TRAINING_EPOCHS", String.valueOf(epochs),
                "DIGITGAN_DATA_DIR", data.resolve("mnist").toString(), "DIGITGAN_TRAINER_API_TOKEN", TOKEN,
                "DIGITGAN_QUALITY_EVERY_EPOCHS", "-1", "DIGITGAN_QUALITY_EVALUATOR_DIR",
                root.resolve("data/evaluator").toString());
    }

    /**
     * Starts {@code module} as process {@code name} (its log {@code <name>.log}) on {@code port} with these
     * settings, which may set KAFKA_* too; stopped with the rest.
     */
    Process startService(String name, String module, int port, Map<String, String> settings) throws IOException {
        Process p = start(name, module, port, settings);
        others.add(p);
        return p;
    }

    /**
     * Starts a trainer in run-to-completion mode on entry {@code index} of {@code sweep} (null: no
     * index given); it exits when the run has ended. Its output goes to {@code <log>.log}.
     */
    Process runSweepEntry(Path sweep, Integer index, String log) throws IOException {
        return runSweepEntry(sweep, index, log, Map.of("DIGITGAN_QUALITY_EVERY_EPOCHS", "-1"));
    }

    /** @param settings the trainer's further environment, e.g. how often it measures quality */
    Process runSweepEntry(Path sweep, Integer index, String log, Map<String, String> settings) throws IOException {
        Map<String, String> env = new java.util.HashMap<>(Map.of("DIGITGAN_SWEEP_FILE", sweep.toString(),
                "DIGITGAN_DATA_DIR", data.resolve("mnist").toString(),
                "DIGITGAN_QUALITY_EVALUATOR_DIR", root.resolve("data/evaluator").toString()));
        env.putAll(settings);
        if (index != null) {
            env.put("DIGITGAN_SWEEP_INDEX", index.toString());
        }
        return start(log, "trainer-service", FreePorts.next(), env);
    }

    Services startGeneratorAndDashboard() throws IOException {
        return startGeneratorAndDashboard(List.of());
    }

    /** @param generatorJvm options of the generator's JVM, e.g. a small {@code -Xmx} */
    Services startGeneratorAndDashboard(List<String> generatorJvm) throws IOException {
        startGeneratorAlone(generatorJvm);
        others.add(start("dashboard", "dashboard-service", dashboardPort,
                Map.of("DIGITGAN_DASHBOARD_GENERATOR_URL", "http://localhost:" + generatorPort)));
        return this;
    }

    /** Starts the generator alone, with these options of its JVM (e.g. a small {@code -Xmx}). */
    Services startGeneratorAlone(List<String> jvm) throws IOException {
        generator = startGenerator("generator", generatorPort, jvm);
        return this;
    }

    /** Fails at once, with the end of its log, when the trainer has exited (rather than a wait running out). */
    void assertTrainerRunning() throws IOException {
        if (trainer != null && !trainer.isAlive()) {
            String log = log("trainer");
            throw new AssertionError("the trainer exited (" + trainer.exitValue() + "); the end of its log:\n"
                    + log.substring(Math.max(0, log.length() - 4000)));
        }
    }

    void killTrainer() throws InterruptedException {
        trainer.destroyForcibly(); // SIGKILL: no shutdown hook, no last event
        trainer.waitFor(30, TimeUnit.SECONDS);
    }

    private Process start(String name, String module, int port, Map<String, String> env) throws IOException {
        return start(name, module, port, env, List.of());
    }

    private Process start(String name, String module, int port, Map<String, String> env, List<String> jvm)
            throws IOException {
        List<String> command = new ArrayList<>(ChildJava.command("-Dai.djl.offline=true"));
        command.addAll(jvm);
        command.addAll(List.of("-jar", root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar").toString()));
        ProcessBuilder b = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(data.resolve(name + ".log").toFile()));
        if (kafka != null) {
            b.environment().put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        }
        b.environment().putAll(storeSettings(name));
        b.environment().putAll(env); // may set KAFKA_* or a checkpoint folder of its own
        b.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        return b.start();
    }

    static HttpResponse<byte[]> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The JSON at {@code url}, or null when it does not answer 200. */
    static JsonNode json(String url) {
        try {
            HttpResponse<byte[]> r = get(url);
            return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
        } catch (IOException | InterruptedException e) {
            return null;
        }
    }

    /** What process {@code name} wrote to its log so far ("" before it wrote anything). */
    String log(String name) throws IOException {
        Path log = data.resolve(name + ".log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** Everything the services wrote to their logs so far. */
    String logs() throws IOException {
        StringBuilder all = new StringBuilder();
        for (String name : List.of("trainer", "generator", "dashboard", "generator-a", "generator-b")) {
            all.append(log(name));
        }
        return all.toString();
    }

    static int post(String url, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"epochs\": 1}"));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    String trainer(String path) {
        return "http://localhost:" + trainerPort + path;
    }

    String generator(String path) {
        return "http://localhost:" + generatorPort + path;
    }

    String dashboard(String path) {
        return "http://localhost:" + dashboardPort + path;
    }

    @Override
    public void close() throws InterruptedException {
        List<Process> all = new ArrayList<>(others);
        if (trainer != null) {
            all.add(trainer);
        }
        for (Process p : all) {
            p.destroy();
        }
        for (Process p : all) {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        if (kafka != null) {
            TestKafka.close(kafka.bootstrapServers());
            kafka.stop();
        }
        if (s3 != null) {
            s3.close();
        }
    }
}
