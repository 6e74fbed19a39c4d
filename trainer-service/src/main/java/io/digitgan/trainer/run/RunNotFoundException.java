package io.digitgan.trainer.run;

/** No run has that id (404). */
public class RunNotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RunNotFoundException(String runId) {
        super("no run '" + runId + "'");
    }
}
