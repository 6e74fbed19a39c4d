package io.digitgan.trainer;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.digitgan.kafka.QuarkusKafkaResource;
import io.digitgan.testing.Fuzzer;
import io.digitgan.testing.Fuzzer.Endpoint;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** 1,000 random and hostile requests (half with the valid token, never a valid body): no 5xx, every error problem+json. */
@QuarkusTest
@QuarkusTestResource(QuarkusKafkaResource.class)
@QuarkusTestResource(FreshCheckpointDir.class)
class FuzzTest {

    static final List<Endpoint> ENDPOINTS = List.of(Endpoint.get("/api/v1/runs"), Endpoint.get("/api/v1/runs/{}"),
            Endpoint.send("POST", "/api/v1/runs"), Endpoint.send("POST", "/api/v1/runs/{}/stop"),
            Endpoint.get("/api/v1/{}"), Endpoint.get("/{}"), Endpoint.get("/q/openapi", "format"));

    @Test
    void hostileRequestsAreRefusedCleanly() {
        List<String> runsBefore = given().get("/api/v1/runs").jsonPath().getList("runId");
        List<String> broken = new Fuzzer(Fuzzer.testService(), 14, "test-token").run(ENDPOINTS, 1_000);
        assertEquals(List.of(), broken);
        assertEquals(runsBefore, given().get("/api/v1/runs").jsonPath().getList("runId"), "no hostile request started a run");
        given().get("/q/health/live").then().statusCode(200);
        given().get("/api/v1/runs").then().statusCode(200);
    }
}
