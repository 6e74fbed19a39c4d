package io.digitgan.generator.model;

import io.digitgan.core.image.PngGrid;
import io.digitgan.core.model.ModelConfig;
import io.digitgan.generator.GeneratorSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Random;
import java.util.concurrent.Semaphore;

/**
 * Turns seeds into digits. Digit i of a grid with seed s has latent seed s + i, and a latent seed
 * always gives the same vector (java.util.Random's Gaussians), so a seed and a checkpoint fix an
 * image. Rendering (inference and PNG encoding) runs on a bounded pool of predictors (one per
 * core by default): concurrent requests share the immutable model, at most that many at a time,
 * so the largest request's memory is paid at most that many times. At most {@code max-queued}
 * more wait, each at most {@code queue-timeout}; beyond that a request is refused at once
 * ({@link GeneratorBusyException}: 503 with Retry-After) instead of waiting without limit.
 */
@ApplicationScoped
public class DigitRenderer {

    static final int SIZE = ModelConfig.IMAGE_SIZE;

    private final Semaphore predictors;
    private final Semaphore admitted;
    private final java.time.Duration queueTimeout;
    private final Timer inference;

    public DigitRenderer(GeneratorSettings settings, MeterRegistry registry) {
        int n = settings.generator().predictors() > 0 ? settings.generator().predictors()
                : Runtime.getRuntime().availableProcessors();
        this.predictors = new Semaphore(n, true);
        this.admitted = new Semaphore(n + settings.generator().maxQueued(), true);
        this.queueTimeout = settings.generator().queueTimeout();
        registry.gauge("digitgan.generator.requests.waiting", predictors, Semaphore::getQueueLength);
        this.inference = Timer.builder("digitgan.generator.inference").description("generator forward passes")
                .register(registry);
    }

    /**
     * Runs {@code work} (a whole render: inference and encoding) on a predictor.
     *
     * @throws GeneratorBusyException when the queue is full or the wait too long
     */
    public <T> T exclusive(java.util.function.Supplier<T> work) {
        if (!admitted.tryAcquire()) {
            throw new GeneratorBusyException("every predictor is busy and the queue is full");
        }
        try {
            if (!predictors.tryAcquire(queueTimeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                throw new GeneratorBusyException("no predictor became free within " + queueTimeout.toSeconds() + " s");
            }
            try {
                return work.get();
            } finally {
                predictors.release();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GeneratorBusyException("interrupted while waiting for a predictor");
        } finally {
            admitted.release();
        }
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
        return PngGrid.encode(images(model, seed, count), count, SIZE, columns, scale);
    }

    public byte[] single(float[] images, int index, int scale) {
        float[] one = new float[SIZE * SIZE];
        System.arraycopy(images, index * one.length, one, 0, one.length);
        return PngGrid.encode(one, 1, SIZE, 1, scale);
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
        return PngGrid.encode(run(model, latents, steps), steps, SIZE, steps, scale);
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

    /** One forward pass; callers bound concurrency with {@link #exclusive}. */
    private float[] run(LoadedModel model, float[] latents, int count) {
        return inference.record(() -> model.generate(latents, count));
    }
}
