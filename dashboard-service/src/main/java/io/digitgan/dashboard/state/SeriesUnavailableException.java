package io.digitgan.dashboard.state;

/** A run's series could not be read from the topics in time (the broker away, or slow): try again. */
public class SeriesUnavailableException extends RuntimeException {

    public SeriesUnavailableException(String runId, Throwable cause) {
        super("run '" + runId + "' could not be read from Kafka: " + cause.getMessage(), cause);
    }
}
