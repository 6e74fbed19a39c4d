package io.digitgan.core.quality;

import io.digitgan.core.model.ImageGenerator;
import io.digitgan.events.Quality;
import java.util.Random;

/**
 * Measures generated images against a dataset's test set (FID-MNIST, MNIST score and class coverage
 * on MNIST; the same figures with Fashion-MNIST's evaluator on Fashion-MNIST),
 * with the real-data floor beside them.
 */
public final class QualityMeter implements QualityProbe, AutoCloseable {

    private final Evaluator evaluator;
    private final GaussianFit reference;
    private final Evaluator.Outputs real;
    private final String version;
    private final Double testAccuracy;
    private final java.util.Map<Integer, Quality.Floor> floors = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param reference the Gaussian fit of the test images' features
     * @param real the evaluator's outputs for real training images, for the floor
     */
    public QualityMeter(Evaluator evaluator, GaussianFit reference, Evaluator.Outputs real, String version) {
        this(evaluator, reference, real, version, null);
    }

    /** @param testAccuracy the evaluator's accuracy on the real test images, shown beside class accuracy */
    public QualityMeter(Evaluator evaluator, GaussianFit reference, Evaluator.Outputs real, String version,
            Double testAccuracy) {
        this.evaluator = evaluator;
        this.reference = reference;
        this.real = real;
        this.version = version;
        this.testAccuracy = testAccuracy;
    }

    /**
     * Draws {@code count} images from {@code generator} with Gaussian noise seeded by {@code seed}
     * (the same seed gives the same images) and measures them; the time includes drawing.
     */
    @Override
    public Quality measure(ImageGenerator generator, int latentSize, int count, long seed) {
        return measure(generator, latentSize, count, seed, count);
    }

    /**
     * Draws and measures {@code count} images; {@code trackingFid} is the FID of the first
     * {@code trackingCount} of them, which are the images a {@code trackingCount}-sample
     * measurement with the same seed draws.
     */
    @Override
    public Quality measure(ImageGenerator generator, int latentSize, int count, long seed, int trackingCount) {
        long start = System.nanoTime();
        float[] images = new float[count * Evaluator.PIXELS];
        Random random = new Random(seed);
        // a conditional generator is asked for the classes in turn over the whole measurement
        int[] asked = generator.classes() > 0 ? ImageGenerator.balancedLabels(count, generator.classes()) : null;
        for (int from = 0; from < count; from += Evaluator.BATCH) {
            int n = Math.min(Evaluator.BATCH, count - from);
            float[] noise = new float[n * latentSize];
            for (int i = 0; i < noise.length; i++) {
                noise[i] = (float) random.nextGaussian();
            }
            float[] drawn = asked == null ? generator.generate(noise, n)
                    : generator.generate(noise, java.util.Arrays.copyOfRange(asked, from, from + n), n);
            System.arraycopy(drawn, 0, images, from * Evaluator.PIXELS, n * Evaluator.PIXELS);
        }
        return measureImages(images, asked, count, trackingCount, start);
    }

    /** Measures {@code count} images in [-1, 1]. */
    public Quality measureImages(float[] images, int count) {
        return measureImages(images, null, count, count, System.nanoTime());
    }

    /**
     * @param asked the class each image was drawn as (a conditional generator's), or null: then no
     *     class accuracy
     */
    private Quality measureImages(float[] images, int[] asked, int count, int trackingCount, long startNanos) {
        Evaluator.Outputs out = evaluator.run(images, count);
        Quality figures = figures(out, reference);
        double trackingFid = trackingCount >= 2 && trackingCount < count
                ? round(FrechetDistance.between(
                        GaussianFit.of(out.first(trackingCount).features(), trackingCount, EvaluatorNet.FEATURES), reference))
                : figures.fid();
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        ClassAccuracy accuracy = asked == null ? null : ClassAccuracy.of(out.probabilities(), asked, count, EvaluatorNet.CLASSES);
        return new Quality(figures.fid(), figures.mnistScore(), figures.classCoverage(), figures.digitsCovered(), count,
                Math.round(seconds * 1000) / 1000.0, version, floor(count), trackingFid,
                accuracy == null ? null : round(accuracy.overall()), accuracy == null ? null : accuracy.asMap(),
                accuracy == null ? null : accuracy.confusionMap());
    }

    /** The figures of evaluator outputs against a reference fit (no timing, version or floor). */
    static Quality figures(Evaluator.Outputs out, GaussianFit reference) {
        GaussianFit fit = GaussianFit.of(out.features(), out.count(), EvaluatorNet.FEATURES);
        double fid = FrechetDistance.between(fit, reference);
        double score = MnistScore.of(out.probabilities(), out.count(), EvaluatorNet.CLASSES);
        ClassCoverage coverage = ClassCoverage.of(out.probabilities(), out.count(), EvaluatorNet.CLASSES);
        return new Quality(round(fid), round(score), coverage.asMap(), coverage.digitsCovered(), out.count(), null,
                null, null, null);
    }

    static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }

    /**
     * The figures of {@code count} real training images (at most all it holds, 10,000): FID is
     * biased upwards when fewer samples are measured, so a result is read against the floor at its
     * own count.
     */
    public Quality.Floor floor(int count) {
        int n = Math.min(count, real.count());
        return floors.computeIfAbsent(n, k -> {
            Quality q = figures(real.first(k), reference);
            return new Quality.Floor(q.fid(), q.mnistScore(), q.digitsCovered(), testAccuracy);
        });
    }

    /** The floor at the most real images held (10,000). */
    public Quality.Floor floor() {
        return floor(real.count());
    }

    public String version() {
        return version;
    }

    Evaluator evaluator() {
        return evaluator;
    }

    @Override
    public void close() {
        evaluator.close();
    }
}
