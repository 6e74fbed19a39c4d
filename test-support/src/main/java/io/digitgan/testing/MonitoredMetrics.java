package io.digitgan.testing;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The metrics that k8s/monitoring's alert rules and Grafana dashboards read, checked against a
 * running service's own {@code /q/metrics}: a renamed metric breaks a test, not an alert that
 * then never fires.
 */
public final class MonitoredMetrics {

    private static final Pattern NAME = Pattern.compile("\\b(digitgan_[a-z0-9_]+|http_server_requests_seconds_[a-z]+)\\b");

    private MonitoredMetrics() {}

    /** Every metric family the rules and dashboards name. */
    public static Set<String> named() {
        Path monitoring = Path.of("..", "k8s", "monitoring");
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.walk(monitoring)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json") || f.endsWith("prometheus-rule.yaml")).toList()) {
                Matcher m = NAME.matcher(Files.readString(file));
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + monitoring.toAbsolutePath(), e);
        }
        return names;
    }

    /**
     * The names {@code service} (trainer, generator, dashboard) must export: its own
     * {@code digitgan_<service>_*} ones (the trainer's also {@code digitgan_training_*} and
     * {@code digitgan_events_*}), and the ones every service has (HTTP, Kafka).
     */
    public static Set<String> of(String service) {
        Set<String> mine = new TreeSet<>();
        for (String name : named()) {
            boolean everyone = name.startsWith("http_server_requests_seconds_") || name.startsWith("digitgan_kafka_");
            boolean own = switch (service) {
                case "trainer" -> name.startsWith("digitgan_training_") || name.startsWith("digitgan_events_");
                default -> name.startsWith("digitgan_" + service + "_");
            };
            if (everyone || own) {
                mine.add(name);
            }
        }
        return mine;
    }

    /** The metric names the running service exports now. */
    public static Set<String> exported() {
        Set<String> names = new TreeSet<>();
        for (String line : given().get("/q/metrics").then().statusCode(200).extract().asString().split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                names.add(line.split("[{ ]", 2)[0]);
            }
        }
        return names;
    }

    /** Asserts that the running service exports every metric the monitoring reads of it. */
    public static void assertExportedBy(String service) {
        Set<String> missing = new TreeSet<>(of(service));
        missing.removeAll(exported());
        org.junit.jupiter.api.Assertions.assertFalse(of(service).isEmpty(), "the monitoring reads nothing of " + service);
        org.junit.jupiter.api.Assertions.assertEquals(Set.of(), missing,
                service + ": metrics the alert rules or dashboards read but /q/metrics does not have");
    }
}
