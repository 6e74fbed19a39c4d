package io.digitgan.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Random and hostile requests against a service's public endpoints, from a seed (a failure can be
 * replayed): wrong types, huge and negative numbers, long strings, path tricks, bad and deeply
 * nested JSON, wrong methods and content types (values go on the wire percent-encoded, as a
 * client must send them). Every answer must be below 500 and, when it is an error,
 * problem+json; {@link #run} returns what broke that promise.
 */
public final class Fuzzer {

    /**
     * One endpoint: method, a path whose {@code {}} are filled with hostile values, the query
     * parameters to vary, and whether it takes a JSON body.
     */
    public record Endpoint(String method, String path, List<String> parameters, boolean body) {
        public static Endpoint get(String path, String... parameters) {
            return new Endpoint("GET", path, List.of(parameters), false);
        }

        public static Endpoint send(String method, String path) {
            return new Endpoint(method, path, List.of(), true);
        }
    }

    static final String LONG = "9".repeat(5_000);
    static final List<String> VALUES = List.of("", "%20", "-1", "0", "1", "7", "64", "257", "2147483648",
            "-2147483649", "9223372036854775808", "-9223372036854775809", "99999999999999999999", "1.5", "1e309", "NaN",
            "Infinity", "0x10", "abc", "true", "null", "%00", "%0d%0aX-Injected:%201", "..%2F..%2Fetc%2Fpasswd",
            "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "'%20OR%201=1%20--", "%2e%2e%2f%2e%2e%2f", "%25", "%F0%9F%92%A5", "%FF%FE", LONG, "a".repeat(3_000));
    static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");
    static final List<String> TYPES = List.of("application/json", "text/plain", "application/xml",
            "application/x-www-form-urlencoded", "application/json; charset=latin1");

    /**
     * Refused by the HTTP server itself before any application code sees the request (a request
     * line over 4,096 bytes, headers over 8 kB): the only errors that are not problem+json.
     */
    static final Set<Integer> PROTOCOL_LEVEL = Set.of(414, 431);

    /** What an answer must never show a client: our Java types or the platform's, an exception's name. */
    static final java.util.regex.Pattern INTERNALS = java.util.regex.Pattern.compile(
            "io\\.digitgan\\.|java\\.[a-z]+\\.|jakarta\\.|com\\.fasterxml|org\\.jboss|\\w+Exception\\b|HTTP 400 Bad Request");

    private final Random random;
    private final String token;
    private final String base;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * @param base the service, e.g. {@code http://localhost:8081}
     * @param token sent as a bearer token on about half the requests (null: never)
     */
    public Fuzzer(String base, long seed, String token) {
        this.base = base;
        this.random = new Random(seed);
        this.token = token;
    }

    /** The service a {@code @QuarkusTest} runs (RestAssured's port). */
    public static String testService() {
        return "http://localhost:" + io.restassured.RestAssured.port;
    }

    /** Sends {@code count} requests spread over {@code endpoints}; returns the broken promises. */
    public List<String> run(List<Endpoint> endpoints, int count) {
        List<String> broken = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Endpoint e = endpoints.get(random.nextInt(endpoints.size()));
            String method = random.nextInt(8) == 0 ? pick(METHODS) : e.method();
            String path = fill(e.path()) + query(e.parameters());
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
            if (token != null && random.nextBoolean()) {
                request.header("Authorization", "Bearer " + token);
            } else if (random.nextInt(4) == 0) {
                request.header("Authorization", pick(List.of("Bearer", "Basic YTpi", "Bearer " + "x".repeat(2_000), "bearer x")));
            }
            HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();
            // a changing method always carries an invalid body: a bare POST /api/v1/runs with the
            // token is a valid request (a run of the default profile), not a hostile one
            if (e.body() || List.of("POST", "PUT", "PATCH").contains(method) || random.nextInt(6) == 0) {
                request.header("Content-Type", pick(TYPES));
                body = HttpRequest.BodyPublishers.ofString(body());
            }
            HttpResponse<String> r;
            try {
                r = client.send(request.method(method, body).build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException | InterruptedException | RuntimeException ex) {
                broken.add(method + " " + shorten(path) + ": " + ex);
                continue;
            }
            String type = r.headers().firstValue("Content-Type").orElse("");
            int status = r.statusCode();
            if (status >= 500) {
                broken.add(method + " " + shorten(path) + " → " + status + " " + shorten(r.body()));
            } else if (status >= 400 && !PROTOCOL_LEVEL.contains(status) && !type.startsWith(ApiContract.PROBLEM)) {
                broken.add(method + " " + shorten(path) + " → " + status + " as '" + type + "'");
            } else if (status >= 400 && INTERNALS.matcher(r.body()).find()) {
                broken.add(method + " " + shorten(path) + " → " + status + " names internals: " + shorten(r.body()));
            }
        }
        return broken;
    }

    private String fill(String path) {
        StringBuilder out = new StringBuilder();
        int from = 0;
        for (int at = path.indexOf("{}"); at >= 0; at = path.indexOf("{}", from)) {
            out.append(path, from, at).append(random.nextInt(3) == 0 ? String.valueOf(random.nextInt(5)) : pick(VALUES));
            from = at + 2;
        }
        return out.append(path.substring(from)).toString();
    }

    private String query(List<String> parameters) {
        List<String> parts = new ArrayList<>();
        for (String p : parameters) {
            if (random.nextBoolean()) {
                parts.add(p + "=" + (random.nextInt(3) == 0 ? String.valueOf(random.nextInt(10)) : pick(VALUES)));
            }
        }
        if (random.nextInt(5) == 0) {
            parts.add(pick(List.of("unknown=1", "count=1&count=2", "=", "&&", "a%5Bb%5D=c")));
        }
        return parts.isEmpty() ? "" : "?" + String.join("&", parts);
    }

    /**
     * A body that is never a valid request: bad JSON, the wrong shape, or an invalid field (never
     * {@code {"epochs": null}}: that is a valid run request, all defaults).
     */
    private String body() {
        return switch (random.nextInt(10)) {
            case 0 -> "{not json";
            case 1 -> "[".repeat(5_000) + "]".repeat(5_000);
            case 2 -> "{\"a\":".repeat(3_000) + "1" + "}".repeat(3_000);
            case 3 -> "[1,2,3]";
            case 4 -> "\"" + LONG + "\"";
            case 5 -> "{\"epochs\": " + pick(List.of("-5", "1e309", "\"x\"", "1.5", "99999999999999999999", "[]")) + "}";
            case 6 -> "{\"unknownField\": 1}";
            case 7 -> "{\"runId\": \"" + "r".repeat(300) + "\", \"epoch\": {}}";
            case 8 -> "{\"profile\": \"<script>alert(1)</script>\"}";
            default -> "{\"epochs\": 0}";
        };
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static String shorten(String s) {
        return s.length() > 160 ? s.substring(0, 160) + "…" : s;
    }
}
