package io.digitgan.trainer;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.digitgan.kafka.QuarkusKafkaResource;
import io.digitgan.testing.ApiContract;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** service-common's promises on this service: problem+json for framework errors, bearer security, the body's schema. */
@QuarkusTest
@QuarkusTestResource(QuarkusKafkaResource.class)
@QuarkusTestResource(FreshCheckpointDir.class)
class ApiContractTest {

    static final String AUTH = "Bearer test-token";

    @Test
    void frameworkErrorsAreProblems() throws Exception {
        ApiContract.noCorsForAForeignOrigin("/api/v1/runs");
        ApiContract.unknownPathIsAProblem("/api/v1/nothing-here");
        ApiContract.wrongMethodIsAProblem("/api/v1/runs/some-run", "GET", "HEAD", "OPTIONS");
        ApiContract.wrongMethodIsAProblem("/api/v1/runs/some-run/stop", "POST", "OPTIONS");
        ApiContract.wrongMediaTypeIsAProblem("POST", "/api/v1/runs", "test-token");
        ApiContract.bodyLimitsRefuseEarly("POST", "/api/v1/runs", "test-token");
        ApiContract.aBodyCutOffByTheClientIsNoError("POST", "/api/v1/runs", "test-token");
    }

    @Test
    void changingCallsNeedTheBearerToken() {
        ApiContract.changingCallNeedsTheToken("POST", "/api/v1/runs");
        ApiContract.changingCallNeedsTheToken("POST", "/api/v1/runs/any/stop");
        ApiContract.openApiHasTheBearerScheme();
    }

    @Test
    void theRunBodyIsTypedAndEveryViolationNamesItsField() {
        given().header("Authorization", AUTH).contentType("application/json").body("{\"batchSize\": 1.5}")
                .post("/api/v1/runs").then().statusCode(400).contentType(ApiContract.PROBLEM)
                .body("title", equalTo("Invalid parameter 'batchSize'"));
        given().header("Authorization", AUTH).contentType("application/json").body("{\"epochs\": \"5\"}")
                .post("/api/v1/runs").then().statusCode(400).body("title", equalTo("Invalid parameter 'epochs'"));
        given().header("Authorization", AUTH).contentType("application/json").body("{\"loss\": \"wasserstein\"}")
                .post("/api/v1/runs").then().statusCode(400).body("detail", containsString("loss must be one of"));
        // a number too large for its field is named, with the range (the reader's own 400 said "HTTP 400 Bad Request")
        given().header("Authorization", AUTH).contentType("application/json").body("{\"epochs\": 99999999999}")
                .post("/api/v1/runs").then().statusCode(400).body("title", equalTo("Invalid parameter 'epochs'"))
                .body("detail", containsString("out of range"));
        given().header("Authorization", AUTH).contentType("application/json").body("{\"seed\": 99999999999999999999}")
                .post("/api/v1/runs").then().statusCode(400).body("title", equalTo("Invalid parameter 'seed'"));
        given().header("Authorization", AUTH).contentType("application/json").body("[1, 2]")
                .post("/api/v1/runs").then().statusCode(400).body("detail", equalTo("the request body must be a JSON object"));
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("components.schemas.RunSpec.properties.epochs.minimum", equalTo(1))
                .body("components.schemas.Loss.enum", equalTo(java.util.List.of("bce", "hinge", "lsgan")))
                .body("components.schemas.Conditioning.enum", equalTo(java.util.List.of("projection", "label-maps")));
    }
}
