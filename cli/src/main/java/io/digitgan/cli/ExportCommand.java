package io.digitgan.cli;

import io.digitgan.core.checkpoint.Checkpoint;
import io.digitgan.core.export.GeneratorExport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code export <checkpoint>}: the generator as {@code model.safetensors} + {@code config.json},
 * for PyTorch ({@code reference/digitgan_generator.py}) or anything else that reads safetensors.
 */
@Command(name = "export",
        description = {"Writes the generator as model.safetensors (float32, PyTorch names) and"
                + " config.json (the network's shape, the run, its quality figures and training config).",
                "Load it in PyTorch with reference/digitgan_generator.py."})
final class ExportCommand implements Callable<Integer> {

    @Parameters(paramLabel = "CHECKPOINT", description = "a checkpoint folder, or a run folder (its newest checkpoint);"
            + " or s3://bucket/prefix/<run>[/epoch-NNNN] (endpoint and keys from the environment)")
    String path;
    @Option(names = "--out", paramLabel = "DIR", description = "where to write (data/export/<run>-epoch-<n>)")
    Path out;
    @Option(names = "--weights", paramLabel = "W",
            description = "ema (the averaged generator, the default when the checkpoint has one) or raw")
    String weights;

    @Override
    public Integer call() throws IOException {
        Checkpoint checkpoint = DigitGanCli.findCheckpoint(path);
        String weights = this.weights != null ? this.weights : checkpoint.hasAveragedGenerator() ? "ema" : "raw";
        if (!weights.equals("ema") && !weights.equals("raw")) {
            throw new IllegalArgumentException("--weights is ema or raw, not '" + weights + "'");
        }
        Path out = this.out != null ? this.out : Path.of("data/export/" + checkpoint.runId() + "-epoch-" + checkpoint.epoch());
        GeneratorExport.Exported done = GeneratorExport.write(checkpoint, weights.equals("ema"), out);
        System.out.printf("exported %s epoch %d (%s weights, %d tensors, %,d values) to %s%n", checkpoint.runId(),
                checkpoint.epoch(), done.weights(), done.tensors(), done.parameters(), out.resolve(GeneratorExport.WEIGHTS_FILE));
        return 0;
    }
}
