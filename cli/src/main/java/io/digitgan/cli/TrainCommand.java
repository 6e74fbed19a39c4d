package io.digitgan.cli;

import io.digitgan.core.checkpoint.Checkpoint;
import io.digitgan.core.config.ConfigOverrides;
import io.digitgan.core.config.GanConfig;
import io.digitgan.core.data.DataFolders;
import io.digitgan.core.data.Dataset;
import io.digitgan.core.train.GanTrainer;
import io.digitgan.core.train.QualitySchedule;
import io.digitgan.core.train.RunOutcome;
import io.digitgan.core.train.RunSetup;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code train}: trains the DCGAN, logging progress and writing a checkpoint and a sample grid per
 * epoch. Its options reach the run's config through {@link ConfigOverrides}, the mapping the
 * trainer's run API uses, under the same names.
 */
@Command(name = "train", abbreviateSynopsis = true,
        description = "Trains the DCGAN on MNIST (or Fashion-MNIST), logging progress, writing a checkpoint and a"
                + " sample grid per epoch.")
final class TrainCommand implements Callable<Integer> {

    @Option(names = "--profile", paramLabel = "NAME", description = "original (150 epochs, width 1.0), cpu"
            + " (recognisable digits in minutes on 2 cores) or smoke (tiny, about a minute)")
    String profile = "original";
    @Option(names = "--epochs", paramLabel = "N", description = "number of epochs (overrides the profile)")
    Integer epochs;
    @Option(names = "--width", paramLabel = "W", description = "channel width multiplier, e.g. 0.5")
    Double width;
    @Option(names = "--d-width", paramLabel = "W", description = "the discriminator's width alone (default: --width)")
    Double discriminatorWidth;
    @Option(names = "--dropout", paramLabel = "P", description = "dropout rate of the discriminator's two dropout layers (0.2)")
    Double dropout;
    @Option(names = "--batch-size", paramLabel = "N", description = "images per step (128)")
    Integer batchSize;
    @Option(names = "--max-images", paramLabel = "N", description = "train on the first N images only (0 = all)")
    Integer maxImages;
    @Option(names = "--lr-g", paramLabel = "R", description = "Adam learning rate of the generator (2e-4)")
    Double lrG;
    @Option(names = "--lr-d", paramLabel = "R", description = "Adam learning rate of the discriminator (1e-4)")
    Double lrD;
    @Option(names = "--noise-start", paramLabel = "S", description = "instance-noise std at the first epoch (0.10)")
    Double noiseStart;
    @Option(names = "--noise-end", paramLabel = "S", description = "instance-noise std at the last epoch (0)")
    Double noiseEnd;
    @Option(names = "--noise-epochs", paramLabel = "N",
            description = "epochs the noise takes from start to end, then stays at end (0 = the whole run)")
    Integer noiseEpochs;
    @Option(names = "--loss", paramLabel = "L", description = "bce (the report's), hinge or lsgan")
    String loss;
    @Option(names = "--dataset", paramLabel = "D",
            description = "mnist (the default) or fashion-mnist (scripts/fetch-fashion-mnist.sh fetches it)")
    Dataset dataset;
    @Option(names = "--conditional", arity = "0..1", fallbackValue = "true", paramLabel = "true|false",
            description = "a conditional model: G and D are told the digit (its label), so a digit can be asked for")
    Boolean conditional;
    @Option(names = "--conditioning", paramLabel = "HOW", description = "how D is told it: projection (the default) or label-maps")
    String conditioning;
    @Option(names = "--beta1", paramLabel = "B", description = "Adam's first moment decay, for both players (0.5)")
    Double beta1;
    @Option(names = "--beta2", paramLabel = "B", description = "Adam's second moment decay, for both players (0.999)")
    Double beta2;
    @Option(names = "--real-label", paramLabel = "Y",
            description = "D's target for real images (0.9: one-sided label smoothing; 1 = none)")
    Double realLabel;
    @Option(names = "--ema-decay", paramLabel = "D",
            description = "keep an averaged generator with this decay (0 = none; warm-up (1+t)/(10+t))")
    Double emaDecay;
    @Option(names = "--seed", paramLabel = "N", description = "seed of the run (random when absent; printed, so a run can be repeated)")
    Long seed;
    @Mixin
    EngineOptions engine;
    @Option(names = "--data-dir", paramLabel = "DIR", description = "the dataset's idx files (data/mnist or"
            + " data/fashion-mnist; fill it with scripts/fetch-mnist.sh or scripts/fetch-fashion-mnist.sh)")
    Path dataDir;
    @Option(names = "--out", paramLabel = "DIR|s3://BUCKET/PREFIX",
            description = "checkpoint store: DIR/<run id>/epoch-NNNN/ and DIR/<run id>/samples/; or an object store"
                    + " (endpoint and keys from DIGITGAN_CHECKPOINTS_S3_* or AWS_*; staging and samples then go to "
                    + "$DIGITGAN_CHECKPOINTS_DIR or data/object-store-cache)")
    String out = "runs";
    @Option(names = "--run-id", paramLabel = "ID", description = "name of the run (run-<date>-<time>)")
    String runId;
    @Option(names = "--resume", paramLabel = "PATH", description = "continue a run: its folder (newest checkpoint) or one"
            + " checkpoint folder; or s3://bucket/prefix/<run>[/epoch-NNNN]")
    String resume;
    @Option(names = "--sample-every", paramLabel = "N", description = "sample grid every N epochs, and at epoch 1 and the last (1)")
    Integer sampleEvery;
    @Option(names = "--checkpoint-every", paramLabel = "N", description = "checkpoint every N epochs, and at the last (1)")
    Integer checkpointEvery;
    @Option(names = "--log-every", paramLabel = "N", description = "progress line every N steps")
    int logEvery = 50;
    @Option(names = "--quality-every", paramLabel = "N", description = "FID-MNIST, MNIST score and coverage every N"
            + " epochs and after the last; 0 = after the last only, -1 = never. Written to <run>/quality.jsonl")
    int qualityEvery = 5;
    @Option(names = "--quality-samples", paramLabel = "N", description = "samples per measurement")
    int qualitySamples = 2_000;
    @Option(names = "--final-quality-samples", paramLabel = "N", description = "samples of the measurement after the last epoch")
    int finalQualitySamples = 10_000;
    @Option(names = "--evaluator-dir", paramLabel = "DIR", description = "the evaluators, one per dataset (trained once, on first use)")
    Path evaluatorDir = Path.of("data", "evaluator");
    @Option(names = "--max-minutes", paramLabel = "M", description = "train as many epochs as fit in M minutes (judged by"
            + " the mean epoch so far); the last one that fits gets the final figures, grid and checkpoint")
    Double maxMinutes;

    @Override
    public Integer call() throws IOException {
        // a bad value fails here, before the engine and the data are loaded
        GanConfig config = resume == null ? config() : null;
        QualitySchedule schedule = qualityEvery >= 0
                ? new QualitySchedule(qualityEvery, qualitySamples, finalQualitySamples)
                : null;
        Checkpoint from = resume != null ? DigitGanCli.findCheckpoint(resume) : null;
        var folders = dataFolders(from != null ? from.manifest().config().dataset() : null);
        try (RunSetup setup = new RunSetup(new RunSetup.Settings(engine.threads, engine.device, folders, DigitGanCli.store(out), evaluatorDir,
                schedule, logEvery))) {
            GanTrainer trainer;
            if (from != null) {
                trainer = setup.resume(from, epochs != null ? epochs : 0);
                System.out.println("resuming run " + from.runId() + " after epoch " + from.epoch() + " from " + from.dir());
            } else {
                trainer = setup.start(runId(), config);
            }
            try (trainer) {
                GanConfig run = trainer.config();
                Path local = out.startsWith("s3://") ? DigitGanCli.objectStoreFolder(System.getenv()) : Path.of(out);
                Path runDir = local.resolve(trainer.runId());
                System.out.printf("run %s: seed %d (repeat with --seed %d), profile %s, width %s, %d epochs%s, device %s%n",
                        trainer.runId(), run.seed(), run.seed(), profile, run.model().width(), run.epochs(),
                        run.maxMinutes() > 0 ? " at most, " + run.maxMinutes() + " minutes" : "", trainer.device());
                System.out.println("checkpoints go to " + setup.store().describe() + ", samples to " + runDir);
                trainer.addListener(new SampleWriter(runDir.resolve("samples")));
                trainer.addListener(new QualityLog(runDir.resolve("quality.jsonl")));
                if (schedule != null) {
                    System.out.println("quality figures " + schedule + ", to " + runDir.resolve("quality.jsonl"));
                }
                Runtime.getRuntime().addShutdownHook(new Thread(trainer::requestStop));
                RunOutcome outcome = trainer.train();
                System.out.printf("%s after epoch %d; newest checkpoint: %s%n", outcome.status().name().toLowerCase(),
                        outcome.lastEpoch(), trainer.lastCheckpointDir());
                return 0;
            }
        }
    }

    /**
     * The run's configuration: the profile with the options on top, through the same mapping (and
     * the same names) as the trainer's run API.
     */
    GanConfig config() {
        return ConfigOverrides.apply(overrides(), profile, 1); // a checkpoint per epoch unless --checkpoint-every
    }

    /** The options given, by the names of {@link ConfigOverrides#KEYS}. */
    Map<String, Object> overrides() {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("profile", profile);
        putIf(o, "epochs", epochs);
        putIf(o, "width", width);
        putIf(o, "discriminatorWidth", discriminatorWidth);
        putIf(o, "dropout", dropout);
        putIf(o, "batchSize", batchSize);
        putIf(o, "maxImages", maxImages);
        putIf(o, "seed", seed);
        putIf(o, "generatorLearningRate", lrG);
        putIf(o, "discriminatorLearningRate", lrD);
        putIf(o, "noiseStart", noiseStart);
        putIf(o, "noiseEnd", noiseEnd);
        putIf(o, "noiseEpochs", noiseEpochs);
        putIf(o, "loss", loss);
        putIf(o, "beta1", beta1);
        putIf(o, "beta2", beta2);
        putIf(o, "realLabel", realLabel);
        putIf(o, "emaDecay", emaDecay);
        putIf(o, "maxMinutes", maxMinutes);
        putIf(o, "dataset", dataset == null ? null : dataset.id());
        putIf(o, "conditional", conditional);
        putIf(o, "conditioning", conditioning);
        o.put("sampleEvery", sampleEvery != null ? sampleEvery : 1); // the command writes a grid per epoch
        putIf(o, "checkpointEvery", checkpointEvery);
        return o;
    }

    private static void putIf(Map<String, Object> o, String key, Object value) {
        if (value != null) {
            o.put(key, value);
        }
    }

    /**
     * The data folders: {@code data/<dataset>}, with {@code --data-dir} for the dataset of the run
     * (of the checkpoint's run when resuming; {@code resumed} is that dataset, or null).
     */
    DataFolders dataFolders(Dataset resumed) {
        DataFolders defaults = DataFolders.under(Path.of("data"));
        if (dataDir == null) {
            return defaults;
        }
        Dataset own = resumed != null ? resumed : dataset != null ? dataset : Dataset.MNIST;
        return defaults.with(own, dataDir);
    }

    String runId() {
        return runId != null ? runId : "run-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    }
}
