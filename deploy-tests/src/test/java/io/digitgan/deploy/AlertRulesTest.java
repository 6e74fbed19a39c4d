package io.digitgan.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * k8s/monitoring's alert rules, for real: Prometheus' own promtool checks the groups of the
 * rendered PrometheusRule and runs the unit tests of tests/alerts-test.yaml on them (synthetic
 * series: which alerts fire on a collapsed, stalled or failed run and a lagging replica, and that
 * a healthy run fires none). Needs Debian's prometheus package (promtool).
 */
class AlertRulesTest {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static JsonNode rule;
    static Path rules;

    @BeforeAll
    static void extract() throws Exception {
        String rendered = Project.run("kubectl", "kustomize", "k8s/monitoring");
        for (String doc : rendered.split("(?m)^---\\s*$")) {
            JsonNode node = YAML.readTree(doc);
            if (node != null && "PrometheusRule".equals(node.path("kind").asText())) {
                rule = node;
            }
        }
        assertTrue(rule != null, "k8s/monitoring renders a PrometheusRule");
        // promtool reads a plain rule file: the resource's spec.groups, beside the unit tests
        Path dir = Files.createDirectories(Path.of("target", "monitoring"));
        rules = dir.resolve("digitgan-alerts.rules.yaml");
        ObjectNode plain = YAML.createObjectNode();
        plain.set("groups", rule.path("spec").path("groups"));
        YAML.writeValue(rules.toFile(), plain);
        Files.copy(Project.root().resolve("k8s/monitoring/tests/alerts-test.yaml"), dir.resolve("alerts-test.yaml"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void promtoolAcceptsTheRulesAndTheirUnitTestsPass() {
        String checked = Project.run("promtool", "check", "rules", rules.toAbsolutePath().toString());
        assertTrue(checked.contains("SUCCESS: " + alerts().size() + " rules found"), checked);
        String tested = Project.runIn(rules.getParent(), "promtool", "test", "rules", "alerts-test.yaml");
        assertTrue(tested.contains("SUCCESS"), tested);
    }

    @Test
    void everyAlertFiresInATestStaysSilentOnTheHealthyRunAndHasARunbook() throws Exception {
        JsonNode tests = YAML.readTree(Project.root().resolve("k8s/monitoring/tests/alerts-test.yaml").toFile()).path("tests");
        Set<String> fired = new TreeSet<>();
        Set<String> silentWhenHealthy = new TreeSet<>();
        for (JsonNode test : tests) {
            for (JsonNode check : test.path("alert_rule_test")) {
                if (check.path("exp_alerts").size() > 0) {
                    fired.add(check.path("alertname").asText());
                } else if (test.path("name").asText().startsWith("a healthy run")) {
                    silentWhenHealthy.add(check.path("alertname").asText());
                }
            }
        }
        assertEquals(alerts(), fired, "every alert is seen firing in a unit test");
        assertEquals(alerts(), silentWhenHealthy, "and seen silent on the healthy run");
        String architecture = Files.readString(Project.root().resolve("docs/ARCHITECTURE.md"));
        for (JsonNode group : rule.path("spec").path("groups")) {
            for (JsonNode alert : group.path("rules")) {
                String name = alert.path("alert").asText();
                assertFalse(alert.path("annotations").path("runbook").asText().isBlank(), name + " has a runbook line");
                assertTrue(architecture.contains(name), name + " is described in docs/ARCHITECTURE.md");
            }
        }
    }

    @Test
    void everyDigitganPodIsScrapedWhereItsMetricsAre() {
        String rendered = Project.run("kubectl", "kustomize", "k8s/monitoring");
        assertTrue(rendered.contains("kind: PodMonitor"), "a PodMonitor");
        assertTrue(rendered.contains("path: /q/metrics") && rendered.contains("port: http"), rendered);
        for (String service : KustomizeManifestsTest.SERVICES) {
            assertEquals("/q/metrics", ServiceConfig.of(service).properties().get("quarkus.micrometer.export.prometheus.path"));
        }
        assertTrue(rendered.contains("grafana_dashboard: \"1\""), "the dashboards are labelled for Grafana's sidecar");
    }

    /** The dashboard's banners and the alerts warn at the same numbers. */
    @Test
    void theDashboardsBannersUseTheAlertsThresholds() throws Exception {
        String app = Files.readString(Project.root().resolve(
                "dashboard-service/src/main/resources/META-INF/resources/app.js"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("const WARNINGS = \\{([^}]*)\\}").matcher(app);
        assertTrue(m.find(), "app.js declares WARNINGS");
        java.util.Map<String, String> js = new java.util.HashMap<>();
        for (String pair : m.group(1).split(",")) {
            String[] kv = pair.split(":");
            js.put(kv[0].strip(), kv[1].strip());
        }
        String rules = rule.toString();
        assertTrue(rules.contains("digitgan_training_d_fake < " + js.get("dFakeFloor")), "D(G(z)) floor " + js);
        assertTrue(rules.contains("digitgan_training_class_entropy < " + js.get("entropyFloor")), "entropy floor " + js);
        assertTrue(rules.contains("digitgan_training_classes_covered < " + js.get("classesFloor")), "classes floor " + js);
    }

    static Set<String> alerts() {
        Set<String> names = new TreeSet<>();
        rule.path("spec").path("groups").forEach(g -> g.path("rules").forEach(r -> names.add(r.path("alert").asText())));
        return names;
    }
}
