package io.digitgan.dashboard.state;

import io.digitgan.dashboard.DashboardSettings;
import io.digitgan.events.CheckpointEvent;
import io.digitgan.events.DedupeKey;
import io.digitgan.events.EventJson;
import io.digitgan.events.GanEvent;
import io.digitgan.events.MetricsEvent;
import io.digitgan.events.RunEvent;
import io.digitgan.events.SampleEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The dashboard's memory: every run's history, rebuilt from the topics at each start, deduped by
 * (runId, type, epoch, step), and the numbered stream of what changed, which browsers follow and
 * resume from with Last-Event-ID.
 */
@ApplicationScoped
public class DashboardState {

    private final DashboardSettings settings;
    private final Map<String, RunHistory> runs = new ConcurrentHashMap<>();
    private final Set<DedupeKey> seen = ConcurrentHashMap.newKeySet();
    private final Deque<StreamEvent> backlog = new ArrayDeque<>();
    private final List<Consumer<StreamEvent>> listeners = new CopyOnWriteArrayList<>();
    private long lastId;

    public DashboardState(DashboardSettings settings) {
        this.settings = settings;
    }

    /** Applies an event; false when it was a duplicate. */
    public boolean apply(GanEvent event) {
        if (!seen.add(event.dedupeKey())) {
            return false;
        }
        RunHistory run = runs.computeIfAbsent(event.runId(),
                id -> new RunHistory(id, settings.maxProgressPoints(), settings.maxSystemPoints()));
        String payload;
        if (event instanceof RunEvent r) {
            run.apply(r);
            payload = EventJson.toJson(r);
        } else if (event instanceof MetricsEvent m) {
            run.apply(m);
            payload = EventJson.toJson(m);
        } else if (event instanceof SampleEvent s) {
            run.apply(s);
            payload = "{\"runId\":" + quote(s.runId()) + ",\"epoch\":" + s.epoch() + "}";
        } else {
            CheckpointEvent c = (CheckpointEvent) event;
            run.apply(c);
            payload = EventJson.toJson(c);
        }
        publish(streamName(event), payload);
        return true;
    }

    private static String streamName(GanEvent event) {
        return switch (event.topic()) {
            case "gan.runs" -> "runs";
            case "gan.training.metrics" -> "metrics";
            case "gan.samples" -> "samples";
            default -> "checkpoints";
        };
    }

    private void publish(String name, String json) {
        StreamEvent event;
        synchronized (this) {
            event = new StreamEvent(++lastId, name, json);
            backlog.addLast(event);
            while (backlog.size() > settings.streamBacklog()) {
                backlog.removeFirst();
            }
            for (Consumer<StreamEvent> listener : listeners) {
                listener.accept(event);
            }
        }
    }

    /**
     * Sends the events after {@code lastSeenId} to {@code listener}, then every new one, with
     * nothing missed or repeated in between.
     *
     * @return false when the events after lastSeenId are no longer all held (the browser should
     *     reload its state); the listener is registered either way
     */
    public synchronized boolean follow(long lastSeenId, Consumer<StreamEvent> listener) {
        long firstHeld = backlog.isEmpty() ? lastId + 1 : backlog.peekFirst().id();
        boolean complete = lastSeenId <= lastId && lastSeenId >= firstHeld - 1;
        if (complete) {
            for (StreamEvent e : backlog) {
                if (e.id() > lastSeenId) {
                    listener.accept(e);
                }
            }
        }
        listeners.add(listener);
        return complete;
    }

    public void unfollow(Consumer<StreamEvent> listener) {
        listeners.remove(listener);
    }

    public synchronized long lastId() {
        return lastId;
    }

    /** Every run, newest first. */
    public List<RunSummary> runs() {
        return runs(RunQuery.all()).runs();
    }

    /** The runs {@code query} asks for: those that match, in its order, its page of them. */
    public RunPage runs(RunQuery query) {
        Instant now = Instant.now();
        List<RunSummary> matching = runs.values().stream().map(r -> r.summary(now, settings.staleAfter()))
                .filter(query::matches).sorted(query.order()).toList();
        int from = Math.min(query.offset(), matching.size());
        int to = query.limit() == null ? matching.size() : (int) Math.min(matching.size(), (long) from + query.limit());
        return new RunPage(matching.subList(from, to), matching.size());
    }

    public Optional<RunView> run(String runId) {
        return Optional.ofNullable(runs.get(runId)).map(r -> r.view(Instant.now(), settings.staleAfter()));
    }

    public Optional<byte[]> sample(String runId, int epoch) {
        return Optional.ofNullable(runs.get(runId)).map(r -> r.sample(epoch));
    }

    private static String quote(String s) {
        return EventJson.mapper().valueToTree(s).toString();
    }
}
