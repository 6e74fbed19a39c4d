package io.digitgan.cli;

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
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code evaluate <checkpoint>}: FID-MNIST, MNIST score and class coverage of a checkpoint's
 * generator (raw, and averaged when the checkpoint has one), as JSON on stdout and a one-line
 * summary each beside the real-data floor on stderr.
 */
@Command(name = "evaluate",
        description = {"Measures a generator against the 10,000 test images of its dataset (MNIST or Fashion-MNIST)"
                + " with that dataset's evaluator (trained first, once, when missing).",
                "JSON on stdout, a summary line on stderr."})
final class EvaluateCommand implements Callable<Integer> {

    @Parameters(paramLabel = "CHECKPOINT", description = "a checkpoint folder, or a run folder (its newest checkpoint);"
            + " or s3://bucket/prefix/<run>[/epoch-NNNN] (endpoint and keys from the environment)")
    String path;
    @Option(names = "--samples", paramLabel = "N", description = "generated images measured (at least 2)")
    int samples = 10_000;
    @Option(names = "--seed", paramLabel = "N", description = "seed of their noise")
    long seed = 1;
    @Option(names = "--evaluator-dir", paramLabel = "DIR", description = "the evaluator artifacts")
    Path evaluatorDir = Path.of("data/evaluator");
    @Option(names = "--data-dir", paramLabel = "DIR", description = "the dataset's idx files (data/mnist or data/fashion-mnist)")
    Path dataDir;
    @Mixin
    EngineOptions engine;
    @Option(names = "--grid", paramLabel = "FILE", description = "also write a PNG of 64 samples: the raw generator's"
            + " (left) and, when the checkpoint has one, the averaged generator's from the same noise (right)")
    Path grid;

    @Override
    public Integer call() throws IOException {
        if (samples < 2) {
            throw new IllegalArgumentException("--samples must be at least 2");
        }
        Checkpoint checkpoint = DigitGanCli.findCheckpoint(path);
        DjlEngine.start(engine.threads);
        Device device = DjlEngine.device(engine.device);
        Dataset dataset = checkpoint.manifest().config().dataset();
        EvaluatorStore evaluators = new EvaluatorStore(evaluatorDir, dataset);
        Path data = dataDir != null ? dataDir : dataset.folderIn(Path.of("data"));
        try (QualityMeter meter = evaluators.loadOrTrain(data, device, EvaluatorTrainer.Options.standard());
                NDManager manager = NDManager.newBaseManager(device)) {
            EvaluatorManifest evaluator = evaluators.manifest();
            var model = checkpoint.manifest().config().model();
            int latent = model.latentSize();
            BlockGenerator generator = new BlockGenerator(checkpoint.loadGenerator(manager), manager, model);
            Quality q = meter.measure(generator, latent, samples, seed);
            Quality ema = null;
            BlockGenerator averaged = null;
            if (checkpoint.hasAveragedGenerator()) {
                averaged = new BlockGenerator(checkpoint.loadGenerator(manager, Checkpoint.GENERATOR_EMA), manager, model);
                ema = meter.measure(averaged, latent, samples, seed);
            }
            if (grid != null) {
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
