package io.digitgan.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.digitgan.kafka.FreePorts;
import io.digitgan.testing.KafkaSecurity;
import io.digitgan.testing.SecuredBroker;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The three services on a broker that wants a login (SASL_PLAINTEXT, SCRAM-SHA-512) or TLS, set up as
 * a deployment sets them: {@code KAFKA_*} environment variables. The trainer publishes through SASL,
 * the dashboard reads the run through SASL (its topics, and a run's series when it is opened), the
 * generator loads the announced checkpoints over TLS. Then each service with a wrong password:
 * readiness DOWN ({@code credentials refused}) and one log line naming the settings to fix, liveness
 * UP (no restart loop), its API answering, and the trainer's run completing all the same.
 */
class SecuredKafkaEndToEndTest {

    static final int EPOCHS = 2;

    @Test
    void theServicesLogInOrTrustTheBrokerAndAWrongPasswordLeavesThemAliveButUnready() throws Exception {
        try (Services s = Services.onSecuredBroker("secured")) {
            Map<String, String> sasl = KafkaSecurity.asEnvironment(KafkaSecurity.sasl(SecuredBroker.USER));
            Map<String, String> wrong = KafkaSecurity.asEnvironment(KafkaSecurity.sasl(KafkaSecurity.wrongPassword()));
            s.startService("trainer", "trainer-service", s.trainerPort, with(s.trainerSettings(EPOCHS), sasl));
            s.startService("generator", "generator-service", s.generatorPort,
                    with(Map.of("DIGITGAN_GENERATOR_API_TOKEN", Services.TOKEN), KafkaSecurity.asEnvironment(KafkaSecurity.tls())));
            s.startService("dashboard", "dashboard-service", s.dashboardPort,
                    with(Map.of("DIGITGAN_DASHBOARD_GENERATOR_URL", "http://localhost:" + s.generatorPort), sasl));
            // the same three with a wrong password, beside them
            int trainerRefused = FreePorts.next();
            int generatorRefused = FreePorts.next();
            int dashboardRefused = FreePorts.next();
            // a checkpoint folder of its own: it must not see (and resume) the other trainer's run
            s.startService("trainer-refused", "trainer-service", trainerRefused, with(s.trainerSettings(1),
                    with(wrong, Map.of("DIGITGAN_CHECKPOINTS_DIR", s.data.resolve("refused-checkpoints").toString()))));
            s.startService("generator-refused", "generator-service", generatorRefused, wrong);
            s.startService("dashboard-refused", "dashboard-service", dashboardRefused, wrong);

            String runId = FaultInjectionTest.awaitRun(s);
            await().atMost(Duration.ofMinutes(3)).until(() -> "COMPLETED".equals(FaultInjectionTest.status(s, runId)));
            await().atMost(Duration.ofMinutes(1)).until(() -> FaultInjectionTest.dashboardEpochs(s, runId).equals(List.of(1, 2)));
            await().atMost(Duration.ofMinutes(1)).until(() -> {
                JsonNode model = Services.json(s.generator("/api/v1/model"));
                return model != null && model.path("runId").asText().equals(runId) && model.path("epoch").asInt() == EPOCHS;
            });
            for (String service : List.of(s.trainer(""), s.generator(""), s.dashboard(""))) {
                JsonNode kafka = kafkaCheck(service);
                assertEquals("UP", kafka.path("status").asText(), service + ": " + kafka);
            }

            for (int port : List.of(trainerRefused, generatorRefused, dashboardRefused)) {
                String service = "http://localhost:" + port;
                await().atMost(Duration.ofMinutes(1)).until(() -> {
                    JsonNode kafka = kafkaCheck(service);
                    return kafka != null && kafka.path("data").toString().contains("credentials refused");
                });
                assertEquals(503, Services.get(service + "/q/health/ready").statusCode(), service);
                assertEquals(200, Services.get(service + "/q/health/live").statusCode(), service);
            }
            assertEquals(404, Services.get("http://localhost:" + generatorRefused + "/api/v1/nothing").statusCode());
            assertEquals(200, Services.get("http://localhost:" + dashboardRefused + "/").statusCode());
            await().atMost(Duration.ofMinutes(2)).until(() -> {
                JsonNode runs = Services.json("http://localhost:" + trainerRefused + "/api/v1/runs");
                return runs != null && runs.size() == 1 && runs.get(0).path("status").asText().equals("COMPLETED");
            });
            for (String refused : List.of("trainer-refused", "generator-refused", "dashboard-refused")) {
                long lines = s.log(refused).lines().filter(l -> l.contains("refused the credentials of channel")
                        && l.contains("KAFKA_SASL_JAAS_CONFIG")).count();
                assertTrue(lines >= 1, refused + " says which setting to fix");
            }
            String logs = s.logs() + s.log("trainer-refused") + s.log("generator-refused") + s.log("dashboard-refused");
            assertTrue(!logs.contains(SecuredBroker.USER.password()), "no log contains the Kafka password");
        }
    }

    /** The {@code kafka} check of the service's readiness, or null while it does not answer. */
    static JsonNode kafkaCheck(String service) throws Exception {
        try {
            JsonNode health = Services.JSON.readTree(Services.get(service + "/q/health/ready").body());
            for (JsonNode check : health.path("checks")) {
                if (check.path("name").asText().equals("kafka")) {
                    return check;
                }
            }
            return null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    static Map<String, String> with(Map<String, String> settings, Map<String, String> more) {
        Map<String, String> all = new HashMap<>(settings);
        all.putAll(more);
        return all;
    }
}
