package io.digitgan.generator.api;

/** Parses query and path parameters so that a bad one is a 400 that names it, never a 500. */
final class QueryParams {

    private QueryParams() {}

    static int intParam(String name, String raw, int defaultValue, int min, int max) {
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        int value;
        try {
            value = Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.badParameter(name, name + " must be a whole number from " + min + " to " + max
                    + ", not '" + raw + "'");
        }
        if (value < min || value > max) {
            throw ProblemException.badParameter(name, name + " must be from " + min + " to " + max + ", not " + value);
        }
        return value;
    }

    /** A seed: any 64-bit integer; null when absent. */
    static Long seed(String name, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.badParameter(name, name + " must be a 64-bit whole number, not '" + raw + "'");
        }
    }
}
