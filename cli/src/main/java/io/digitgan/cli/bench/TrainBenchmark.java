package io.digitgan.cli.bench;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.digitgan.core.config.GanConfig;
import io.digitgan.core.data.MnistDataset;
import io.digitgan.core.engine.DjlEngine;
import io.digitgan.core.model.FlopCount;
import io.digitgan.core.model.ModelConfig;
import io.digitgan.core.train.GanTrainer;
import io.digitgan.core.train.StepMetrics;
import io.digitgan.core.train.TrainingListener;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Times a training step and generator inference for several widths at one thread count (libtorch
 * fixes its thread count when it starts, so scripts/bench-train.sh runs one JVM per count), and
 * compares the step's arithmetic rate with a large matrix product in the same engine and process.
 * Prints one JSON line per width.
 *
 * <p>Arguments: threads, widths (comma-separated), warm-up steps, timed steps, batch size.
 */
public final class TrainBenchmark {

    private TrainBenchmark() {}

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        double[] widths = Arrays.stream((args.length > 1 ? args[1] : "1.0,0.5,0.25").split(","))
                .mapToDouble(Double::parseDouble).toArray();
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int timed = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        int batch = args.length > 4 ? Integer.parseInt(args[4]) : 128;
        DjlEngine.start(threads);
        MnistDataset data = BenchData.load();
        double matmulFlops = matmulFlopsPerSecond(2048, 5);
        for (double width : widths) {
            GanConfig config = GanConfig.original().toBuilder().model(ModelConfig.original(width)).epochs(1)
                    .batchSize(batch).maxImages(batch * (warmup + timed)).seed(1).build();
            List<Double> stepMillis = new ArrayList<>();
            double gen1;
            double gen64;
            try (GanTrainer trainer = GanTrainer.start("bench", config, data, Device.cpu(), null)) {
                trainer.addListener(new TrainingListener() {
                    @Override
                    public void onStep(StepMetrics s) {
                        if (s.step() > warmup) {
                            stepMillis.add(s.stepMillis());
                        }
                    }
                });
                trainer.train();
                float[] noise = trainer.fixedNoise();
                gen1 = medianMillis(() -> trainer.generate(Arrays.copyOf(noise, 100), 1), 5, 30);
                gen64 = medianMillis(() -> trainer.generate(noise, 64), 3, 20);
            }
            double ms = median(stepMillis);
            double flops = FlopCount.trainingStepFlops(config.model(), batch);
            double rate = flops / (ms / 1000);
            System.out.println(String.format(Locale.ROOT,
                    "{\"width\":%s,\"threads\":%d,\"batch\":%d,\"msPerStep\":%.1f,\"timedSteps\":%d,"
                            + "\"stepGflop\":%.2f,\"stepGflops\":%.2f,\"matmulGflops\":%.2f,\"shareOfMatmul\":%.3f,"
                            + "\"generate1Ms\":%.2f,\"generate64Ms\":%.2f}",
                    width, threads, batch, ms, stepMillis.size(), flops / 1e9, rate / 1e9, matmulFlops / 1e9,
                    rate / matmulFlops, gen1, gen64));
        }
    }

    /** FLOP/s of an n×n float32 matrix product in the engine (median of several). */
    static double matmulFlopsPerSecond(int n, int repeats) {
        try (NDManager manager = NDManager.newBaseManager(Engine.getEngine(DjlEngine.ENGINE_NAME).defaultDevice())) {
            NDArray a = manager.randomUniform(-1f, 1f, new Shape(n, n));
            NDArray b = manager.randomUniform(-1f, 1f, new Shape(n, n));
            double ms = medianMillis(() -> {
                try (NDArray c = a.matMul(b)) {
                    c.getFloat(0, 0); // forces the product to finish
                }
            }, 2, repeats);
            return 2.0 * n * n * n / (ms / 1000);
        }
    }

    static double medianMillis(Runnable work, int warmup, int repeats) {
        for (int i = 0; i < warmup; i++) {
            work.run();
        }
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < repeats; i++) {
            long start = System.nanoTime();
            work.run();
            times.add((System.nanoTime() - start) / 1e6);
        }
        return median(times);
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
