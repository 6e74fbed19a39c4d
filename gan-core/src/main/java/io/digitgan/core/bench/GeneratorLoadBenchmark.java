package io.digitgan.core.bench;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import io.digitgan.core.checkpoint.Checkpoint;
import io.digitgan.core.engine.DjlEngine;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Drives a running generator-service with concurrent clients (each its own connection loop) and
 * prints, per endpoint and connection count, requests/s and p50/p99 latency, next to the bare DJL
 * forward time of the same batch for the same checkpoint in this process. One JSON line each.
 *
 * <p>Arguments: base URL, checkpoint folder, seconds per measurement, connection counts.
 */
public final class GeneratorLoadBenchmark {

    private GeneratorLoadBenchmark() {}

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "http://localhost:8082";
        Path checkpoint = Path.of(args.length > 1 ? args[1] : "data/checkpoints");
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        int[] connections = args.length > 3
                ? java.util.Arrays.stream(args[3].split(",")).mapToInt(Integer::parseInt).toArray()
                : new int[] {1, 8, 64};
        DjlEngine.start(); // libtorch's default threads, as the service has
        double bare1 = bareForwardMillis(checkpoint, 1);
        double bare64 = bareForwardMillis(checkpoint, 64);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(64)).connectTimeout(Duration.ofSeconds(5)).build();
        for (int c : connections) {
            print("single digit", "/api/v1/digits/%d.png?scale=1", base, client, c, seconds, bare1);
            print("64-digit grid", "/api/v1/digits.png?count=64&seed=%d", base, client, c, seconds, bare64);
        }
        System.exit(0);
    }

    private static void print(String name, String path, String base, HttpClient client, int connections, int seconds,
            double bare) throws InterruptedException {
        Result r = load(client, base + path, connections, seconds);
        System.out.println(String.format(Locale.ROOT,
                "{\"endpoint\":\"%s\",\"connections\":%d,\"requests\":%d,\"failed\":%d,\"requestsPerSecond\":%.1f,"
                        + "\"p50Ms\":%.2f,\"p99Ms\":%.2f,\"serviceMsPerRequest\":%.2f,\"bareForwardMs\":%.2f}",
                name, connections, r.latencies.size(), r.failed, r.latencies.size() / r.seconds, r.percentile(50),
                r.percentile(99), 1000.0 * r.seconds / Math.max(1, r.latencies.size()), bare));
    }

    private record Result(List<Double> latencies, int failed, double seconds) {
        double percentile(int p) {
            if (latencies.isEmpty()) {
                return Double.NaN;
            }
            List<Double> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
        }
    }

    /** Bounded in time: every client stops at the deadline. */
    private static Result load(HttpClient client, String urlPattern, int connections, int seconds)
            throws InterruptedException {
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger counter = new AtomicInteger();
        long warmupEnd = System.nanoTime() + 1_000_000_000L;
        long end = warmupEnd + seconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        for (int i = 0; i < connections; i++) {
            pool.submit(() -> {
                while (System.nanoTime() < end) {
                    URI uri = URI.create(String.format(urlPattern, counter.incrementAndGet()));
                    long start = System.nanoTime();
                    try {
                        HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(uri).build(),
                                HttpResponse.BodyHandlers.ofByteArray());
                        if (start < warmupEnd) {
                            continue;
                        }
                        if (response.statusCode() == 200) {
                            latencies.add((System.nanoTime() - start) / 1e6);
                        } else {
                            failed.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 60L, TimeUnit.SECONDS);
        return new Result(latencies, failed.get(), seconds);
    }

    private static double bareForwardMillis(Path checkpointDir, int batch) throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            Checkpoint checkpoint = Checkpoint.open(checkpointDir);
            SequentialBlock generator = checkpoint.loadGenerator(manager);
            int latent = checkpoint.manifest().config().model().latentSize();
            float[] z = new float[batch * latent];
            java.util.Random random = new java.util.Random(1);
            for (int i = 0; i < z.length; i++) {
                z[i] = (float) random.nextGaussian();
            }
            return TrainBenchmark.medianMillis(() -> {
                try (NDManager m = manager.newSubManager()) {
                    generator.forward(new ParameterStore(m, false), new NDList(m.create(z, new Shape(batch, latent))), false)
                            .singletonOrThrow().toFloatArray();
                }
            }, 5, 50);
        }
    }
}
