package io.digitgan.dashboard.state;

import io.digitgan.dashboard.DashboardSettings;
import io.digitgan.events.CheckpointEvent;
import io.digitgan.events.DedupeKey;
import io.digitgan.events.EventJson;
import io.digitgan.events.GanEvent;
import io.digitgan.events.MetricsEvent;
import io.digitgan.events.RunEvent;
import io.digitgan.events.SampleEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The dashboard's memory: a record of every run (its state, newest epoch and best FID: what the
 * run list shows), the series of the runs open now (read from the topics when a run is opened:
 * {@link OpenRuns}), and the numbered stream of what changed, which browsers follow and resume
 * from with Last-Event-ID. Events are deduped by (runId, type, epoch, step).
 */
@ApplicationScoped
public class DashboardState {

    private static final Logger LOG = Logger.getLogger(DashboardState.class);
    /** Events remembered for deduping: a thousand runs' worth of a cpu run's 300 events. */
    static final int DEDUPE_WINDOW = 300_000;

    private final DashboardSettings settings;
    private final Map<String, RunRecord> runs = new ConcurrentHashMap<>();
    /**
     * The events seen lately, to drop redeliveries: a window, not every key since the start (a
     * redelivery, a producer's retry or a resumed trainer's repeat, comes within minutes), so a
     * dashboard that runs for months does not grow by every event it ever saw.
     */
    private final Set<DedupeKey> seen = Collections.synchronizedSet(Collections.newSetFromMap(
            new LinkedHashMap<>(1024, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<DedupeKey, Boolean> eldest) {
                    return size() > DEDUPE_WINDOW;
                }
            }));
    private final Deque<StreamEvent> backlog = new ArrayDeque<>();
    private final List<Consumer<StreamEvent>> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService reads = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "run-series-reader");
        t.setDaemon(true);
        return t;
    });
    private final OpenRuns open;
    private long lastId;

    public DashboardState(DashboardSettings settings, SeriesSource source) {
        this.settings = settings;
        this.open = new OpenRuns(settings.openRuns(), record -> read(source, record), reads);
    }

    @PreDestroy
    void close() {
        reads.shutdownNow();
    }

    /** A run's series as the topics hold them; its EPOCH figures also complete its record. */
    private RunSeries read(SeriesSource source, RunRecord record) {
        long start = System.nanoTime();
        RunRecord.Span span = record.span(Instant.now(), settings.staleAfter());
        List<SeriesSource.Stored> events = source.read(span.runId(), span.from(), span.to());
        RunSeries series = new RunSeries(settings.maxProgressPoints(), settings.maxSystemPoints());
        for (SeriesSource.Stored stored : events) {
            series.apply(stored.event());
            record.apply(stored.event(), stored.writtenMs());
        }
        LOG.debugf("run %s opened: %d events read in %.0f ms", span.runId(), events.size(), (System.nanoTime() - start) / 1e6);
        return series;
    }

    /** Applies an event as it arrives (a live event); false when it was a duplicate. */
    public boolean apply(GanEvent event) {
        return apply(event, -1);
    }

    /**
     * Applies an event written to Kafka at {@code writtenMs} (its record's timestamp; -1 when
     * unknown); false when it was a duplicate. Metrics and samples of a run that is not open open
     * it: it is training now, and its page is the one people look at.
     */
    public boolean apply(GanEvent event, long writtenMs) {
        if (!seen.add(event.dedupeKey())) {
            return false;
        }
        RunRecord run = runs.computeIfAbsent(event.runId(), RunRecord::new);
        run.apply(event, writtenMs);
        if (event instanceof MetricsEvent || event instanceof SampleEvent) {
            open.open(event.runId(), run); // nothing to do when it is open already
        }
        if (!(event instanceof RunEvent)) {
            open.live(event);
        }
        String payload;
        if (event instanceof RunEvent r) {
            payload = EventJson.toJson(r);
        } else if (event instanceof MetricsEvent m) {
            payload = EventJson.toJson(m);
        } else if (event instanceof SampleEvent s) {
            payload = "{\"runId\":" + quote(s.runId()) + ",\"epoch\":" + s.epoch() + "}";
        } else {
            payload = EventJson.toJson((CheckpointEvent) event);
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

    /** Every sweep that has runs, its newest run's start first. */
    public List<SweepSummary> sweeps() {
        Instant now = Instant.now();
        Map<String, List<RunSummary>> bySweep = runs.values().stream().map(r -> r.summary(now, settings.staleAfter()))
                .filter(r -> r.sweep() != null).collect(Collectors.groupingBy(RunSummary::sweep));
        return bySweep.entrySet().stream().map(e -> sweep(e.getKey(), e.getValue()))
                .sorted(Comparator.comparing(SweepSummary::newestStart,
                        Comparator.nullsLast(Comparator.reverseOrder())).thenComparing(SweepSummary::name))
                .toList();
    }

    private static SweepSummary sweep(String name, List<RunSummary> runs) {
        RunSummary best = runs.stream().filter(r -> r.bestFid() != null)
                .min(Comparator.comparing(RunSummary::bestFid)).orElse(null);
        Instant newest = runs.stream().map(RunSummary::startedAt).filter(Objects::nonNull)
                .max(Instant::compareTo).orElse(null);
        int running = (int) runs.stream().filter(r -> "RUNNING".equals(r.status())).count();
        return new SweepSummary(name, runs.size(), running, best == null ? null : best.bestFid(),
                best == null ? null : best.runId(), newest);
    }

    /** A run with its series, read from the topics first when it is not open. */
    public Optional<RunView> run(String runId) {
        RunRecord record = runs.get(runId);
        if (record == null) {
            return Optional.empty();
        }
        RunSeries series = series(runId, record);
        return Optional.of(series.view(record.summary(Instant.now(), settings.staleAfter())));
    }

    public Optional<byte[]> sample(String runId, int epoch) {
        RunRecord record = runs.get(runId);
        return record == null ? Optional.empty() : Optional.ofNullable(series(runId, record).sample(epoch));
    }

    private RunSeries series(String runId, RunRecord record) {
        try {
            return open.open(runId, record).get(settings.openTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SeriesUnavailableException(runId, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new SeriesUnavailableException(runId, e instanceof ExecutionException ? e.getCause() : e);
        }
    }

    private static String quote(String s) {
        return EventJson.mapper().valueToTree(s).toString();
    }
}
