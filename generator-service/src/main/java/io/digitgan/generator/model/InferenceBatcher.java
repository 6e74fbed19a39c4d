package io.digitgan.generator.model;

import io.digitgan.generator.GeneratorSettings;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.jboss.logging.Logger;

/**
 * Dynamic batching, as Triton's batcher does it: the latents of concurrent requests wait in one
 * bounded queue and are merged into one forward pass of up to {@code max-batch} images, waiting
 * at most {@code max-delay} for company after the first; each request gets its rows back. A
 * request larger than a batch spans several. With {@code max-batch=0} every request runs alone.
 *
 * <p>Every forward has a multiple of {@code row-multiple} rows, padded with zero latents: on
 * libtorch's CPU kernels a latent's image is then bit-identical in any such batch, whatever its
 * position and company, where 1–3 rows or a ragged tail take other kernels and differ by about
 * 1e-7 (enough to flip a PNG byte now and then). So a request gets the same bytes alone, in
 * company, and with batching off, and ETags hold. {@code BatchInvarianceTest} checks the engine.
 *
 * <p>Beyond {@code max-queued} waiting requests a request is refused at once, and one that waited
 * {@code queue-timeout} without its forward starting is refused then ({@link GeneratorBusyException}).
 */
@ApplicationScoped
public class InferenceBatcher {

    private static final Logger LOG = Logger.getLogger(InferenceBatcher.class);

    private final int maxBatch;
    private final long maxDelayNanos;
    private final int rowMultiple;
    private final int maxQueued;
    private final Duration queueTimeout;
    private final BatchMetrics metrics;
    private final ArrayDeque<Job> queue = new ArrayDeque<>();
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean running = true;

    public InferenceBatcher(GeneratorSettings settings, BatchMetrics metrics) {
        GeneratorSettings.Generator g = settings.generator();
        this.maxBatch = g.batching().maxBatch();
        this.maxDelayNanos = g.batching().maxDelay().toNanos();
        this.rowMultiple = Math.max(1, g.batching().rowMultiple());
        this.maxQueued = g.maxQueued();
        this.queueTimeout = g.queueTimeout();
        this.metrics = metrics;
        metrics.watchDepth(this, InferenceBatcher::depth);
        int n = g.predictors() > 0 ? g.predictors() : Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < n; i++) {
            Thread worker = new Thread(this::work, "generator-forward-" + i);
            worker.setDaemon(true);
            worker.start();
            workers.add(worker);
        }
        LOG.infof("inference: %s, %d forward thread(s), rows in multiples of %d, at most %d waiting",
                maxBatch > 0 ? "batches of up to " + maxBatch + " images, " + g.batching().maxDelay().toMillis()
                        + " ms for company" : "one request per forward", n, rowMultiple, maxQueued);
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        workers.forEach(Thread::interrupt);
        synchronized (queue) {
            queue.forEach(job -> job.result.completeExceptionally(new GeneratorBusyException("shutting down")));
            queue.clear();
        }
    }

    /**
     * The images of {@code count} latents (count × 28 × 28 values), computed in company.
     *
     * @throws GeneratorBusyException when the queue is full, or the wait for a forward too long
     */
    public float[] generate(LoadedModel model, float[] latents, int count) {
        Job job = new Job(model, latents, count, model.inputSize());
        synchronized (queue) {
            if (queue.size() >= maxQueued) {
                metrics.refusedFull();
                throw new GeneratorBusyException(queue.size() + " requests are waiting for the generator (the most)");
            }
            queue.add(job);
            metrics.arrived(queue.size());
            queue.notifyAll();
        }
        try {
            return job.result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GeneratorBusyException("interrupted while waiting for the generator");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    int depth() {
        synchronized (queue) {
            return queue.size();
        }
    }

    private void work() {
        while (running) {
            List<Piece> batch;
            try {
                batch = nextBatch();
            } catch (InterruptedException e) {
                return;
            }
            if (!batch.isEmpty()) {
                run(batch);
            }
        }
    }

    /** Waits for work, then for company, and takes up to one batch of rows of one model. */
    private List<Piece> nextBatch() throws InterruptedException {
        synchronized (queue) {
            while (queue.isEmpty()) {
                queue.wait();
            }
            if (maxBatch > 0) {
                long deadline = queue.peek().enqueuedAt + maxDelayNanos;
                long left;
                while (waitingRows(queue.peek().model) < maxBatch && (left = deadline - System.nanoTime()) > 0) {
                    queue.wait(left / 1_000_000, (int) (left % 1_000_000));
                    if (queue.isEmpty()) {
                        return List.of(); // another worker took it
                    }
                }
            }
            return take();
        }
    }

    private int waitingRows(LoadedModel model) {
        int rows = 0;
        for (Job job : queue) {
            if (job.model == model) {
                rows += job.count - job.dispatched;
            }
        }
        return rows;
    }

    /** Rows of the head's model, oldest first; jobs that waited too long are refused instead. */
    private List<Piece> take() {
        List<Piece> pieces = new ArrayList<>();
        LoadedModel model = null;
        int room = maxBatch > 0 ? maxBatch : Integer.MAX_VALUE;
        long now = System.nanoTime();
        for (Iterator<Job> it = queue.iterator(); it.hasNext() && room > 0; ) {
            Job job = it.next();
            if (job.dispatched == 0 && now - job.enqueuedAt > queueTimeout.toNanos()) {
                it.remove();
                metrics.refusedTimeout();
                job.result.completeExceptionally(new GeneratorBusyException(
                        "no forward pass started within " + queueTimeout.toSeconds() + " s"));
                continue;
            }
            if (model == null) {
                model = job.model;
            } else if (job.model != model) {
                continue; // a swap: the next batch serves the other model
            }
            if (job.dispatched == 0) {
                metrics.waited(now - job.enqueuedAt);
            }
            int n = Math.min(room, job.count - job.dispatched);
            pieces.add(new Piece(job, job.dispatched, n));
            job.dispatched += n;
            room -= n;
            if (job.dispatched == job.count) {
                it.remove();
            }
            if (maxBatch <= 0) {
                break; // one request per forward
            }
        }
        return pieces;
    }

    private void run(List<Piece> batch) {
        LoadedModel model = batch.get(0).job.model;
        int d = model.inputSize();
        int images = batch.stream().mapToInt(Piece::rows).sum();
        int rows = (images + rowMultiple - 1) / rowMultiple * rowMultiple;
        float[] latents = new float[rows * d]; // the padding rows stay zero
        int row = 0;
        for (Piece p : batch) {
            System.arraycopy(p.job.latents, p.from * d, latents, row * d, p.rows * d);
            row += p.rows;
        }
        float[] out;
        try {
            out = metrics.forward(() -> model.generate(latents, rows));
        } catch (RuntimeException | Error e) {
            LOG.errorf(e, "a forward pass of %d images failed", images);
            batch.forEach(p -> p.job.result.completeExceptionally(e));
            return;
        }
        metrics.batched(images, batch.size());
        int pixels = out.length / rows;
        row = 0;
        for (Piece p : batch) {
            System.arraycopy(out, row * pixels, p.job.output(pixels), p.from * pixels, p.rows * pixels);
            row += p.rows;
            p.job.done(p.rows);
        }
    }

    /** One request's latents and where its images go. */
    private static final class Job {
        final LoadedModel model;
        final float[] latents;
        final int count;
        final long enqueuedAt = System.nanoTime();
        final CompletableFuture<float[]> result = new CompletableFuture<>();
        /** Rows handed to a forward so far (under the queue's lock). */
        int dispatched;
        private int finished;
        private float[] output;

        Job(LoadedModel model, float[] latents, int count, int latentSize) {
            if (latents.length != count * latentSize) {
                throw new IllegalArgumentException(latents.length + " values are not " + count + " latents");
            }
            this.model = model;
            this.latents = latents;
            this.count = count;
        }

        synchronized float[] output(int pixels) {
            if (output == null) {
                output = new float[count * pixels];
            }
            return output;
        }

        synchronized void done(int rows) {
            finished += rows;
            if (finished == count) {
                result.complete(output);
            }
        }
    }

    private record Piece(Job job, int from, int rows) {}
}
