package io.digitgan.testing;

import io.digitgan.kafka.LocalKafka;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A second real broker with a {@code SASL_PLAINTEXT} (SCRAM-SHA-512) listener, run as a process
 * of its own: inside a Quarkus test JVM the broker's SASL classes exist in two class loaders and it
 * refuses every login. One per test JVM (its addresses are kept in system properties, which every
 * class loader sees); killed when the JVM exits.
 */
public final class SaslBroker {

    public static final LocalKafka.SaslUser USER = new LocalKafka.SaslUser("digitgan", "digitgan-test-secret");
    private static final String PLAIN = "test-support.sasl-broker.plaintext";
    private static final String SASL = "test-support.sasl-broker.sasl";

    private SaslBroker() {}

    /** The plaintext listener, for the test's own clients. */
    public static String plaintextBootstrapServers() {
        start();
        return System.getProperty(PLAIN);
    }

    /** The SASL listener, for the service under test. */
    public static String saslBootstrapServers() {
        start();
        return System.getProperty(SASL);
    }

    private static synchronized void start() {
        synchronized (System.class) { // one lock for every class loader
            if (System.getProperty(SASL) != null) {
                return;
            }
            int port = LocalKafka.freePort();
            int saslPort = LocalKafka.freePort();
            try {
                Path dir = Files.createTempDirectory("digitgan-sasl-kafka");
                Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx512m", "-cp", System.getProperty("java.class.path"), LocalKafka.class.getName(),
                        "--port", String.valueOf(port), "--data-dir", dir.toString(),
                        "--sasl-port", String.valueOf(saslPort), "--sasl-user", USER.name() + ":" + USER.password())
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.PIPE).start();
                Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "sasl-broker-stop"));
                awaitReady(process);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            System.setProperty(PLAIN, "127.0.0.1:" + port);
            System.setProperty(SASL, "127.0.0.1:" + saslPort);
        }
    }

    private static void awaitReady(Process process) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("Kafka ready on")) {
                Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "sasl-broker-output");
                drain.setDaemon(true);
                drain.start();
                return;
            }
            if (seen.length() < 20_000) {
                seen.append(line).append('\n');
            }
        }
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("the SASL broker process ended before it was ready:\n" + seen);
    }
}
