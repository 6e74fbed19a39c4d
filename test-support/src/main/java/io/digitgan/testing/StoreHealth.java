package io.digitgan.testing;

import static io.restassured.RestAssured.given;

import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;

/** The {@code checkpoint-store} check of a service's readiness (service-checkpoints' CheckpointStoreReadiness). */
public final class StoreHealth {

    private StoreHealth() {}

    public static Map<String, Object> check() {
        JsonPath health = given().get("/q/health/ready").then().extract().jsonPath();
        List<Map<String, Object>> checks = health.getList("checks");
        return checks.stream().filter(c -> "checkpoint-store".equals(c.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no checkpoint-store readiness check in " + health.prettify()));
    }

    /**
     * Waits until the store's check is DOWN with a problem that names {@code setting}, then:
     * readiness DOWN, liveness UP (an orchestrator does not restart the process in a loop).
     */
    @SuppressWarnings("unchecked")
    public static String awaitDownNamingButAlive(String setting) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() -> {
            Map<String, Object> check = check();
            Object problem = ((Map<String, Object>) check.getOrDefault("data", Map.of())).get("problem");
            return "DOWN".equals(check.get("status")) && problem != null && problem.toString().contains(setting);
        });
        given().get("/q/health/ready").then().statusCode(503);
        given().get("/q/health/live").then().statusCode(200);
        return ((Map<String, Object>) check().get("data")).get("problem").toString();
    }
}
