package io.digitgan.testing;

import static io.restassured.RestAssured.given;

import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;

/** The {@code kafka} check of a service's readiness (service-common's KafkaReadiness). */
public final class KafkaHealth {

    private KafkaHealth() {}

    /** The check's status and data, e.g. {@code {status=UP, data={checkpoints=connected, ...}}}. */
    public static Map<String, Object> check() {
        JsonPath health = given().get("/q/health/ready").then().extract().jsonPath();
        List<Map<String, Object>> checks = health.getList("checks");
        return checks.stream().filter(c -> "kafka".equals(c.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no kafka readiness check in " + health.prettify()));
    }

    @SuppressWarnings("unchecked")
    public static String channelState(String channel) {
        Object state = ((Map<String, Object>) check().getOrDefault("data", Map.of())).get(channel);
        return state == null ? "absent" : state.toString();
    }

    public static String status() {
        return String.valueOf(check().get("status"));
    }

    /**
     * Waits until {@code channel}'s credentials are refused, then: the kafka check and readiness
     * DOWN, liveness UP (an orchestrator does not restart the process in a loop).
     */
    public static void awaitRefusedButAlive(String channel) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                .until(() -> channelState(channel).equals("credentials refused"));
        org.junit.jupiter.api.Assertions.assertEquals("DOWN", status());
        given().get("/q/health/ready").then().statusCode(503);
        given().get("/q/health/live").then().statusCode(200);
    }
}
