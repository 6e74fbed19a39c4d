package io.digitgan.cli.bench;

import io.digitgan.core.train.Durations;
import io.digitgan.core.train.StepPhases;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a training step's wall time goes: the trainer says when each phase of its steps ends (data,
 * noise, forward and backward passes, optimiser updates, ...: {@link StepPhases}) and the clock adds
 * the time since the previous end to that phase's list. libtorch's CPU ops are synchronous, so the
 * time between two ends is the phase's own. The step profile's ({@code scripts/profile-step.sh}).
 */
public final class PhaseClock implements StepPhases {

    private final Map<String, Durations> phases = new LinkedHashMap<>();
    private long last;
    private long steps;
    private long arrays;

    @Override
    public void startStep() {
        steps++;
        last = System.nanoTime();
    }

    @Override
    public void phaseEnded(String name) {
        long now = System.nanoTime();
        phases.computeIfAbsent(name, k -> new Durations()).add((now - last) / 1e6);
        last = now;
    }

    @Override
    public void arraysMade(int count) {
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
