package io.digitgan.dashboard.api;

import io.digitgan.dashboard.state.DashboardState;
import io.digitgan.dashboard.state.StreamEvent;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.function.Consumer;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Server-Sent Events: every change as it happens, numbered. A browser that reconnects sends
 * Last-Event-ID and gets what it missed; if that is no longer held (or the dashboard restarted),
 * it gets a {@code reset} event and reloads its state.
 */
@Path("/api/v1/stream")
@Tag(name = "stream")
public class StreamResource {

    private final DashboardState state;
    private final StreamHeartbeat heartbeat;

    public StreamResource(DashboardState state, StreamHeartbeat heartbeat) {
        this.state = state;
        this.heartbeat = heartbeat;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Live events (runs, metrics, samples, checkpoints) with ids; resumes from Last-Event-ID")
    public void stream(@Context SseEventSink sink, @Context Sse sse,
            @HeaderParam("Last-Event-ID") String lastEventId, @QueryParam("lastEventId") String lastEventIdParam) {
        long after = parse(lastEventId != null ? lastEventId : lastEventIdParam);
        Consumer<StreamEvent>[] self = new Consumer[1];
        self[0] = event -> {
            if (sink.isClosed()) {
                state.unfollow(self[0]);
                return;
            }
            sink.send(sse.newEventBuilder().id(Long.toString(event.id())).name(event.name())
                    .mediaType(MediaType.APPLICATION_JSON_TYPE).data(event.json()).build())
                    .whenComplete((ok, error) -> {
                        if (error != null) {
                            state.unfollow(self[0]);
                            sink.close();
                        }
                    });
        };
        // an opening comment-like event tells the browser it is live even before any change
        sink.send(sse.newEventBuilder().name("hello").data("{\"lastId\":" + state.lastId() + "}").build());
        heartbeat.add(sink, sse);
        boolean complete = state.follow(after, self[0]);
        if (!complete) {
            sink.send(sse.newEventBuilder().name("reset").data("{\"lastId\":" + state.lastId() + "}").build());
        }
    }

    private static long parse(String id) {
        if (id == null || id.isBlank()) {
            return 0;
        }
        try {
            return Math.max(0, Long.parseLong(id.trim()));
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE; // unknown id: the browser must reload
        }
    }
}
