package io.digitgan.trainer.run;

/** The checkpoint store, where run records live, cannot be read or written now (the message names it). */
public class RunStoreUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RunStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
