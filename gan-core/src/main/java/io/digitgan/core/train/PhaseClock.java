package io.digitgan.core.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a training step's wall time goes: {@link GanTrainer} marks the end of each phase of its
 * steps (data, noise, forward and backward passes, optimiser updates, ...) and the clock adds the
 * time since the previous mark to that phase's list. libtorch's CPU ops are synchronous, so the time
 * between two marks is the phase's own. Used by the step profile ({@code scripts/profile-step.sh});
 * a trainer without a clock pays one null check per mark.
 */
public final class PhaseClock {

    private final Map<String, Durations> phases = new LinkedHashMap<>();
    private long last;
    private long steps;
    private long arrays;

    /** A step begins now. */
    void startStep() {
        steps++;
        last = System.nanoTime();
    }

    /** The phase {@code name} ends now; it began at the previous mark. */
    void mark(String name) {
        long now = System.nanoTime();
        phases.computeIfAbsent(name, k -> new Durations()).add((now - last) / 1e6);
        last = now;
    }

    /** Native arrays the step made (its manager's, when it closes). */
    void arraysMade(int count) {
        arrays += count;
    }

    /** Forgets everything (after warm-up steps). */
    public void reset() {
        phases.clear();
        steps = 0;
        arrays = 0;
    }

    /** The phases in the order they first ended. */
    public Map<String, Durations> phases() {
        return phases;
    }

    public long steps() {
        return steps;
    }

    /** Native arrays made per step, on average. */
    public double arraysPerStep() {
        return steps == 0 ? 0 : (double) arrays / steps;
    }
}
