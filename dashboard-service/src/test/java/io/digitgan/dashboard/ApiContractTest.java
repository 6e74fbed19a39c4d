package io.digitgan.dashboard;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.digitgan.kafka.QuarkusKafkaResource;
import io.digitgan.testing.ApiContract;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** service-common's promises on this service: problem+json for framework errors, page paths included. */
@QuarkusTest
@QuarkusTestResource(QuarkusKafkaResource.class)
class ApiContractTest {

    @Test
    void frameworkErrorsAreProblems() throws Exception {
        ApiContract.noCorsForAForeignOrigin("/api/v1/runs");
        ApiContract.unknownPathIsAProblem("/api/v1/nothing-here");
        ApiContract.unknownPathIsAProblem("/no-such-page.html");
        ApiContract.wrongMethodIsAProblem("/api/v1/runs", "GET", "HEAD", "OPTIONS");
        ApiContract.bodyLimitsRefuseEarly("PUT", "/api/v1/generator/pin", "any-token");
        ApiContract.aBodyCutOffByTheClientIsNoError("PUT", "/api/v1/generator/pin", "any-token");
        given().get("/api/v1/runs/any/samples/-1.png").then().statusCode(400).contentType(ApiContract.PROBLEM)
                .body("title", equalTo("Invalid parameter 'epoch'"));
        given().get("/").then().statusCode(200).contentType(org.hamcrest.Matchers.containsString("text/html"));
    }
}
