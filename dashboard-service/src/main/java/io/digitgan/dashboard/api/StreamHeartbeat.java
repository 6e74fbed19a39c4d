package io.digitgan.dashboard.api;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A comment line on every open event stream when nothing else was sent for a while: connections
 * that go quiet are closed by the server's idle timeout ({@code quarkus.http.idle-timeout}, which
 * ends half-sent requests), and a live stream must never look quiet.
 */
@ApplicationScoped
public class StreamHeartbeat {

    private final Map<SseEventSink, Sse> open = new ConcurrentHashMap<>();

    void add(SseEventSink sink, Sse sse) {
        open.put(sink, sse);
    }

    @Scheduled(every = "${digitgan.dashboard.stream-heartbeat}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void beat() {
        open.forEach((sink, sse) -> {
            if (sink.isClosed()) {
                open.remove(sink);
            } else {
                sink.send(sse.newEventBuilder().comment("keep-alive").build())
                        .whenComplete((ok, error) -> {
                            if (error != null) {
                                open.remove(sink);
                            }
                        });
            }
        });
    }
}
