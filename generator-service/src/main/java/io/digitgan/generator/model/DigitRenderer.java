package io.digitgan.generator.model;

import io.digitgan.core.image.PngGrid;
import io.digitgan.core.model.ModelConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Random;
import java.util.concurrent.Semaphore;

/**
 * Turns seeds into digits. Digit i of a grid with seed s has latent seed s + i, and a latent seed
 * always gives the same vector (java.util.Random's Gaussians), so a seed and a checkpoint fix an
 * image. Forward passes go through the {@link InferenceBatcher} (merged with other requests';
 * the same bytes as alone); PNG encoding runs on the request's thread, at most one per core at a
 * time, so the largest grid's raster is paid at most that many times.
 */
@ApplicationScoped
public class DigitRenderer {

    static final int SIZE = ModelConfig.IMAGE_SIZE;

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

    /** count images for latent seeds seed, seed+1, …; count × 28 × 28 values. */
    public float[] images(LoadedModel model, long seed, int count) {
        int d = model.latentSize();
        float[] latents = new float[count * d];
        for (int i = 0; i < count; i++) {
            System.arraycopy(latent(seed + i, d), 0, latents, i * d, d);
        }
        return run(model, latents, count);
    }

    public byte[] grid(LoadedModel model, long seed, int count, int columns, int scale) {
        float[] images = images(model, seed, count);
        return encode(() -> PngGrid.encode(images, count, SIZE, columns, scale));
    }

    public byte[] single(float[] images, int index, int scale) {
        float[] one = new float[SIZE * SIZE];
        System.arraycopy(images, index * one.length, one, 0, one.length);
        return encode(() -> PngGrid.encode(one, 1, SIZE, 1, scale));
    }

    /** A strip of {@code steps} images walking the sphere between the latents of two seeds. */
    public byte[] interpolation(LoadedModel model, long from, long to, int steps, int scale) {
        int d = model.latentSize();
        float[] a = latent(from, d);
        float[] b = latent(to, d);
        float[] latents = new float[steps * d];
        for (int i = 0; i < steps; i++) {
            System.arraycopy(slerp(a, b, (double) i / (steps - 1)), 0, latents, i * d, d);
        }
        float[] images = run(model, latents, steps);
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
