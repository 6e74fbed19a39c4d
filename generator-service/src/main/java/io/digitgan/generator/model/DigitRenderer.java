package io.digitgan.generator.model;

import io.digitgan.core.image.PngGrid;
import io.digitgan.core.model.ModelConfig;
import io.digitgan.core.model.OneHot;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Random;
import java.util.concurrent.Semaphore;

/**
 * Turns seeds into digits. Digit i of a grid with seed s has latent seed s + i, and a latent seed
 * always gives the same vector (java.util.Random's Gaussians), so a seed and a checkpoint fix an
 * image; a conditional model's input row is that vector joined to the asked class's one-hot row. Forward passes go through the {@link InferenceBatcher} (merged with other requests';
 * the same bytes as alone); PNG encoding runs on the request's thread, at most one per core at a
 * time, so the largest grid's raster is paid at most that many times.
 */
@ApplicationScoped
public class DigitRenderer {

    static final int SIZE = ModelConfig.IMAGE_SIZE;
    private static final long CLASS_SALT = 0xC1A55E5L;

    private final InferenceBatcher batcher;
    private final Semaphore encoders = new Semaphore(Runtime.getRuntime().availableProcessors(), true);

    public DigitRenderer(InferenceBatcher batcher) {
        this.batcher = batcher;
    }

    /** The latent vector of a seed. */
    public static float[] latent(long seed, int size) {
        Random random = new Random(seed);
        float[] z = new float[size];
        for (int i = 0; i < size; i++) {
            z[i] = (float) random.nextGaussian();
        }
        return z;
    }

    /**
     * count images for latent seeds seed, seed+1, …; count × 28 × 28 values. A conditional model
     * draws each latent seed's own class ({@link #classOf}).
     */
    public float[] images(LoadedModel model, long seed, int count) {
        return images(model, seed, count, model.conditional() ? classesOf(seed, count, model.classNames().size()) : null);
    }

    /** The classes a conditional model draws for latent seeds seed, seed+1, … when none is asked. */
    public static int[] classesOf(long seed, int count, int classes) {
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = classOf(seed + i, classes);
        }
        return labels;
    }

    /**
     * Images for latent seeds seed, seed+1, … of a conditional model, image i of class {@code
     * labels[i]} (null: an unconditional model).
     */
    public float[] images(LoadedModel model, long seed, int count, int[] labels) {
        return images(model, consecutive(seed, count), labels);
    }

    /** The latent seeds seed, seed+1, …, seed+count−1. */
    static long[] consecutive(long seed, int count) {
        long[] seeds = new long[count];
        for (int i = 0; i < count; i++) {
            seeds[i] = seed + i;
        }
        return seeds;
    }

    /** Images for the given latent seeds, image i of class {@code labels[i]} (null: unconditional). */
    public float[] images(LoadedModel model, long[] seeds, int[] labels) {
        int d = model.latentSize();
        int count = seeds.length;
        float[] latents = new float[count * d];
        for (int i = 0; i < count; i++) {
            System.arraycopy(latent(seeds[i], d), 0, latents, i * d, d);
        }
        int classes = model.classNames().size();
        return run(model, model.conditional() ? OneHot.join(latents, labels, count, d, classes) : latents, count);
    }

    /** The class a conditional model draws for a latent seed when none is asked: fixed by the seed. */
    public static int classOf(long seed, int classes) {
        return new Random(seed ^ CLASS_SALT).nextInt(classes);
    }

    /** Lays images out as a PNG grid. */
    public byte[] grid(float[] images, int count, int columns, int scale) {
        return encode(() -> PngGrid.encode(images, count, SIZE, columns, scale));
    }

    public byte[] single(float[] images, int index, int scale) {
        float[] one = new float[SIZE * SIZE];
        System.arraycopy(images, index * one.length, one, 0, one.length);
        return encode(() -> PngGrid.encode(one, 1, SIZE, 1, scale));
    }

    /**
     * A strip of {@code steps} images of a conditional model at the latent of {@code seed}, its
     * label walking linearly from class {@code from} to class {@code to}.
     */
    public byte[] classInterpolation(LoadedModel model, long seed, int from, int to, int steps, int scale) {
        int d = model.latentSize();
        int classes = model.classNames().size();
        float[] z = latent(seed, d);
        float[] rows = new float[steps * (d + classes)];
        for (int i = 0; i < steps; i++) {
            double t = (double) i / (steps - 1);
            int base = i * (d + classes);
            System.arraycopy(z, 0, rows, base, d);
            rows[base + d + from] += (float) (1 - t);
            rows[base + d + to] += (float) t;
        }
        float[] images = run(model, rows, steps);
        return encode(() -> PngGrid.encode(images, steps, SIZE, steps, scale));
    }

    /**
     * A strip of {@code steps} images walking the sphere between the latents of two seeds; a
     * conditional model draws class {@code label} all along (the first seed's own class when null).
     */
    public byte[] interpolation(LoadedModel model, long from, long to, int steps, int scale, Integer label) {
        int d = model.latentSize();
        float[] a = latent(from, d);
        float[] b = latent(to, d);
        float[] latents = new float[steps * d];
        for (int i = 0; i < steps; i++) {
            System.arraycopy(slerp(a, b, (double) i / (steps - 1)), 0, latents, i * d, d);
        }
        if (model.conditional()) {
            int classes = model.classNames().size();
            int[] labels = new int[steps];
            java.util.Arrays.fill(labels, label != null ? label : classOf(from, classes));
            latents = OneHot.join(latents, labels, steps, d, classes);
        }
        float[] rows = latents;
        float[] images = run(model, rows, steps);
        return encode(() -> PngGrid.encode(images, steps, SIZE, steps, scale));
    }

    /** Spherical interpolation; linear where the two are (nearly) parallel. */
    static float[] slerp(float[] a, float[] b, double t) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        double cos = Math.max(-1, Math.min(1, dot / Math.sqrt(na * nb)));
        double omega = Math.acos(cos);
        double sin = Math.sin(omega);
        double wa = sin < 1e-6 ? 1 - t : Math.sin((1 - t) * omega) / sin;
        double wb = sin < 1e-6 ? t : Math.sin(t * omega) / sin;
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (float) (wa * a[i] + wb * b[i]);
        }
        return out;
    }

    private float[] run(LoadedModel model, float[] latents, int count) {
        return batcher.generate(model, latents, count);
    }

    private byte[] encode(java.util.function.Supplier<byte[]> png) {
        encoders.acquireUninterruptibly();
        try {
            return png.get();
        } finally {
            encoders.release();
        }
    }
}
