package io.digitgan.trainer.run;

import io.digitgan.service.tracing.TraceHeaders;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.time.Instant;
import java.util.Map;

/**
 * The trainer's half of a checkpoint's trace: a span for the end of an epoch (samples, checkpoint,
 * announcement) and, under it, one for the checkpoint's write; the checkpoint event carries the
 * write span's context, so each generator's download, verification, load and swap join the same
 * trace (TraceHeaders). A no-op while tracing is off.
 */
final class CheckpointTracing {

    private final Tracer tracer;
    private Span epochEnd;
    private Instant writeStarted = Instant.now();

    CheckpointTracing(Tracer tracer) {
        this.tracer = tracer;
    }

    /** An epoch's steps are done: its end begins (what follows until the checkpoint is announced). */
    synchronized void epochEnded(String runId, int epoch) {
        endEpoch();
        epochEnd = tracer.spanBuilder("gan.epoch.end").setNoParent().setAttribute("digitgan.run", runId)
                .setAttribute("digitgan.epoch", epoch).startSpan();
        writeStarted = Instant.now();
    }

    /** The sample grid is out: what comes next is the checkpoint's write. */
    synchronized void samplesSent() {
        writeStarted = Instant.now();
    }

    /**
     * The checkpoint is complete in the store: its write span (from the end of the samples to now)
     * and the trace context the event's record continues (the connector's producer span starts under it).
     */
    synchronized Map<String, String> checkpointWritten(String runId, int epoch, String uri, long bytes) {
        Context parent = epochEnd != null ? Context.root().with(epochEnd) : Context.root();
        Span write = tracer.spanBuilder("gan.checkpoint.write").setParent(parent).setStartTimestamp(writeStarted)
                .setAttribute("digitgan.run", runId).setAttribute("digitgan.epoch", epoch)
                .setAttribute("digitgan.checkpoint.uri", uri).setAttribute("digitgan.checkpoint.bytes", bytes).startSpan();
        write.end();
        return TraceHeaders.of(Context.root().with(write));
    }

    /** The checkpoint event is handed to the outbox: the epoch's end is over. */
    synchronized void announced() {
        endEpoch();
    }

    private void endEpoch() {
        if (epochEnd != null) {
            epochEnd.end();
            epochEnd = null;
        }
    }
}
