package io.digitgan.events;

import java.util.Set;

/** Validation shared by the event records' constructors. */
final class Checks {

    private Checks() {}

    static void version(int schemaVersion, String what) {
        if (schemaVersion != GanEvent.SCHEMA_VERSION) {
            throw new InvalidEventException(what + ": schemaVersion " + schemaVersion
                    + " is not supported (this consumer reads version " + GanEvent.SCHEMA_VERSION + ")");
        }
    }

    static void required(Object value, String field, String what) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            throw new InvalidEventException(what + ": required field '" + field + "' is missing");
        }
    }

    static void oneOf(String value, Set<String> allowed, String field, String what) {
        required(value, field, what);
        if (!allowed.contains(value)) {
            throw new InvalidEventException(what + ": " + field + " '" + value + "' is not one of " + allowed);
        }
    }

    static void nonNegative(long value, String field, String what) {
        if (value < 0) {
            throw new InvalidEventException(what + ": " + field + " must not be negative, was " + value);
        }
    }
}
