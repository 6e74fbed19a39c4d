package io.digitgan.dashboard;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.digitgan.kafka.QuarkusKafkaResource;
import io.digitgan.testing.Fuzzer;
import io.digitgan.testing.Fuzzer.Endpoint;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * 1,000 random and hostile requests: no 5xx, every error problem+json. (Not the generator
 * forwarder: with no generator behind it, 503 is its honest answer; nor the endless SSE stream.)
 */
@QuarkusTest
@QuarkusTestResource(QuarkusKafkaResource.class)
class FuzzTest {

    static final List<Endpoint> ENDPOINTS = List.of(Endpoint.get("/api/v1/runs"), Endpoint.get("/api/v1/runs/{}"),
            Endpoint.get("/api/v1/runs/{}/samples/{}.png"), Endpoint.get("/{}"), Endpoint.get("/{}.html"),
            Endpoint.get("/api/v1/{}"), Endpoint.get("/webjars/{}"));

    @Test
    void hostileRequestsAreRefusedCleanly() {
        Events.send(Events.started("fuzz-run", 2));
        List<String> broken = new Fuzzer(Fuzzer.testService(), 14, null).run(ENDPOINTS, 1_000);
        assertEquals(List.of(), broken);
        given().get("/q/health/live").then().statusCode(200);
        given().get("/").then().statusCode(200);
    }
}
