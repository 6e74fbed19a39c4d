package io.digitgan.dashboard;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.digitgan.kafka.QuarkusKafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The idle timeout (2 s here) closes a connection whose request stopped half-way, while an event
 * stream with nothing to say stays open: its heartbeat (every 0.5 s here) keeps it from looking idle.
 */
@QuarkusTest
@TestProfile(IdleConnectionsTest.ShortIdleTimeout.class)
@QuarkusTestResource(QuarkusKafkaResource.class)
class IdleConnectionsTest {

    public static class ShortIdleTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.idle-timeout", "2s", "digitgan.dashboard.stream-heartbeat", "500ms");
        }
    }

    @Test
    void aHalfSentRequestIsClosedAndAQuietStreamIsNot() throws IOException {
        try (Socket half = new Socket("localhost", RestAssured.port); Socket stream = new Socket("localhost", RestAssured.port)) {
            half.getOutputStream().write("GET /api/v1/runs HTTP/1.1\r\nHost: localhost\r\n".getBytes(StandardCharsets.US_ASCII));
            stream.getOutputStream().write("GET /api/v1/stream HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            long start = System.nanoTime();
            half.setSoTimeout(10_000);
            assertEquals(-1, half.getInputStream().read(), "the server closed the half-sent request");
            double closedAfter = (System.nanoTime() - start) / 1e9;
            assertTrue(closedAfter >= 1.5 && closedAfter < 8, "closed after " + closedAfter + " s");

            // 5 s: more than twice the idle timeout, the stream still reads (heartbeat comments)
            String read = readFor(stream, 5_000);
            assertTrue(read.startsWith("HTTP/1.1 200"), read);
            int beats = read.split(":keep-alive", -1).length - 1;
            assertTrue(beats >= 5, beats + " heartbeats in 5 s: " + read);
            stream.getOutputStream().write("\r\n".getBytes(StandardCharsets.US_ASCII)); // still open: no exception
        }
    }

    /**
     * A request's headers must be complete within the idle timeout: the timer counts requests
     * read, not bytes, so clients that trickle a header line every half second (slowloris) are
     * closed like silent ones. Meanwhile they cost the others nothing: every ordinary request is
     * answered at once.
     */
    @Test
    void clientsTricklingHeadersAreClosedAfterTheIdleTimeoutAndDelayNobody() throws Exception {
        given().get("/api/v1/runs").then().statusCode(200); // warm: the first request loads classes
        List<Socket> tricklers = new ArrayList<>();
        try {
            long start = System.nanoTime();
            for (int i = 0; i < 150; i++) {
                Socket s = new Socket("localhost", RestAssured.port);
                s.getOutputStream().write("GET /api/v1/runs HTTP/1.1\r\nHost: localhost\r\n".getBytes(StandardCharsets.US_ASCII));
                tricklers.add(s);
            }
            Map<Socket, Double> closedAfter = new java.util.HashMap<>();
            long slowest = 0;
            for (int line = 0; line < 16 && closedAfter.size() < tricklers.size(); line++) {
                for (Socket s : tricklers) {
                    if (!closedAfter.containsKey(s) && !trickle(s, "X-Slow-" + line + ": 1\r\n")) {
                        closedAfter.put(s, (System.nanoTime() - start) / 1e9);
                    }
                }
                long before = System.nanoTime();
                given().get("/api/v1/runs").then().statusCode(200);
                slowest = Math.max(slowest, (System.nanoTime() - before) / 1_000_000);
                Thread.sleep(500);
            }
            assertEquals(150, closedAfter.size(), "tricklers closed within 8 s though they kept sending");
            double last = closedAfter.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            assertTrue(closedAfter.values().stream().allMatch(t -> t >= 1.5) && last < 6, "closed after " + closedAfter.values());
            assertTrue(slowest < 1_000, "the slowest ordinary request beside them took " + slowest + " ms");
        } finally {
            for (Socket s : tricklers) {
                s.close();
            }
        }
    }

    /** Sends one more header line; false when the server has closed the connection. */
    private static boolean trickle(Socket s, String line) throws IOException {
        s.setSoTimeout(1);
        try {
            if (s.getInputStream().read() == -1) {
                return false;
            }
        } catch (SocketTimeoutException stillOpen) {
            // nothing to read: the server still waits for the headers
        } catch (IOException reset) {
            return false;
        }
        try {
            s.getOutputStream().write(line.getBytes(StandardCharsets.US_ASCII));
            return true;
        } catch (IOException closed) {
            return false;
        }
    }

    private static String readFor(Socket socket, long millis) throws IOException {
        StringBuilder read = new StringBuilder();
        long end = System.currentTimeMillis() + millis;
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[4096];
        while (System.currentTimeMillis() < end) {
            socket.setSoTimeout((int) Math.max(1, end - System.currentTimeMillis()));
            try {
                int n = in.read(buffer);
                if (n < 0) {
                    throw new AssertionError("the stream was closed after " + read);
                }
                read.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            } catch (SocketTimeoutException e) {
                break;
            }
        }
        return read.toString();
    }
}
