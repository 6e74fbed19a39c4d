package io.digitgan.trainer.run;

/** The request conflicts with the trainer's state (409). */
public class RunConflictException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RunConflictException(String message) {
        super(message);
    }
}
