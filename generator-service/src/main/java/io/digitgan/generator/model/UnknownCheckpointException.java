package io.digitgan.generator.model;

/** A pin names a checkpoint no announcement or store listing knows: 404. */
public class UnknownCheckpointException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnknownCheckpointException(String message) {
        super(message);
    }
}
