package io.digitgan.service.tracing;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * A span's context as W3C {@code traceparent} text: the trainer keeps the context of a checkpoint's
 * write span with the event while it waits in the outbox (whose sender thread has no context of the
 * run), the connector's producer span starts under it and writes its own context into the record's
 * headers, and each generator starts its load span under that: one checkpoint's life is one trace.
 */
public final class TraceHeaders {

    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();

    private TraceHeaders() {}

    /** The headers that carry {@code context} (none when it has no valid span, e.g. tracing off). */
    public static Map<String, String> of(Context context) {
        Map<String, String> headers = new LinkedHashMap<>();
        W3C.inject(context, headers, Map::put);
        return headers;
    }

    /** The context {@code carrier} (written by {@link #of}) holds, or the root context. */
    public static Context context(Map<String, String> carrier) {
        return W3C.extract(Context.root(), carrier, new TextMapGetter<>() {
            @Override
            public Iterable<String> keys(Map<String, String> map) {
                return map.keySet();
            }

            @Override
            public String get(Map<String, String> map, String key) {
                return map == null ? null : map.get(key);
            }
        });
    }

    /** The context a record's headers carry (the last {@code traceparent}: the connector's producer span), or the root context when they carry none. */
    public static Context from(Headers headers) {
        return W3C.extract(Context.root(), headers, new TextMapGetter<>() {
            @Override
            public Iterable<String> keys(Headers carrier) {
                return () -> StreamSupport.stream(carrier.spliterator(), false).map(Header::key).iterator();
            }

            @Override
            public String get(Headers carrier, String key) {
                Header header = carrier == null ? null : carrier.lastHeader(key);
                return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
            }
        });
    }
}
