package io.digitgan.core.cli;

import io.digitgan.core.checkpoint.Checkpoint;
import io.digitgan.core.export.GeneratorExport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code export <checkpoint>}: the generator as {@code model.safetensors} + {@code config.json},
 * for PyTorch ({@code reference/digitgan_generator.py}) or anything else that reads safetensors.
 */
final class ExportCommand {

    static final String USAGE = String.join("\n",
            "usage: export <checkpoint folder | run folder (its newest checkpoint)> [options]",
            "",
            "Writes the generator as model.safetensors (float32, PyTorch names) and config.json (the",
            "network's shape, the run, its quality figures and training config). Load it in PyTorch with",
            "reference/digitgan_generator.py.",
            "",
            "  --out DIR        where to write (data/export/<run>-epoch-<n>)",
            "  --weights W      ema (the averaged generator, the default when the checkpoint has one) or raw");

    private ExportCommand() {}

    static int run(List<String> args) throws IOException {
        CommandArgs a = CommandArgs.parse(args, Set.of("--out", "--weights"));
        if (a.help) {
            System.out.println(USAGE);
            return 0;
        }
        if (a.positional.size() != 1) {
            throw new IllegalArgumentException("export takes one checkpoint folder\n\n" + USAGE);
        }
        Checkpoint checkpoint = DigitGanCli.findCheckpoint(Path.of(a.positional.get(0)));
        String weights = a.get("--weights", checkpoint.hasAveragedGenerator() ? "ema" : "raw");
        if (!weights.equals("ema") && !weights.equals("raw")) {
            throw new IllegalArgumentException("--weights is ema or raw, not '" + weights + "'");
        }
        Path out = Path.of(a.get("--out", "data/export/" + checkpoint.runId() + "-epoch-" + checkpoint.epoch()));
        GeneratorExport.Exported done = GeneratorExport.write(checkpoint, weights.equals("ema"), out);
        System.out.printf("exported %s epoch %d (%s weights, %d tensors, %,d values) to %s%n", checkpoint.runId(),
                checkpoint.epoch(), done.weights(), done.tensors(), done.parameters(), out.resolve(GeneratorExport.WEIGHTS_FILE));
        return 0;
    }
}
