package io.digitgan.generator.model;

/** A checkpoint that cannot be served: outside the store, failing verification, or unloadable. */
public class CheckpointRejectedException extends Exception {
    private static final long serialVersionUID = 1L;

    public CheckpointRejectedException(String message, Throwable cause) {
        super(message, cause);
    }

    public CheckpointRejectedException(String message) {
        super(message);
    }
}
