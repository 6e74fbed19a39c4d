package io.digitgan.generator.model;

import ai.djl.Device;
import io.digitgan.core.data.Dataset;
import io.digitgan.core.quality.ClassCoverage;
import io.digitgan.core.quality.Evaluator;
import io.digitgan.core.quality.EvaluatorNet;
import io.digitgan.core.quality.EvaluatorStore;
import io.digitgan.generator.GeneratorSettings;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Serves a requested digit from an unconditional model by rejection sampling: latent seeds s, s+1,
 * … are drawn in rounds of {@link #ROUND} and each image is kept when the evaluator of the model's
 * dataset (shipped in gan-core) reads it as the class with at least the configured confidence, until enough are kept
 * or the tries run out. The scan is in seed order and the evaluator always sees full rounds, so the
 * same seed and digit give the same images.
 */
@ApplicationScoped
public class DigitPicker {

    /** Candidates per forward pass and evaluator pass. */
    static final int ROUND = 64;
    static final int PIXELS = 28 * 28;

    private final DigitRenderer renderer;
    private final GeneratorSettings.Rejection settings;
    private final java.util.Map<Dataset, Evaluator> evaluators = new java.util.EnumMap<>(Dataset.class);

    public DigitPicker(DigitRenderer renderer, GeneratorSettings settings) {
        this.renderer = renderer;
        this.settings = settings.generator().rejection();
    }

    /** What was kept: the images, their latent seeds, and how many candidates it took. */
    public record Picked(float[] images, long[] seeds, int tries) {}

    /** @throws DigitNotFoundException when fewer than {@code count} are found within the tries */
    public Picked pick(LoadedModel model, long seed, int count, int digit) {
        float[] kept = new float[count * PIXELS];
        long[] seeds = new long[count];
        int found = 0;
        int tries = 0;
        while (found < count && tries < settings.maxTries()) {
            long first = seed + tries;
            float[] candidates = renderer.images(model, first, ROUND);
            float[] probabilities = classify(model.dataset(), candidates);
            for (int i = 0; i < ROUND && found < count && tries < settings.maxTries(); i++, tries++) {
                if (ClassCoverage.mostLikely(probabilities, i, EvaluatorNet.CLASSES) == digit
                        && probabilities[i * EvaluatorNet.CLASSES + digit] >= settings.minConfidence()) {
                    System.arraycopy(candidates, i * PIXELS, kept, found * PIXELS, PIXELS);
                    seeds[found++] = first + i;
                }
            }
        }
        if (found < count) {
            throw new DigitNotFoundException(Integer.toString(digit), found, count, tries);
        }
        return new Picked(kept, seeds, tries);
    }

    private synchronized float[] classify(Dataset dataset, float[] images) {
        Evaluator evaluator = evaluators.computeIfAbsent(dataset, d -> {
            try {
                return EvaluatorStore.shippedEvaluator(d, Device.cpu());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot load the " + d + " evaluator that picks classes: " + e.getMessage(), e);
            }
        });
        return evaluator.run(images, ROUND).probabilities();
    }

    @PreDestroy
    synchronized void close() {
        evaluators.values().forEach(Evaluator::close);
        evaluators.clear();
    }
}
