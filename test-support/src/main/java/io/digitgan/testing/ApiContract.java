package io.digitgan.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.TreeSet;

/**
 * What every service's HTTP API promises (service-common): errors as RFC 9457 problem+json,
 * the framework's own included, and no internals in them.
 */
public final class ApiContract {

    public static final String PROBLEM = "application/problem+json";

    private ApiContract() {}

    /** A path nothing answers: 404 problem+json naming it (not an HTML page). */
    public static void unknownPathIsAProblem(String path) {
        given().get(path).then().statusCode(404).contentType(PROBLEM).body("status", equalTo(404))
                .body("title", equalTo("Not Found")).body("instance", equalTo(path)).body("type", equalTo("about:blank"));
    }

    /** A method the resource does not answer: 405 problem+json, with the methods it does answer in {@code Allow}. */
    public static void wrongMethodIsAProblem(String path, String... allowed) {
        String header = given().delete(path).then().statusCode(405).contentType(PROBLEM)
                .body("status", equalTo(405)).body("instance", equalTo(path)).extract().header("Allow");
        assertNotNull(header, "a 405 names what the resource answers (RFC 9110)");
        assertEquals(new TreeSet<>(List.of(allowed)),
                new TreeSet<>(List.of(header.split(",\\s*"))), "Allow of " + path);
    }

    public static void changingCallNeedsTheToken(String method, String path) {
        given().contentType("application/json").body("{}").request(method, path).then().statusCode(401)
                .contentType(PROBLEM).header("WWW-Authenticate", containsString("Bearer"))
                .body("status", equalTo(401));
        given().header("Authorization", "Bearer wrong-token").contentType("application/json").body("{}")
                .request(method, path).then().statusCode(401).contentType(PROBLEM)
                .header("WWW-Authenticate", containsString("Bearer")).body("detail", not(containsString("wrong-token")));
    }

    /** A body of another media type: 415 problem+json. */
    public static void wrongMediaTypeIsAProblem(String method, String path, String token) {
        given().header("Authorization", "Bearer " + token).contentType("text/plain").body("x").request(method, path)
                .then().statusCode(415).contentType(PROBLEM).body("status", equalTo(415));
    }

    /** No CORS grant for a foreign origin: browsers of other sites may not read the API. */
    public static void noCorsForAForeignOrigin(String path) {
        io.restassured.response.Response r = given().header("Origin", "http://evil.example").get(path);
        org.junit.jupiter.api.Assertions.assertNull(r.header("Access-Control-Allow-Origin"), path + " grants CORS");
        io.restassured.response.Response pre = given().header("Origin", "http://evil.example")
                .header("Access-Control-Request-Method", "POST").options(path);
        org.junit.jupiter.api.Assertions.assertNull(pre.header("Access-Control-Allow-Origin"), path + " grants CORS");
    }

    /** The OpenAPI document has the bearer scheme. */
    public static void openApiHasTheBearerScheme() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("components.securitySchemes", hasKey("bearer"))
                .body("components.securitySchemes.bearer.scheme", equalTo("bearer"));
    }

    /**
     * A body larger than the limit (declared 50 MB, none of it sent) is a 413 problem+json naming the
     * limit, answered at once; a body of unknown length (chunked) a 411. Raw sockets: an HTTP client
     * would send the body first.
     */
    public static void bodyLimitsRefuseEarly(String method, String path, String token) throws java.io.IOException {
        String head = method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: application/json\r\n";
        String tooLarge = raw(head + "Content-Length: 52428800\r\n\r\n{");
        assertTrue(tooLarge.startsWith("HTTP/1.1 413"), tooLarge);
        assertTrue(tooLarge.contains(PROBLEM), tooLarge);
        assertTrue(tooLarge.contains("the body is 52428800 bytes; at most 65536 are accepted"), tooLarge);
        String chunked = raw(head + "Transfer-Encoding: chunked\r\n\r\n4\r\n{\"a\"\r\n");
        assertTrue(chunked.startsWith("HTTP/1.1 411"), chunked);
        assertTrue(chunked.contains(PROBLEM), chunked);
    }

    /**
     * Bodies the client cuts off half-way (500 bytes declared, 19 sent, then a reset): the client's
     * doing, not the service's, so nothing is logged at ERROR, and the service answers the next request.
     */
    public static void aBodyCutOffByTheClientIsNoError(String method, String path, String token) throws Exception {
        String request = method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{\"epochs\": 1, \"seed";
        try (CapturedLogs logs = CapturedLogs.start()) {
            for (int i = 0; i < 5; i++) {
                try (java.net.Socket socket = new java.net.Socket("localhost", io.restassured.RestAssured.port)) {
                    socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    socket.getOutputStream().flush();
                    Thread.sleep(200); // the service has begun to read the body
                    socket.setSoLinger(true, 0); // then the client goes: a reset
                }
            }
            Thread.sleep(500);
            given().get("/q/health/live").then().statusCode(200);
            assertEquals(List.of(), logs.lines().stream().filter(CapturedLogs.Line::isError).limit(5).toList());
        }
    }

    /** Sends {@code request} and reads the answer until the server closes the connection (10 s at most). */
    private static String raw(String request) throws java.io.IOException {
        try (java.net.Socket socket = new java.net.Socket("localhost", io.restassured.RestAssured.port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
