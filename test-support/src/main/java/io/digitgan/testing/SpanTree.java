package io.digitgan.testing;

import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.Comparator;
import java.util.List;

/** Finished spans as an indented tree with durations, for a test's output. */
public final class SpanTree {

    private SpanTree() {}

    public static String of(List<SpanData> spans, String traceId) {
        List<SpanData> trace = spans.stream().filter(s -> s.getTraceId().equals(traceId))
                .sorted(Comparator.comparingLong(SpanData::getStartEpochNanos)).toList();
        StringBuilder out = new StringBuilder("trace " + traceId + "\n");
        for (SpanData root : trace) {
            if (trace.stream().noneMatch(s -> s.getSpanId().equals(root.getParentSpanId()))) {
                append(out, root, trace, root.getParentSpanContext().isValid() ? 1 : 0);
            }
        }
        return out.toString();
    }

    private static void append(StringBuilder out, SpanData span, List<SpanData> trace, int depth) {
        out.append("  ".repeat(depth)).append(span.getName()).append(String.format(" (%.1f ms)",
                (span.getEndEpochNanos() - span.getStartEpochNanos()) / 1e6));
        if (depth > 0 && trace.stream().noneMatch(s -> s.getSpanId().equals(span.getParentSpanId()))) {
            out.append(" parent ").append(span.getParentSpanId()).append(" in another service");
        }
        out.append('\n');
        trace.stream().filter(s -> s.getParentSpanId().equals(span.getSpanId()))
                .forEach(child -> append(out, child, trace, depth + 1));
    }
}
