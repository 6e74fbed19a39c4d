package io.digitgan.dashboard.state;

import io.digitgan.events.GanEvent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;

/**
 * The runs whose series are in memory: the most recently opened, at most {@code capacity} (a run's
 * series are a few MB with its sample grids), and those being read. A run is read from the topics
 * once when opened; live events that arrive meanwhile wait and follow the read, each event once.
 */
final class OpenRuns {

    private final int capacity;
    private final Function<RunRecord, RunSeries> reader;
    private final ExecutorService executor;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true); // least recently used first

    /** A run's series, being read (live events wait in pending) or read. */
    private static final class Entry {
        final CompletableFuture<RunSeries> read = new CompletableFuture<>();
        List<GanEvent> pending = new ArrayList<>();
    }

    /**
     * @param reader reads a run's series from the topics (blocking)
     * @param executor where the reads run, one after another
     */
    OpenRuns(int capacity, Function<RunRecord, RunSeries> reader, ExecutorService executor) {
        this.capacity = capacity;
        this.reader = reader;
        this.executor = executor;
    }

    /** The run's series: those in memory, or a read of them from the topics. */
    CompletableFuture<RunSeries> open(String runId, RunRecord record) {
        Entry entry;
        synchronized (this) {
            entry = entries.get(runId);
            if (entry != null) {
                return entry.read;
            }
            entry = new Entry();
            entries.put(runId, entry);
            evict();
        }
        Entry reading = entry;
        executor.execute(() -> read(runId, record, reading));
        return entry.read;
    }

    private void read(String runId, RunRecord record, Entry entry) {
        try {
            RunSeries series = reader.apply(record);
            synchronized (entry) {
                entry.pending.forEach(series::apply);
                entry.pending = null;
            }
            entry.read.complete(series);
        } catch (RuntimeException e) {
            synchronized (this) {
                entries.remove(runId, entry); // the next opening tries again
            }
            entry.read.completeExceptionally(e);
        }
    }

    /** A live event: into the run's series when it is open (after its read, when being read); false when it is not open. */
    boolean live(GanEvent event) {
        Entry entry;
        synchronized (this) {
            entry = entries.get(event.runId());
        }
        if (entry == null) {
            return false;
        }
        synchronized (entry) {
            if (entry.pending != null) {
                entry.pending.add(event);
                return true;
            }
        }
        entry.read.join().apply(event);
        return true;
    }

    /** Forgets the least recently opened runs beyond the capacity, never one being read. */
    private void evict() {
        Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator();
        while (entries.size() > capacity && it.hasNext()) {
            if (it.next().getValue().read.isDone()) {
                it.remove();
            }
        }
    }

    synchronized int size() {
        return entries.size();
    }
}
