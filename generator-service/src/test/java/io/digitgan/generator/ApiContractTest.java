package io.digitgan.generator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.digitgan.testing.ApiContract;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** service-common's promises on this service: problem+json for framework errors, bearer security, limits in OpenAPI. */
@QuarkusTest
@QuarkusTestResource(value = InMemoryCheckpoints.class, restrictToAnnotatedClass = true) // GeneratorServiceTest's Quarkus
@QuarkusTestResource(SharedStoreResource.class)
class ApiContractTest {

    @Test
    void frameworkErrorsAreProblems() throws Exception {
        ApiContract.noCorsForAForeignOrigin("/api/v1/model");
        ApiContract.unknownPathIsAProblem("/api/v1/nothing-here");
        ApiContract.unknownPathIsAProblem("/no/such/page.html");
        ApiContract.wrongMethodIsAProblem("/api/v1/digits.png", "GET", "HEAD", "OPTIONS");
        ApiContract.wrongMethodIsAProblem("/api/v1/model", "GET", "HEAD", "OPTIONS");
        ApiContract.wrongMediaTypeIsAProblem("PUT", "/api/v1/model/pin", "test-token");
        ApiContract.bodyLimitsRefuseEarly("PUT", "/api/v1/model/pin", "test-token");
        ApiContract.aBodyCutOffByTheClientIsNoError("PUT", "/api/v1/model/pin", "test-token");
        given().get("/api/v1/digits/%20.png").then().statusCode(400).contentType(ApiContract.PROBLEM)
                .body("title", equalTo("Invalid parameter 'seed'"));
    }

    @Test
    void pinningNeedsTheBearerToken() {
        ApiContract.changingCallNeedsTheToken("PUT", "/api/v1/model/pin");
        ApiContract.changingCallNeedsTheToken("DELETE", "/api/v1/model/pin");
        ApiContract.openApiHasTheBearerScheme();
        given().get("/q/openapi?format=json").then()
                .body("paths.'/api/v1/model/pin'.put.security[0]", org.hamcrest.Matchers.hasKey("bearer"));
    }

    @Test
    void aPinBodyIsValidatedAndEveryFaultNamesItsField() {
        for (String body : new String[] {"{\"epoch\": 1}", "{\"runId\": \" \", \"epoch\": 1}"}) {
            given().header("Authorization", "Bearer test-token").contentType("application/json").body(body)
                    .put("/api/v1/model/pin").then().statusCode(400).contentType(ApiContract.PROBLEM)
                    .body("title", equalTo("Invalid parameter 'runId'"));
        }
        given().header("Authorization", "Bearer test-token").contentType("application/json").body("{\"runId\": \"r\"}")
                .put("/api/v1/model/pin").then().statusCode(400).body("title", equalTo("Invalid parameter 'epoch'"));
        given().header("Authorization", "Bearer test-token").contentType("application/json")
                .body("{\"runId\": \"r\", \"epoch\": \"soon\"}")
                .put("/api/v1/model/pin").then().statusCode(400).body("title", equalTo("Invalid parameter 'epoch'"));
        // a well-formed pin of a checkpoint nobody announced: the generator's own 404 (GeneratorProblemMappers)
        given().header("Authorization", "Bearer test-token").contentType("application/json")
                .body("{\"runId\": \"never-announced\", \"epoch\": 3}")
                .put("/api/v1/model/pin").then().statusCode(404).contentType(ApiContract.PROBLEM)
                .body("title", equalTo("Unknown checkpoint"));
    }

    @Test
    void parameterLimitsAreInOpenApi() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/api/v1/digits.png'.get.parameters.find { it.name == 'count' }.schema.maximum", equalTo(256))
                .body("paths.'/api/v1/digits.png'.get.parameters.find { it.name == 'count' }.schema.minimum", equalTo(1));
    }
}
