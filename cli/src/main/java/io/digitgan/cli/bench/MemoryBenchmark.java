package io.digitgan.cli.bench;

import ai.djl.Device;
import io.digitgan.core.config.GanConfig;
import io.digitgan.core.data.MnistDataset;
import io.digitgan.core.engine.DjlEngine;
import io.digitgan.core.model.ModelConfig;
import io.digitgan.core.train.GanTrainer;
import io.digitgan.core.train.StepMetrics;
import io.digitgan.core.train.TrainingListener;
import java.util.Locale;

/**
 * Trains N steps and prints resident memory at step 200 and at the last step, and the arrays held
 * by the model managers: a leak of native memory shows as growth between the two.
 *
 * <p>Arguments: width (1.0), steps (1000), threads (2).
 */
public final class MemoryBenchmark {

    private MemoryBenchmark() {}

    static double megabytes() {
        long bytes = io.digitgan.core.system.ProcessMemory.residentBytes();
        return bytes < 0 ? Double.NaN : bytes / 1048576.0;
    }

    /** Java's share of the resident memory: committed heap and direct buffers. */
    static String javaMemory() {
        long heap = java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
        long direct = java.lang.management.ManagementFactory.getPlatformMXBeans(java.lang.management.BufferPoolMXBean.class)
                .stream().filter(b -> b.getName().equals("direct")).mapToLong(java.lang.management.BufferPoolMXBean::getMemoryUsed)
                .sum();
        return String.format(Locale.ROOT, "heap committed %.0f MB, direct buffers %.1f MB", heap / 1048576.0,
                direct / 1048576.0);
    }

    public static void main(String[] args) throws Exception {
        double width = args.length > 0 ? Double.parseDouble(args[0]) : 1.0;
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        DjlEngine.start(threads);
        MnistDataset data = BenchData.load();
        int batch = 128;
        int perEpoch = data.size() / batch;
        int epochs = (steps + perEpoch - 1) / perEpoch;
        GanConfig config = GanConfig.original().toBuilder().model(ModelConfig.original(width)).epochs(epochs)
                .sampleEvery(1000).seed(1).build();
        double[] rss = new double[2];
        int[] arrays = new int[2];
        try (GanTrainer trainer = GanTrainer.start("memory", config, data, Device.cpu(), null)) {
            trainer.addListener(new TrainingListener() {
                @Override
                public void onStep(StepMetrics s) {
                    if (s.globalStep() == 200 || s.globalStep() == steps) {
                        int i = s.globalStep() == 200 ? 0 : 1;
                        rss[i] = megabytes();
                        arrays[i] = trainer.managedArrayCount();
                        System.err.printf(Locale.ROOT, "step %d: RSS %.0f MB, %d arrays held by the models, %s%n",
                                s.globalStep(), rss[i], arrays[i], javaMemory());
                    } else if (s.globalStep() % 100 == 0) {
                        System.err.printf(Locale.ROOT, "step %d: RSS %.0f MB, %s%n", s.globalStep(), megabytes(),
                                javaMemory());
                    }
                    if (s.globalStep() >= steps) {
                        trainer.requestStop();
                    }
                }
            });
            trainer.train();
        }
        System.out.println(String.format(Locale.ROOT,
                "{\"width\":%s,\"threads\":%d,\"steps\":%d,\"rssStep200MB\":%.1f,\"rssLastStepMB\":%.1f,"
                        + "\"growthPercent\":%.2f,\"modelArraysStep200\":%d,\"modelArraysLastStep\":%d}",
                width, threads, steps, rss[0], rss[1], 100 * (rss[1] - rss[0]) / rss[0], arrays[0], arrays[1]));
    }
}
