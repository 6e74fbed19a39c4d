package io.digitgan.core.train;

import io.digitgan.core.model.ModelConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Every value of a training run. The defaults are the original report's recipe; {@link
 * #profile(String)} gives the named profiles ({@code original}, {@code cpu}, {@code smoke}).
 *
 * @param model architecture and width
 * @param epochs passes over the training images
 * @param batchSize images per step; the last partial batch of an epoch is dropped
 * @param maxImages use only the first N training images (0 = all): for tests and smoke runs
 * @param generatorLearningRate Adam learning rate of the generator
 * @param discriminatorLearningRate Adam learning rate of the discriminator
 * @param beta1 Adam's first-moment decay, for both
 * @param beta2 Adam's second-moment decay, for both
 * @param adamEpsilon Adam's epsilon (Keras' default 1e-7)
 * @param realLabel target of the discriminator for real images (0.9: one-sided label smoothing)
 * @param fakeLabel target of the discriminator for generated images
 * @param generatorTarget target the generator wants the discriminator to give its images
 * @param noiseStart std of the instance noise added to D's inputs in the first epoch
 * @param noiseEnd std of the instance noise in the last epoch (linear in between)
 * @param sampleEvery sample grid every N epochs (and always at epoch 1 and the last)
 * @param sampleCount images in the fixed-noise sample grid
 * @param checkpointEvery checkpoint every N epochs (and always at the last)
 * @param seed seed of everything random in the run (data order, noise, initial weights)
 */
public record GanConfig(
        ModelConfig model,
        int epochs,
        int batchSize,
        int maxImages,
        double generatorLearningRate,
        double discriminatorLearningRate,
        double beta1,
        double beta2,
        double adamEpsilon,
        double realLabel,
        double fakeLabel,
        double generatorTarget,
        double noiseStart,
        double noiseEnd,
        int sampleEvery,
        int sampleCount,
        int checkpointEvery,
        long seed) {

    public static final List<String> PROFILES = List.of("original", "cpu", "smoke");

    public GanConfig {
        List<String> errors = new ArrayList<>();
        if (model == null) {
            errors.add("model is required");
        }
        check(errors, epochs >= 1 && epochs <= 100_000, "epochs must be 1..100000, not " + epochs);
        check(errors, batchSize >= 1 && batchSize <= 65_536, "batchSize must be 1..65536, not " + batchSize);
        check(errors, maxImages >= 0, "maxImages must be 0 (all) or positive, not " + maxImages);
        check(errors, maxImages == 0 || maxImages >= batchSize,
                "maxImages (" + maxImages + ") must be at least one batch (" + batchSize + ")");
        check(errors, positive(generatorLearningRate), "generatorLearningRate must be in (0, 1], not " + generatorLearningRate);
        check(errors, positive(discriminatorLearningRate), "discriminatorLearningRate must be in (0, 1], not " + discriminatorLearningRate);
        check(errors, beta1 >= 0 && beta1 < 1, "beta1 must be in [0, 1), not " + beta1);
        check(errors, beta2 >= 0 && beta2 < 1, "beta2 must be in [0, 1), not " + beta2);
        check(errors, adamEpsilon > 0 && adamEpsilon < 1, "adamEpsilon must be in (0, 1), not " + adamEpsilon);
        check(errors, unit(realLabel), "realLabel must be in [0, 1], not " + realLabel);
        check(errors, unit(fakeLabel), "fakeLabel must be in [0, 1], not " + fakeLabel);
        check(errors, unit(generatorTarget), "generatorTarget must be in [0, 1], not " + generatorTarget);
        check(errors, noiseStart >= 0 && noiseStart <= 10, "noiseStart must be in [0, 10], not " + noiseStart);
        check(errors, noiseEnd >= 0 && noiseEnd <= 10, "noiseEnd must be in [0, 10], not " + noiseEnd);
        check(errors, sampleEvery >= 1, "sampleEvery must be at least 1, not " + sampleEvery);
        check(errors, sampleCount >= 1 && sampleCount <= 1024, "sampleCount must be 1..1024, not " + sampleCount);
        check(errors, checkpointEvery >= 1, "checkpointEvery must be at least 1, not " + checkpointEvery);
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", errors));
        }
    }

    private static void check(List<String> errors, boolean ok, String message) {
        if (!ok) {
            errors.add(message);
        }
    }

    private static boolean positive(double rate) {
        return rate > 0 && rate <= 1;
    }

    private static boolean unit(double v) {
        return v >= 0 && v <= 1;
    }

    /** The original report's recipe: 150 epochs at width 1.0. */
    public static GanConfig original() {
        return new GanConfig(
                ModelConfig.original(1.0), 150, 128, 0, 2e-4, 1e-4, 0.5, 0.999, 1e-7, 0.9, 0.0, 1.0, 0.10, 0.0,
                10, 64, 1, 0L);
    }

    /**
     * A named profile. {@code cpu}: recognisable digits within minutes on two cores (chosen by
     * measurement, see gan-core/README.md); {@code smoke}: a tiny run of about a minute for
     * end-to-end checks; {@code original}: the report's recipe.
     */
    public static GanConfig profile(String name) {
        GanConfig original = original();
        switch (name.toLowerCase(Locale.ROOT)) {
            case "original":
                return original;
            case "cpu":
                return original.withModel(ModelConfig.original(0.5)).withEpochs(5).withSampleEvery(1);
            case "smoke":
                return original.withModel(ModelConfig.original(0.25)).withEpochs(2).withMaxImages(2048)
                        .withSampleEvery(1);
            default:
                throw new IllegalArgumentException("profile must be one of " + PROFILES + ", not '" + name + "'");
        }
    }

    /** Instance-noise std of epoch {@code epoch} (1-based): linear from noiseStart to noiseEnd. */
    public double noiseStd(int epoch) {
        if (epochs == 1) {
            return noiseStart;
        }
        double progress = (double) (epoch - 1) / (epochs - 1);
        return noiseStart + (noiseEnd - noiseStart) * progress;
    }

    /** Whether epoch {@code epoch} produces a sample grid: the first, every sampleEvery, the last. */
    public boolean isSampleEpoch(int epoch) {
        return epoch == 1 || epoch % sampleEvery == 0 || epoch == epochs;
    }

    public boolean isCheckpointEpoch(int epoch) {
        return epoch % checkpointEvery == 0 || epoch == epochs;
    }

    public GanConfig withModel(ModelConfig m) {
        return new GanConfig(m, epochs, batchSize, maxImages, generatorLearningRate, discriminatorLearningRate, beta1,
                beta2, adamEpsilon, realLabel, fakeLabel, generatorTarget, noiseStart, noiseEnd, sampleEvery,
                sampleCount, checkpointEvery, seed);
    }

    public GanConfig withEpochs(int e) {
        return new GanConfig(model, e, batchSize, maxImages, generatorLearningRate, discriminatorLearningRate, beta1,
                beta2, adamEpsilon, realLabel, fakeLabel, generatorTarget, noiseStart, noiseEnd, sampleEvery,
                sampleCount, checkpointEvery, seed);
    }

    public GanConfig withBatchSize(int b) {
        return new GanConfig(model, epochs, b, maxImages, generatorLearningRate, discriminatorLearningRate, beta1,
                beta2, adamEpsilon, realLabel, fakeLabel, generatorTarget, noiseStart, noiseEnd, sampleEvery,
                sampleCount, checkpointEvery, seed);
    }

    public GanConfig withMaxImages(int n) {
        return new GanConfig(model, epochs, batchSize, n, generatorLearningRate, discriminatorLearningRate, beta1,
                beta2, adamEpsilon, realLabel, fakeLabel, generatorTarget, noiseStart, noiseEnd, sampleEvery,
                sampleCount, checkpointEvery, seed);
    }

    public GanConfig withLearningRates(double generator, double discriminator) {
        return new GanConfig(model, epochs, batchSize, maxImages, generator, discriminator, beta1, beta2, adamEpsilon,
                realLabel, fakeLabel, generatorTarget, noiseStart, noiseEnd, sampleEvery, sampleCount,
                checkpointEvery, seed);
    }

    public GanConfig withNoise(double start, double end) {
        return new GanConfig(model, epochs, batchSize, maxImages, generatorLearningRate, discriminatorLearningRate, beta1,
                beta2, adamEpsilon, realLabel, fakeLabel, generatorTarget, start, end, sampleEvery, sampleCount,
                checkpointEvery, seed);
    }

    public GanConfig withSampleEvery(int n) {
        return new GanConfig(model, epochs, batchSize, maxImages, generatorLearningRate, discriminatorLearningRate, beta1,
                beta2, adamEpsilon, realLabel, fakeLabel, generatorTarget, noiseStart, noiseEnd, n, sampleCount,
                checkpointEvery, seed);
    }

    public GanConfig withCheckpointEvery(int n) {
        return new GanConfig(model, epochs, batchSize, maxImages, generatorLearningRate, discriminatorLearningRate, beta1,
                beta2, adamEpsilon, realLabel, fakeLabel, generatorTarget, noiseStart, noiseEnd, sampleEvery,
                sampleCount, n, seed);
    }

    public GanConfig withSeed(long s) {
        return new GanConfig(model, epochs, batchSize, maxImages, generatorLearningRate, discriminatorLearningRate, beta1,
                beta2, adamEpsilon, realLabel, fakeLabel, generatorTarget, noiseStart, noiseEnd, sampleEvery,
                sampleCount, checkpointEvery, s);
    }
}
