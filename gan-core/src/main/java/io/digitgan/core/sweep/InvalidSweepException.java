package io.digitgan.core.sweep;

/** A sweep file that cannot be run; the message names each entry and field that is wrong. */
public final class InvalidSweepException extends IllegalArgumentException {

    public InvalidSweepException(String message) {
        super(message);
    }
}
