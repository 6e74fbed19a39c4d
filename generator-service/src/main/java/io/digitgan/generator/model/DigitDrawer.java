package io.digitgan.generator.model;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;

/**
 * Which images answer a request: any digit, one asked digit, or a row per digit. A conditional
 * model draws the asked digit directly; an unconditional one finds it by rejection sampling
 * ({@link DigitPicker}). Image i of a request with seed s has latent seed s + i, except those
 * rejection sampling keeps, which carry their own seeds.
 */
@ApplicationScoped
public class DigitDrawer {

    public static final String CONDITIONAL = "conditional";
    public static final String REJECTION = "rejection";
    static final int PIXELS = 28 * 28;

    private final DigitRenderer renderer;
    private final DigitPicker picker;

    public DigitDrawer(DigitRenderer renderer, DigitPicker picker) {
        this.renderer = renderer;
        this.picker = picker;
    }

    /**
     * Images with their latent seeds and classes (labels null: not known), how the classes were met
     * ({@link #CONDITIONAL}, {@link #REJECTION}, or null when none was asked) and the candidates
     * rejection sampling tried.
     */
    public record Drawn(float[] images, long[] seeds, int[] labels, String sampling, int tries) {

        public int count() {
            return seeds.length;
        }
    }

    /** {@code count} images from latent seed {@code seed} on: any digit, or only {@code digit} (null: any). */
    public Drawn draw(LoadedModel model, long seed, int count, Integer digit) {
        long[] seeds = DigitRenderer.consecutive(seed, count);
        if (digit == null) {
            if (!model.conditional()) {
                return new Drawn(renderer.images(model, seed, count), seeds, null, null, 0);
            }
            int[] labels = DigitRenderer.classesOf(seed, count, model.classNames().size());
            return new Drawn(renderer.images(model, seeds, labels), seeds, labels, null, 0);
        }
        int[] labels = new int[count];
        Arrays.fill(labels, digit);
        if (model.conditional()) {
            return new Drawn(renderer.images(model, seeds, labels), seeds, labels, CONDITIONAL, 0);
        }
        DigitPicker.Picked picked = picker.pick(model, seed, count, digit);
        return new Drawn(picked.images(), picked.seeds(), labels, REJECTION, picked.tries());
    }

    /**
     * One row of {@code perRow} images per class, row k of class k; a conditional model draws the
     * same latents down each column.
     */
    public Drawn rows(LoadedModel model, long seed, int perRow) {
        int classes = model.classNames().size();
        float[] images = new float[classes * perRow * PIXELS];
        long[] seeds = new long[classes * perRow];
        int[] labels = new int[classes * perRow];
        String sampling = null;
        int tries = 0;
        for (int k = 0; k < classes; k++) {
            Drawn row = draw(model, seed, perRow, k);
            System.arraycopy(row.images(), 0, images, k * perRow * PIXELS, perRow * PIXELS);
            System.arraycopy(row.seeds(), 0, seeds, k * perRow, perRow);
            System.arraycopy(row.labels(), 0, labels, k * perRow, perRow);
            sampling = row.sampling();
            tries += row.tries();
        }
        return new Drawn(images, seeds, labels, sampling, tries);
    }
}
