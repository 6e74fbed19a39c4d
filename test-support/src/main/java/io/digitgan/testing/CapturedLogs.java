package io.digitgan.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;

/**
 * The log lines a service writes while it runs in the test's JVM, with the trace context each
 * carried (the MDC's {@code traceId} and {@code spanId}, which the JSON log lines print): to
 * check that a line written inside a span names that span.
 */
public final class CapturedLogs extends Handler implements AutoCloseable {

    /** One log line: its logger, message (formatted), trace context (null when none) and level. */
    public record Line(String logger, String message, String traceId, String spanId, Level level) {

        /** ERROR (JBoss' ERROR is {@code SEVERE}'s value) or worse. */
        public boolean isError() {
            return level.intValue() >= Level.SEVERE.intValue();
        }

        @Override
        public String toString() {
            return level + " " + logger + ": " + message;
        }
    }

    private final List<Line> lines = new CopyOnWriteArrayList<>();

    private CapturedLogs() {}

    /** Captures from now until {@link #close()}. */
    public static CapturedLogs start() {
        CapturedLogs logs = new CapturedLogs();
        Logger.getLogger("").addHandler(logs);
        return logs;
    }

    public List<Line> lines() {
        return List.copyOf(lines);
    }

    /** The lines whose message contains {@code text}. */
    public List<Line> containing(String text) {
        return lines.stream().filter(l -> l.message().contains(text)).toList();
    }

    @Override
    public void publish(LogRecord record) {
        if (record instanceof ExtLogRecord ext) {
            lines.add(new Line(ext.getLoggerName(), ext.getFormattedMessage(), text(ext.getMdc("traceId")),
                    text(ext.getMdc("spanId")), ext.getLevel()));
        } else {
            lines.add(new Line(record.getLoggerName(), String.valueOf(record.getMessage()), null, null, record.getLevel()));
        }
    }

    private static String text(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
