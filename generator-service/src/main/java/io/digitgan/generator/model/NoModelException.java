package io.digitgan.generator.model;

/** No checkpoint is loaded yet (before the first one is announced or found in the store): 503, Retry-After. */
public class NoModelException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NoModelException() {
        super("the generator has not loaded a checkpoint yet");
    }
}
