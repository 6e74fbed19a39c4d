package io.digitgan.testing;

import static io.restassured.RestAssured.given;

/** A value from the service's Prometheus page ({@code /q/metrics}). */
public final class Metrics {

    private Metrics() {}

    /** The first sample of {@code name} (without labels), 0 when it is not there yet. */
    public static double value(String name) {
        for (String line : given().get("/q/metrics").asString().split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                return sampleValue(line);
            }
        }
        return 0;
    }

    /**
     * The value of one sample line: the field after the name and labels. With tracing on the
     * registry writes OpenMetrics, where an exemplar may follow the value ({@code 5.0 # {trace_id=...} 1.0 <time>}).
     */
    public static double sampleValue(String line) {
        String afterLabels = line.contains("}") && line.indexOf('{') < line.indexOf(' ')
                ? line.substring(line.indexOf('}') + 1) : line.substring(line.indexOf(' '));
        return Double.parseDouble(afterLabels.strip().split("\\s+")[0]);
    }
}
