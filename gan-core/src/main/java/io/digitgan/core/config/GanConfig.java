package io.digitgan.core.config;

import io.digitgan.core.data.Dataset;
import io.digitgan.core.model.Conditioning;
import io.digitgan.core.model.ModelConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Every value of a training run. {@link #builder()} starts from the original report's recipe;
 * {@link #profile(Profile)} gives the named profiles ({@code original}, {@code cpu}, {@code smoke}).
 * Manifests written before a field existed read back with that field's "off" value (0 or null),
 * which is the original recipe's behaviour.
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
 * @param noiseEnd std of the instance noise at the end of its schedule (linear in between)
 * @param sampleEvery sample grid every N epochs (and always at epoch 1 and the last)
 * @param sampleCount images in the fixed-noise sample grid
 * @param checkpointEvery checkpoint every N epochs (and always at the last)
 * @param seed seed of everything random in the run (data order, noise, initial weights)
 * @param loss the adversarial loss: {@code bce} (non-saturating cross-entropy, the report's),
 *     {@code hinge} or {@code lsgan} (least squares); labels and targets apply to bce and lsgan
 * @param emaDecay decay of the generator's exponential moving average (0 = none); the decay at
 *     step t is min(emaDecay, (1+t)/(10+t)), so a short run is not dragged back to its start
 * @param noiseEpochs epochs over which the instance noise goes from noiseStart to noiseEnd, then
 *     stays at noiseEnd (0 = the whole run, as the report does)
 * @param maxMinutes training-time budget (0 = none): the run ends, as completed, after the last
 *     epoch that another epoch of the mean length would not fit after; that epoch gets the final
 *     figures, grid and checkpoint. {@code epochs} stays the most it trains
 * @param dataset the images it learns ({@code mnist}, the default, or {@code fashion-mnist}); the
 *     quality figures are measured with that dataset's evaluator
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
        long seed,
        Loss loss,
        Double emaDecay,
        Integer noiseEpochs,
        Double maxMinutes,
        Dataset dataset) {

    public GanConfig {
        // absent in manifests written before these fields existed: the original recipe's values
        loss = loss == null ? Loss.BCE : loss;
        emaDecay = emaDecay == null ? 0.0 : emaDecay;
        noiseEpochs = noiseEpochs == null ? 0 : noiseEpochs;
        maxMinutes = maxMinutes == null ? 0.0 : maxMinutes;
        dataset = dataset == null ? Dataset.MNIST : dataset;
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
        check(errors, emaDecay >= 0 && emaDecay < 1, "emaDecay must be in [0, 1) (0 = no average), not " + emaDecay);
        check(errors, noiseEpochs >= 0, "noiseEpochs must be 0 (the whole run) or positive, not " + noiseEpochs);
        check(errors, maxMinutes >= 0 && maxMinutes <= 1e6, "maxMinutes must be 0 (no budget) or positive, not " + maxMinutes);
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

    /** A builder holding the original recipe. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this config's values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The original report's recipe: 150 epochs at width 1.0. */
    public static GanConfig original() {
        return builder().build();
    }

    /**
     * A named profile's recipe. {@code cpu}: the recipe chosen by {@code scripts/bench-recipe.sh} for ten
     * minutes on two cores (see docs/BENCHMARKS.md); {@code smoke}: a tiny run of about a minute
     * for end-to-end checks; {@code original}: the report's recipe, unchanged.
     */
    public static GanConfig profile(Profile profile) {
        return switch (profile) {
            case ORIGINAL -> original();
            case CPU -> cpu().build();
            case SMOKE -> builder().model(ModelConfig.original(0.25)).epochs(2).maxImages(2048).sampleEvery(1).build();
        };
    }

    /**
     * The cpu profile's recipe (see {@link #profile(Profile)}): the report's layers at half width,
     * trained for a 9.5-minute budget (the final figures and checkpoint then land within ten
     * minutes) in batches of 32, both players at Adam 5e-4, no instance noise, with an averaged
     * generator (decay 0.999). Small batches win on two cores because the quality reached grows
     * with the number of steps, not of images: see docs/BENCHMARKS.md.
     */
    static Builder cpu() {
        return builder().model(ModelConfig.original(0.5)).batchSize(32).generatorLearningRate(5e-4)
                .discriminatorLearningRate(5e-4).noiseStart(0).emaDecay(0.999).epochs(60).maxMinutes(9.5)
                .sampleEvery(1);
    }

    /** The names of the classes a conditional generator draws, in label order; null for an unconditional run. */
    public List<String> classNames() {
        int classes = model.classes();
        if (classes == 0) {
            return null;
        }
        if (classes != dataset.classNames().size()) {
            throw new IllegalArgumentException("a conditional " + dataset + " model has " + dataset.classNames().size()
                    + " classes, not " + classes);
        }
        return dataset.classNames();
    }

    /** Whether the run keeps an averaged generator. */
    public boolean averagesGenerator() {
        return emaDecay > 0;
    }

    /** Instance-noise std of epoch {@code epoch} (1-based): linear from noiseStart to noiseEnd over its schedule. */
    public double noiseStd(int epoch) {
        int span = noiseEpochs > 0 ? Math.min(noiseEpochs, epochs) : epochs;
        if (span <= 1) {
            return epoch <= 1 || noiseEpochs == 0 ? noiseStart : noiseEnd;
        }
        double progress = Math.min(1.0, (double) (epoch - 1) / (span - 1));
        return noiseStart + (noiseEnd - noiseStart) * progress;
    }

    /** Whether epoch {@code epoch} produces a sample grid: the first, every sampleEvery, the last. */
    public boolean isSampleEpoch(int epoch) {
        return isSampleEpoch(epoch, epoch == epochs);
    }

    /** As {@link #isSampleEpoch(int)}, where {@code last} says whether the run ends after it. */
    public boolean isSampleEpoch(int epoch, boolean last) {
        return epoch == 1 || epoch % sampleEvery == 0 || last;
    }

    /** Whether epoch {@code epoch} is checkpointed: every checkpointEvery, and the last ({@code last}). */
    public boolean isCheckpointEpoch(int epoch, boolean last) {
        return epoch % checkpointEvery == 0 || last;
    }

    /** Builds a {@link GanConfig}; starts from the original recipe, validates on {@link #build()}. */
    public static final class Builder {
        private ModelConfig model = ModelConfig.original(1.0);
        private int epochs = 150;
        private int batchSize = 128;
        private int maxImages;
        private double generatorLearningRate = 2e-4;
        private double discriminatorLearningRate = 1e-4;
        private double beta1 = 0.5;
        private double beta2 = 0.999;
        private double adamEpsilon = 1e-7;
        private double realLabel = 0.9;
        private double fakeLabel;
        private double generatorTarget = 1.0;
        private double noiseStart = 0.10;
        private double noiseEnd;
        private int sampleEvery = 10;
        private int sampleCount = 64;
        private int checkpointEvery = 1;
        private long seed;
        private Loss loss = Loss.BCE;
        private double emaDecay;
        private int noiseEpochs;
        private double maxMinutes;
        private Dataset dataset = Dataset.MNIST;

        private Builder() {}

        private Builder(GanConfig c) {
            model = c.model;
            epochs = c.epochs;
            batchSize = c.batchSize;
            maxImages = c.maxImages;
            generatorLearningRate = c.generatorLearningRate;
            discriminatorLearningRate = c.discriminatorLearningRate;
            beta1 = c.beta1;
            beta2 = c.beta2;
            adamEpsilon = c.adamEpsilon;
            realLabel = c.realLabel;
            fakeLabel = c.fakeLabel;
            generatorTarget = c.generatorTarget;
            noiseStart = c.noiseStart;
            noiseEnd = c.noiseEnd;
            sampleEvery = c.sampleEvery;
            sampleCount = c.sampleCount;
            checkpointEvery = c.checkpointEvery;
            seed = c.seed;
            loss = c.loss;
            emaDecay = c.emaDecay;
            noiseEpochs = c.noiseEpochs;
            maxMinutes = c.maxMinutes;
            dataset = c.dataset;
        }

        public Builder model(ModelConfig v) { model = v; return this; }
        /** The model of the original architecture at this width. */
        public Builder width(double w) {
            model = model.withWidths(w, model.discriminatorWidth());
            return this;
        }
        /** The model with the discriminator at another width than the generator. */
        public Builder discriminatorWidth(double w) {
            model = model.withWidths(model.width(), w);
            return this;
        }
        /** The model with this discriminator dropout rate. */
        public Builder dropout(double rate) {
            model = model.withDropout(rate);
            return this;
        }
        /**
         * A conditional model of the dataset's ten classes, its discriminator told the label by
         * {@code conditioning} (null: projection).
         */
        public Builder conditional(Conditioning conditioning) {
            model = model.withClasses(dataset.classNames().size(),
                    conditioning == null ? Conditioning.PROJECTION : conditioning);
            return this;
        }
        /** The model with this latent (noise) size. */
        public Builder latentSize(int size) {
            model = model.withLatentSize(size);
            return this;
        }
        public Builder epochs(int v) { epochs = v; return this; }
        public Builder batchSize(int v) { batchSize = v; return this; }
        public Builder maxImages(int v) { maxImages = v; return this; }
        public Builder generatorLearningRate(double v) { generatorLearningRate = v; return this; }
        public Builder discriminatorLearningRate(double v) { discriminatorLearningRate = v; return this; }
        public Builder beta1(double v) { beta1 = v; return this; }
        public Builder beta2(double v) { beta2 = v; return this; }
        public Builder adamEpsilon(double v) { adamEpsilon = v; return this; }
        public Builder realLabel(double v) { realLabel = v; return this; }
        public Builder fakeLabel(double v) { fakeLabel = v; return this; }
        public Builder generatorTarget(double v) { generatorTarget = v; return this; }
        public Builder noiseStart(double v) { noiseStart = v; return this; }
        public Builder noiseEnd(double v) { noiseEnd = v; return this; }
        public Builder sampleEvery(int v) { sampleEvery = v; return this; }
        public Builder sampleCount(int v) { sampleCount = v; return this; }
        public Builder checkpointEvery(int v) { checkpointEvery = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder loss(Loss v) { loss = v; return this; }
        public Builder emaDecay(double v) { emaDecay = v; return this; }
        public Builder noiseEpochs(int v) { noiseEpochs = v; return this; }
        public Builder maxMinutes(double v) { maxMinutes = v; return this; }
        public Builder dataset(Dataset v) { dataset = v; return this; }

        /** @throws IllegalArgumentException naming every bad value */
        public GanConfig build() {
            return new GanConfig(model, epochs, batchSize, maxImages, generatorLearningRate, discriminatorLearningRate,
                    beta1, beta2, adamEpsilon, realLabel, fakeLabel, generatorTarget, noiseStart, noiseEnd, sampleEvery,
                    sampleCount, checkpointEvery, seed, loss, emaDecay, noiseEpochs, maxMinutes, dataset);
        }
    }
}
