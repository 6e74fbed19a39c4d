package io.digitgan.cli;

import io.digitgan.core.checkpoint.Checkpoint;
import io.digitgan.core.config.GanConfig;
import io.digitgan.core.config.RunSpec;
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
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code train}: trains the DCGAN, logging progress and writing a checkpoint and a sample grid per
 * epoch. Its run options are the fields of {@link RunSpec}, the trainer's run API's body, made
 * into a config the same way ({@link RunSpec#toConfig}).
 */
@Command(name = "train", abbreviateSynopsis = true,
        description = "Trains the DCGAN on MNIST (or Fashion-MNIST), logging progress, writing a checkpoint and a"
                + " sample grid per epoch.")
public final class TrainCommand implements Callable<Integer> {

    /** The run's options: {@link RunSpecOptions}' mixin, one per field of the run API's body. */
    @Spec
    CommandSpec spec;
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
    @Option(names = "--resume", paramLabel = "PATH", description = "continue a run: its folder (newest checkpoint) or one"
            + " checkpoint folder; or s3://bucket/prefix/<run>[/epoch-NNNN]")
    String resume;
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

    @Override
    public Integer call() throws IOException {
        RunSpec run = runSpec();
        // a bad value fails here, before the engine and the data are loaded
        GanConfig config = resume == null ? run.toConfig(RunSpec.Defaults.original()) : null;
        QualitySchedule schedule = qualityEvery >= 0
                ? new QualitySchedule(qualityEvery, qualitySamples, finalQualitySamples)
                : null;
        Checkpoint from = resume != null ? DigitGanCli.findCheckpoint(resume) : null;
        var folders = dataFolders(from != null ? from.manifest().config().dataset() : null);
        try (RunSetup setup = new RunSetup(new RunSetup.Settings(engine.threads, engine.device, folders, DigitGanCli.store(out), evaluatorDir,
                schedule, logEvery))) {
            GanTrainer trainer;
            if (from != null) {
                trainer = setup.resume(from, run.epochs() != null ? run.epochs() : 0);
                System.out.println("resuming run " + from.runId() + " after epoch " + from.epoch() + " from " + from.dir());
            } else {
                trainer = setup.start(runId(run), config);
            }
            try (trainer) {
                GanConfig trained = trainer.config();
                Path local = out.startsWith("s3://") ? DigitGanCli.objectStoreFolder(System.getenv()) : Path.of(out);
                Path runDir = local.resolve(trainer.runId());
                System.out.printf("run %s: seed %d (repeat with --seed %d), profile %s, width %s, %d epochs%s, device %s%n",
                        trainer.runId(), trained.seed(), trained.seed(), run.profileOr(RunSpec.Defaults.original()),
                        trained.model().width(), trained.epochs(),
                        trained.maxMinutes() > 0 ? " at most, " + trained.maxMinutes() + " minutes" : "", trainer.device());
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

    /** What the options ask for. */
    RunSpec runSpec() {
        return RunSpecOptions.read(spec);
    }

    /** The run's configuration: the profile with the options on top, as the trainer's run API makes it. */
    public GanConfig config() {
        return runSpec().toConfig(RunSpec.Defaults.original());
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
        Dataset asked = runSpec().dataset();
        Dataset own = resumed != null ? resumed : asked != null ? asked : Dataset.MNIST;
        return defaults.with(own, dataDir);
    }

    static String runId(RunSpec run) {
        return run.runId() != null ? run.runId() : "run-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    }
}
