package io.digitgan.core.train;

import java.util.Arrays;
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

    private final Map<String, Phase> phases = new LinkedHashMap<>();
    private long last;
    private long steps;
    private long arrays;

    /** The times of one phase, one per step seen. */
    public static final class Phase {
        private long[] nanos = new long[64];
        private int count;

        private void add(long duration) {
            if (count == nanos.length) {
                nanos = Arrays.copyOf(nanos, count * 2);
            }
            nanos[count++] = duration;
        }

        public double totalMillis() {
            long sum = 0;
            for (int i = 0; i < count; i++) {
                sum += nanos[i];
            }
            return sum / 1e6;
        }

        /** The median over the steps: robust to the odd step a busy machine stretches. */
        public double medianMillis() {
            if (count == 0) {
                return 0;
            }
            long[] sorted = Arrays.copyOf(nanos, count);
            Arrays.sort(sorted);
            double middle = count % 2 == 1 ? sorted[count / 2] : (sorted[count / 2 - 1] + sorted[count / 2]) / 2.0;
            return middle / 1e6;
        }

        public int count() {
            return count;
        }
    }

    /** A step begins now. */
    void startStep() {
        steps++;
        last = System.nanoTime();
    }

    /** The phase {@code name} ends now; it began at the previous mark. */
    void mark(String name) {
        long now = System.nanoTime();
        Phase phase = phases.computeIfAbsent(name, k -> new Phase());
        phase.add(now - last);
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
    public Map<String, Phase> phases() {
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
