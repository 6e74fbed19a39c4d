package io.digitgan.generator.model;

import io.digitgan.core.checkpoint.Checkpoint;
import io.digitgan.events.CheckpointEvent;
import io.digitgan.events.Quality;
import io.digitgan.generator.GeneratorSettings;
import io.micrometer.core.instrument.Counter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Which generator serves: the newest announced checkpoint, or a pinned one. A new one is loaded
 * beside the current one and swapped in atomically; the old one closes when its last request ends.
 * A checkpoint that fails to load is rejected (log line, metric) and the current one keeps serving.
 * With the {@code gated} promotion policy a new checkpoint whose figures are worse than the served
 * one's is held back (log line, metric, listed by {@link #held()}); a pin still serves it.
 */
@ApplicationScoped
public class ModelService {

    private static final Logger LOG = Logger.getLogger(ModelService.class);

    private final ModelLoader loader;
    private final Tracer tracer;
    /** The trace each announced checkpoint came with (the trainer's write span), by run and epoch. */
    private final Map<String, Context> traces = new ConcurrentHashMap<>();
    private final AtomicReference<LoadedModel> current = new AtomicReference<>();
    /** Every checkpoint announced, by run and epoch. */
    private final Map<String, CheckpointEvent> known = new ConcurrentHashMap<>();
    /** Announced checkpoints that failed once: not tried again when falling back. */
    private final java.util.Set<CheckpointEvent> rejectedBefore = ConcurrentHashMap.newKeySet();
    private final Counter rejected;
    private final Counter swaps;
    private final Counter heldBack;
    private final PromotionGate gate;
    /** Checkpoints the gate held back, by run and epoch, with why. */
    private final Map<String, Held> held = new ConcurrentHashMap<>();
    private volatile Pin pin;

    /** A checkpoint the promotion gate did not serve, and why. */
    public record Held(String runId, int epoch, String reason) {}

    public ModelService(ModelLoader loader, GeneratorSettings settings, MeterRegistry registry, Tracer tracer) {
        this.loader = loader;
        this.tracer = tracer;
        this.pin = settings.generator().pin().filter(p -> !p.isBlank()).map(Pin::parse).orElse(null);
        this.rejected = Counter.builder("digitgan.generator.checkpoints.rejected")
                .description("checkpoints that failed verification or loading").register(registry);
        this.swaps = Counter.builder("digitgan.generator.model.swaps").description("models swapped in").register(registry);
        this.heldBack = Counter.builder("digitgan.generator.checkpoints.held")
                .description("announced checkpoints the gated promotion policy did not serve (worse figures)")
                .register(registry);
        this.gate = PromotionGate.of(settings.generator().promotion());
        // what the "generator behind" alert compares: the served checkpoint against the newest announced
        Gauge.builder("digitgan.generator.model.epoch", this, s -> s.current().map(m -> (double) m.epoch()).orElse(Double.NaN))
                .description("epoch of the checkpoint this replica serves").register(registry);
        Gauge.builder("digitgan.generator.model.created.timestamp.seconds", this,
                s -> s.current().map(m -> seconds(m.manifest().createdAt())).orElse(Double.NaN))
                .description("when the served checkpoint was written (Unix seconds)").register(registry);
        Gauge.builder("digitgan.generator.newest.announced.epoch", this,
                s -> s.newestAnnounced().map(e -> (double) e.epoch()).orElse(Double.NaN))
                .description("epoch of the newest checkpoint announced on gan.checkpoints").register(registry);
        Gauge.builder("digitgan.generator.newest.announced.timestamp.seconds", this,
                s -> s.newestAnnounced().map(e -> e.createdAt().toEpochMilli() / 1000.0).orElse(Double.NaN))
                .description("when the newest announced checkpoint was written (Unix seconds)").register(registry);
        Gauge.builder("digitgan.generator.pinned", this, s -> s.pin == null ? 0 : 1)
                .description("1 while a checkpoint is pinned (the replica serves it, not the newest, on purpose)")
                .register(registry);
    }

    private Optional<CheckpointEvent> newestAnnounced() {
        return known.values().stream().max(newestFirst());
    }

    private static double seconds(String isoInstant) {
        try {
            return java.time.Instant.parse(isoInstant).toEpochMilli() / 1000.0;
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        LoadedModel old = current.getAndSet(null);
        if (old != null) {
            old.retire();
        }
    }

    /** Runs {@code work} on the serving model. @throws NoModelException when none is loaded yet */
    public <T> T serve(Function<LoadedModel, T> work) {
        return withModel(work).orElseThrow(NoModelException::new);
    }

    /** Runs {@code work} on the serving model; empty when none is loaded yet. */
    public <T> Optional<T> withModel(Function<LoadedModel, T> work) {
        while (true) {
            LoadedModel model = current.get();
            if (model == null) {
                return Optional.empty();
            }
            if (model.acquire()) {
                try {
                    return Optional.of(work.apply(model));
                } finally {
                    model.release();
                }
            }
            // retired between get and acquire: the new one is already in place
        }
    }

    public Optional<LoadedModel> current() {
        return Optional.ofNullable(current.get());
    }

    public Optional<Pin> pin() {
        return Optional.ofNullable(pin);
    }

    /** A checkpoint was announced: remember it, and serve it if it is what we follow (and the gate lets it). */
    public synchronized void onCheckpoint(CheckpointEvent event) {
        onCheckpoint(event, Context.root());
    }

    /** As {@link #onCheckpoint(CheckpointEvent)}, {@code trace} the context of the trainer's write span. */
    public synchronized void onCheckpoint(CheckpointEvent event, Context trace) {
        known.put(key(event.runId(), event.epoch()), event);
        traces.put(key(event.runId(), event.epoch()), trace);
        Optional<CheckpointEvent> wanted = target();
        if (wanted.isPresent() && wanted.get().equals(event)) {
            Optional<String> why = pin == null ? gate.holdBack(event.servedQuality(), servedQuality()) : Optional.empty();
            if (why.isPresent()) {
                hold(event, why.get());
            } else {
                load(event);
            }
        }
    }

    /** The checkpoints the gate held back, newest first. */
    public List<Held> held() {
        return held.values().stream()
                .sorted(Comparator.comparing(Held::runId).thenComparing(Held::epoch, Comparator.reverseOrder())).toList();
    }

    public PromotionGate gate() {
        return gate;
    }

    private void hold(CheckpointEvent event, String reason) {
        if (held.put(key(event.runId(), event.epoch()), new Held(event.runId(), event.epoch(), reason)) == null) {
            heldBack.increment();
            LOG.infof("held back %s (promotion policy gated): %s; still serving %s", event.path(), reason,
                    current().map(LoadedModel::path).orElse("nothing"));
        }
    }

    /** The served weights' figures, or null. */
    private Quality servedQuality() {
        return current().map(m -> Quality.served(m.manifest().quality(), m.manifest().emaQuality())).orElse(null);
    }

    /**
     * After the replay at start: serve the target, or else the newest announced checkpoint that
     * loads; with none announced, the newest manifest on disk.
     */
    public synchronized void afterReplay() {
        if (pin != null) {
            target().filter(e -> !isServing(e)).ifPresent(this::load);
            return;
        }
        serveNewestLoadable();
        if (current.get() == null) {
            newestOnDisk().ifPresent(path -> load(path, null));
        }
    }

    /**
     * Tries the announced checkpoints newest first until one serves (or the serving one is
     * reached); with the gated policy, only those the gate would have let through one after the
     * other since the first (what a replica that was up all along would serve).
     */
    private void serveNewestLoadable() {
        List<CheckpointEvent> candidates = known.values().stream().sorted(newestFirst().reversed()).toList();
        if (gate.policy() == GeneratorSettings.Policy.GATED) {
            candidates = passingTheGate(candidates);
        }
        for (CheckpointEvent candidate : candidates) {
            if (isServing(candidate)) {
                return;
            }
            if (!rejectedBefore.contains(candidate) && load(candidate)) {
                return;
            }
        }
    }

    /** Of {@code newestFirst}, those the gate lets through replayed oldest first, newest first; the rest held. */
    private List<CheckpointEvent> passingTheGate(List<CheckpointEvent> newestFirst) {
        List<CheckpointEvent> passed = new java.util.ArrayList<>();
        Quality bar = null;
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            CheckpointEvent e = newestFirst.get(i);
            Optional<String> why = gate.holdBack(e.servedQuality(), bar);
            if (why.isPresent()) {
                hold(e, why.get());
            } else {
                passed.add(0, e);
                bar = e.servedQuality();
            }
        }
        return passed;
    }

    /** Pins a checkpoint (the rollback) and serves it. @throws UnknownCheckpointException if unknown */
    public synchronized LoadedModel pin(Pin newPin) throws CheckpointRejectedException {
        CheckpointEvent event = resolve(newPin)
                .orElseThrow(() -> new UnknownCheckpointException("no announced checkpoint matches " + newPin));
        LoadedModel model = isServing(event) ? current.get() : swapIn(loader.load(event.path(), event.sha256()));
        pin = newPin;
        LOG.infof("pinned to %s (%s)", newPin, event.path());
        return model;
    }

    /** Back to following the newest checkpoint. */
    public synchronized void unpin() {
        pin = null;
        LOG.info("unpinned: following the newest checkpoint");
        serveNewestLoadable();
    }

    private Optional<CheckpointEvent> target() {
        return pin != null ? resolve(pin) : known.values().stream().max(newestFirst());
    }

    private Optional<CheckpointEvent> resolve(Pin p) {
        if (!p.best()) {
            return Optional.ofNullable(known.get(key(p.runId(), p.epoch())));
        }
        return known.values().stream().filter(e -> e.runId().equals(p.runId()))
                .filter(e -> e.servedQuality() != null && e.servedQuality().comparableFid() != null)
                .min(Comparator.comparingDouble(e -> e.servedQuality().comparableFid()));
    }

    /** Newest: latest creation time, then highest epoch. */
    private static Comparator<CheckpointEvent> newestFirst() {
        return Comparator.comparing(CheckpointEvent::createdAt).thenComparingInt(CheckpointEvent::epoch);
    }

    private boolean isServing(CheckpointEvent event) {
        LoadedModel model = current.get();
        return model != null && model.runId().equals(event.runId()) && model.epoch() == event.epoch()
                && model.sha256().equalsIgnoreCase(event.sha256());
    }

    /** Loads and serves an announced checkpoint, as a span under the trainer's write span when it came with one. */
    private boolean load(CheckpointEvent event) {
        Span span = tracer.spanBuilder("gan.checkpoint.load")
                .setParent(traces.getOrDefault(key(event.runId(), event.epoch()), Context.root()))
                .setAttribute("digitgan.run", event.runId()).setAttribute("digitgan.epoch", event.epoch())
                .setAttribute("digitgan.checkpoint.path", event.path()).startSpan();
        boolean loaded = false;
        try (Scope scope = span.makeCurrent()) {
            loaded = load(event.path(), event.sha256());
        } finally {
            if (!loaded) {
                span.setStatus(StatusCode.ERROR, "rejected");
            }
            span.end();
        }
        if (!loaded) {
            rejectedBefore.add(event);
        }
        return loaded;
    }

    private boolean load(String path, String sha256) {
        try {
            swapIn(loader.load(path, sha256));
            return true;
        } catch (CheckpointRejectedException e) {
            rejected.increment();
            LOG.warnf("%s; still serving %s", e.getMessage(),
                    current().map(LoadedModel::path).orElse("nothing"));
            return false;
        }
    }

    private LoadedModel swapIn(LoadedModel fresh) {
        Span swap = tracer.spanBuilder("gan.model.swap").setAttribute("digitgan.epoch", fresh.epoch()).startSpan();
        try {
            return swapInNow(fresh);
        } finally {
            swap.end();
        }
    }

    private LoadedModel swapInNow(LoadedModel fresh) {
        LoadedModel old = current.getAndSet(fresh);
        swaps.increment();
        LOG.infof("serving %s (run %s, epoch %d, sha256 %s)", fresh.path(), fresh.runId(), fresh.epoch(),
                fresh.sha256().substring(0, 12));
        if (old != null) {
            old.retire();
        }
        return fresh;
    }

    /** The newest complete checkpoint in the store, whatever run, by manifest creation time. */
    private Optional<String> newestOnDisk() {
        try {
            var store = loader.store();
            Checkpoint newest = null;
            for (String run : store.runs()) {
                for (Checkpoint c : store.list(run)) {
                    if (newest == null || c.manifest().createdAt().compareTo(newest.manifest().createdAt()) > 0) {
                        newest = c;
                    }
                }
            }
            return Optional.ofNullable(newest).map(store::relative);
        } catch (IOException e) {
            LOG.warnf("could not scan the checkpoint store: %s", e.getMessage());
            return Optional.empty();
        }
    }

    private static String key(String runId, int epoch) {
        return runId + ":" + epoch;
    }
}
