package io.digitgan.testing;

import static io.restassured.RestAssured.given;

/** A value from the service's Prometheus page ({@code /q/metrics}). */
public final class Metrics {

    private Metrics() {}

    /** The first sample of {@code name} (without labels), 0 when it is not there yet. */
    public static double value(String name) {
        for (String line : given().get("/q/metrics").asString().split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }
}
