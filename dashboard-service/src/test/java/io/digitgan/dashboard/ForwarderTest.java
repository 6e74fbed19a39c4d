package io.digitgan.dashboard;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.digitgan.kafka.QuarkusKafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The "try it" forwarder reaches only the configured generator, on its two fixed paths: hostile
 * parameters stay parameters (encoded), never a new host, path or query.
 */
@QuarkusTest
@TestProfile(ForwarderTest.RecordingGenerator.class)
@QuarkusTestResource(QuarkusKafkaResource.class)
class ForwarderTest {

    static final List<URI> SEEN = new CopyOnWriteArrayList<>();
    static HttpServer server;

    /** A stand-in that records what reaches it (the forwarder's far side, not the system under test). */
    public static class RecordingGenerator implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/", exchange -> {
                SEEN.add(exchange.getRequestURI());
                byte[] body = "{}".getBytes();
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return Map.of("digitgan.dashboard.generator-url", "http://127.0.0.1:" + server.getAddress().getPort());
        }
    }

    @Test
    void hostileParametersStayParametersOfTheConfiguredGenerator() {
        given().urlEncodingEnabled(false).get("/api/v1/generator/digits.png?count=4%26scale%3D8&seed=1%40evil.example%2F..")
                .then().statusCode(200);
        given().urlEncodingEnabled(false).get("/api/v1/generator/digits.png?count=..%2F..%2Fq%2Fmetrics").then().statusCode(200);
        given().get("/api/v1/generator/model").then().statusCode(200);
        given().urlEncodingEnabled(false).get("/api/v1/generator/..%2F..%2Fq%2Fmetrics").then().statusCode(404);
        assertEquals(3, SEEN.size(), SEEN.toString());
        for (URI uri : SEEN) {
            assertTrue(uri.getRawPath().equals("/api/v1/digits.png") || uri.getRawPath().equals("/api/v1/model"), uri.toString());
        }
        // each hostile value arrives whole, as the one value of its own parameter
        assertEquals(List.of("scale=2", "count=4&scale=8", "seed=1@evil.example/.."), parameters(SEEN.get(0)));
        assertEquals(List.of("scale=2", "count=../../q/metrics"), parameters(SEEN.get(1)));
    }

    /** The query's parameters as name=value, each decoded on its own (an encoded & or = stays in its value). */
    static List<String> parameters(URI uri) {
        return java.util.Arrays.stream(uri.getRawQuery().split("&")).map(p -> {
            String[] nameValue = p.split("=", 2);
            return java.net.URLDecoder.decode(nameValue[0], java.nio.charset.StandardCharsets.UTF_8) + "="
                    + java.net.URLDecoder.decode(nameValue[1], java.nio.charset.StandardCharsets.UTF_8);
        }).toList();
    }
}
