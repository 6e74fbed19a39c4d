package io.digitgan.trainer.run;

/** A run request names a bad value (400); the message names every one. */
public class InvalidRunConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidRunConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
