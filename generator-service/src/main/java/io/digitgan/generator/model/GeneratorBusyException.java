package io.digitgan.generator.model;

/** Every predictor is busy and the bounded queue is full, or the wait ran out (503, Retry-After). */
public class GeneratorBusyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public GeneratorBusyException(String message) {
        super(message);
    }
}
