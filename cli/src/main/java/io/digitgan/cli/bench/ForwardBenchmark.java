package io.digitgan.cli.bench;

import ai.djl.ndarray.NDManager;
import io.digitgan.core.checkpoint.Checkpoint;
import io.digitgan.core.engine.DjlEngine;
import io.digitgan.core.model.BlockGenerator;
import java.nio.file.Path;
import java.util.Random;

/**
 * The bare forward pass a served request pays for: a checkpoint's generator (the averaged one when
 * it has it) on {@code batch} latents, through {@link BlockGenerator} as the generator-service runs
 * it, median of 50 after 10 warm-up passes. One JSON line per batch size. The HTTP load itself is
 * wrk's ({@code scripts/bench-generator.sh}).
 *   ForwardBenchmark <checkpoint dir> <libtorch threads> <batch,batch,...>
 */
public final class ForwardBenchmark {

    private ForwardBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        DjlEngine.start(threads);
        try (NDManager manager = NDManager.newBaseManager()) {
            Checkpoint checkpoint = Checkpoint.open(dir);
            var block = checkpoint.loadGenerator(manager,
                    checkpoint.hasAveragedGenerator() ? Checkpoint.GENERATOR_EMA : Checkpoint.GENERATOR);
            int latent = checkpoint.manifest().config().model().latentSize();
            BlockGenerator generator = new BlockGenerator(block, manager, latent);
            for (String b : args[2].split(",")) {
                int batch = Integer.parseInt(b.trim());
                float[] z = new float[batch * latent];
                Random random = new Random(1);
                for (int i = 0; i < z.length; i++) {
                    z[i] = (float) random.nextGaussian();
                }
                double ms = TrainBenchmark.medianMillis(() -> generator.generate(z, batch), 10, 50);
                System.out.printf(java.util.Locale.ROOT, "{\"bench\":\"forward\",\"threads\":%d,\"batch\":%d,\"msPerForward\":%.2f}%n",
                        threads, batch, ms);
            }
        }
    }
}
