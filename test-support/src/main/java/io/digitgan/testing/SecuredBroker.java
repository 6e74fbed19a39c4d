package io.digitgan.testing;

import io.digitgan.kafka.FreePorts;
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
 * A second real broker with a {@code SASL_PLAINTEXT} (SCRAM-SHA-512) and an {@code SSL} listener
 * (a key pair keytool makes for 127.0.0.1), run as a process of its own: inside a Quarkus test JVM
 * the broker's SASL classes exist in two class loaders and it refuses every login. One per test
 * JVM (its addresses are kept in system properties, which every class loader sees); killed when
 * the JVM exits.
 */
public final class SecuredBroker {

    public static final LocalKafka.SaslUser USER = new LocalKafka.SaslUser("digitgan", "digitgan-test-secret");
    private static final String PLAIN = "test-support.sasl-broker.plaintext";
    private static final String SASL = "test-support.sasl-broker.sasl";
    private static final String SSL = "test-support.sasl-broker.ssl";
    private static final String TRUSTSTORE = "test-support.sasl-broker.truststore";
    /** The password of the generated keystore and truststore. */
    public static final String STORE_PASSWORD = "digitgan-test-store";

    private SecuredBroker() {}

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

    /** The TLS listener (the broker's certificate is in {@link #truststore()}). */
    public static String sslBootstrapServers() {
        start();
        return System.getProperty(SSL);
    }

    /** A PKCS12 truststore holding the broker's self-signed certificate. */
    public static String truststore() {
        start();
        return System.getProperty(TRUSTSTORE);
    }

    private static synchronized void start() {
        synchronized (System.class) { // one lock for every class loader
            if (System.getProperty(SASL) != null) {
                return;
            }
            // fresh ports each try: a port free a moment ago may be taken by the time the broker binds,
            // and a broker that cannot bind halts without a word (its log goes nowhere here)
            IllegalStateException last = null;
            for (int attempt = 1; attempt <= 3; attempt++) {
                int port = FreePorts.next();
                int saslPort = FreePorts.next();
                int sslPort = FreePorts.next();
                int controllerPort = FreePorts.next();
                try {
                    launch(port, saslPort, sslPort, controllerPort);
                    System.setProperty(PLAIN, "127.0.0.1:" + port);
                    System.setProperty(SASL, "127.0.0.1:" + saslPort);
                    System.setProperty(SSL, "127.0.0.1:" + sslPort);
                    return;
                } catch (IllegalStateException e) {
                    System.err.println("SecuredBroker: try " + attempt + " of 3 failed: " + e.getMessage());
                    last = e;
                }
            }
            throw last;
        }
    }

    private static void launch(int port, int saslPort, int sslPort, int controllerPort) {
        try {
            Path dir = Files.createTempDirectory("digitgan-sasl-kafka");
            Path keystore = dir.resolve("broker.p12");
            Path truststore = dir.resolve("trust.p12");
            keytool("-genkeypair", "-alias", "broker", "-keyalg", "RSA", "-keysize", "2048", "-validity", "30",
                    "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
                    "-keystore", keystore.toString(), "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD);
            keytool("-exportcert", "-alias", "broker", "-keystore", keystore.toString(), "-storepass", STORE_PASSWORD,
                    "-file", dir.resolve("broker.crt").toString());
            keytool("-importcert", "-noprompt", "-alias", "broker", "-file", dir.resolve("broker.crt").toString(),
                    "-storetype", "PKCS12", "-keystore", truststore.toString(), "-storepass", STORE_PASSWORD);
            Process process = new ProcessBuilder(ChildJava.command("-Xmx512m",
                    "-cp", System.getProperty("java.class.path"), LocalKafka.class.getName(),
                    "--port", String.valueOf(port), "--controller-port", String.valueOf(controllerPort),
                    "--data-dir", dir.toString(),
                    "--sasl-port", String.valueOf(saslPort), "--sasl-user", USER.name() + ":" + USER.password(),
                    "--ssl-port", String.valueOf(sslPort), "--ssl-keystore", keystore.toString(),
                    "--ssl-password", STORE_PASSWORD))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.PIPE).start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "sasl-broker-stop"));
            awaitReady(process);
            System.setProperty(TRUSTSTORE, truststore.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void keytool(String... args) throws IOException {
        java.util.List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(java.util.List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (p.waitFor() != 0) {
                throw new IllegalStateException("keytool " + args[0] + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
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
        String code = "?";
        try {
            if (process.waitFor(5, TimeUnit.SECONDS)) {
                code = String.valueOf(process.exitValue());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("the SASL broker process ended (exit " + code + ") before it was ready:\n" + seen);
    }
}
