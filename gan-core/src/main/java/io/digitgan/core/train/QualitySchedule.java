package io.digitgan.core.train;

/**
 * When a run measures its generator's quality, and on how many samples.
 *
 * @param everyEpochs measure after every N-th epoch (0: only after the last)
 * @param samples images drawn for a measurement during the run
 * @param finalSamples images drawn after the last epoch (more: the figure people quote)
 */
public record QualitySchedule(int everyEpochs, int samples, int finalSamples) {

    public QualitySchedule {
        if (everyEpochs < 0 || samples < 2 || finalSamples < 2) {
            throw new IllegalArgumentException(
                    "quality schedule: every-epochs must be ≥ 0 and sample counts ≥ 2, got " + this);
        }
    }

    /** The defaults: every 5 epochs on 2,000 samples, 10,000 at the end. */
    public static QualitySchedule standard() {
        return new QualitySchedule(5, 2_000, 10_000);
    }

    /** Whether figures are due after {@code epoch}; {@code last}: the run ends after it. */
    public boolean isDue(int epoch, boolean last) {
        return last || (everyEpochs > 0 && epoch % everyEpochs == 0);
    }

    /** Samples of the measurement after an epoch; {@code last}: the run ends after it. */
    public int samplesAt(boolean last) {
        return last ? finalSamples : samples;
    }

    @Override
    public String toString() {
        return "every " + everyEpochs + " epochs on " + samples + " samples, " + finalSamples + " at the end";
    }
}
