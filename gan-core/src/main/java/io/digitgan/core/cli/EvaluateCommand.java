package io.digitgan.core.cli;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.digitgan.core.checkpoint.Checkpoint;
import io.digitgan.core.data.Dataset;
import io.digitgan.core.engine.DjlEngine;
import io.digitgan.core.model.BlockGenerator;
import io.digitgan.core.quality.EvaluatorManifest;
import io.digitgan.core.quality.EvaluatorStore;
import io.digitgan.core.quality.EvaluatorTrainer;
import io.digitgan.core.quality.QualityMeter;
import io.digitgan.events.EventJson;
import io.digitgan.events.Quality;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code evaluate <checkpoint>}: FID-MNIST, MNIST score and class coverage of a checkpoint's
 * generator (raw, and averaged when the checkpoint has one), as JSON on stdout and a one-line
 * summary each beside the real-data floor on stderr.
 */
final class EvaluateCommand {

    static final String USAGE = String.join("\n",
            "usage: evaluate <checkpoint folder | run folder (its newest checkpoint)> [options]",
            "",
            "Measures a generator against the 10,000 test images of its dataset (MNIST or Fashion-MNIST) with",
            "that dataset's evaluator (trained first, once, when missing). JSON on stdout, a summary line on stderr.",
            "",
            "  --samples N         generated images measured (10000)",
            "  --seed N            seed of their noise (1)",
            "  --evaluator-dir DIR the evaluator artifact (data/evaluator)",
            "  --data-dir DIR      the dataset's idx files (data/mnist or data/fashion-mnist)",
            "  --threads N         intra-op threads of libtorch (all cores)",
            "  --device D          auto, cpu or gpu (auto)",
            "  --grid FILE         also write a PNG of 64 samples: the raw generator's (left) and, when the",
            "                      checkpoint has one, the averaged generator's from the same noise (right)");

    private EvaluateCommand() {}

    static int run(List<String> args) throws IOException {
        CommandArgs a = CommandArgs.parse(args,
                Set.of("--samples", "--seed", "--evaluator-dir", "--data-dir", "--threads", "--device", "--grid"));
        if (a.help) {
            System.out.println(USAGE);
            return 0;
        }
        if (a.positional.size() != 1) {
            throw new IllegalArgumentException("evaluate takes one checkpoint folder\n\n" + USAGE);
        }
        int samples = a.integer("--samples", 10_000);
        if (samples < 2) {
            throw new IllegalArgumentException("--samples must be at least 2");
        }
        Checkpoint checkpoint = DigitGanCli.findCheckpoint(Path.of(a.positional.get(0)));
        DjlEngine.start(a.integer("--threads", 0));
        Device device = DjlEngine.device(a.get("--device", "auto"));
        Dataset dataset = checkpoint.manifest().config().dataset();
        EvaluatorStore evaluators = new EvaluatorStore(Path.of(a.get("--evaluator-dir", "data/evaluator")), dataset);
        Path data = Path.of(a.get("--data-dir", dataset.folderIn(Path.of("data")).toString()));
        try (QualityMeter meter = evaluators.loadOrTrain(data, device, EvaluatorTrainer.Options.standard());
                NDManager manager = NDManager.newBaseManager(device)) {
            EvaluatorManifest evaluator = evaluators.manifest();
            var model = checkpoint.manifest().config().model();
            int latent = model.latentSize();
            long seed = a.integer("--seed", 1);
            BlockGenerator generator = new BlockGenerator(checkpoint.loadGenerator(manager), manager, model);
            Quality q = meter.measure(generator, latent, samples, seed);
            Quality ema = null;
            BlockGenerator averaged = null;
            if (checkpoint.hasAveragedGenerator()) {
                averaged = new BlockGenerator(checkpoint.loadGenerator(manager, Checkpoint.GENERATOR_EMA), manager, model);
                ema = meter.measure(averaged, latent, samples, seed);
            }
            if (a.get("--grid", null) != null) {
                Path grid = Path.of(a.get("--grid", null));
                java.nio.file.Files.write(grid, SideBySide.png(generator, averaged, latent, seed));
                System.err.println("samples written to " + grid + (averaged != null ? " (raw left, averaged right)" : ""));
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("checkpoint", checkpoint.dir().toString());
            result.put("runId", checkpoint.runId());
            result.put("epoch", checkpoint.epoch());
            result.put("quality", q);
            result.put("emaQuality", ema);
            result.put("realData", evaluator.floor());
            result.put("evaluatorTestAccuracy", evaluator.testAccuracy());
            ObjectMapper json = EventJson.mapper().copy().enable(SerializationFeature.INDENT_OUTPUT);
            System.out.println(json.writeValueAsString(result));
            System.err.println(summary(checkpoint.runId(), checkpoint.epoch(), "raw", q, dataset));
            if (ema != null) {
                System.err.println(summary(checkpoint.runId(), checkpoint.epoch(), "averaged", ema, dataset));
            }
            return 0;
        }
    }

    /** One line, beside the real-data floor at the measurement's own sample count. */
    static String summary(String runId, int epoch, String weights, Quality q, Dataset dataset) {
        Quality.Floor floor = q.floor();
        return String.format("%s epoch %d %s: %s %.3f (real data %.3f) | %s %.3f (real data %.3f)"
                        + " | %d/10 classes covered (real data %d)%s | %d samples in %.1f s",
                runId, epoch, weights, dataset.fidName(), q.fid(), floor.fid(), dataset.scoreName(), q.mnistScore(),
                floor.mnistScore(), q.digitsCovered(),
                floor.digitsCovered(), classAccuracy(q), q.samples(), q.seconds());
    }

    /** " | class accuracy 0.993 (lowest: 7, 0.981; evaluator on real test images 0.991)", or "" when unconditional. */
    static String classAccuracy(Quality q) {
        if (q.classAccuracy() == null) {
            return "";
        }
        Map.Entry<String, Double> lowest = q.classAccuracyByClass().entrySet().stream()
                .min(Map.Entry.comparingByValue()).orElseThrow();
        Double real = q.floor() == null ? null : q.floor().classAccuracy();
        return String.format(" | class accuracy %.4f (lowest: %s, %.4f%s)", q.classAccuracy(), lowest.getKey(),
                lowest.getValue(), real == null ? "" : String.format("; evaluator on real test images %.4f", real));
    }
}
