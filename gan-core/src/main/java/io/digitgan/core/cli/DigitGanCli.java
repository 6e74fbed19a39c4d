package io.digitgan.core.cli;

import io.digitgan.core.checkpoint.Checkpoint;
import io.digitgan.core.checkpoint.CheckpointStore;
import io.digitgan.core.image.PngGrid;
import io.digitgan.core.model.ModelConfig;
import io.digitgan.core.train.EpochMetrics;
import io.digitgan.core.train.GanConfig;
import io.digitgan.core.train.GanTrainer;
import io.digitgan.core.train.QualitySchedule;
import io.digitgan.core.train.RunInfo;
import io.digitgan.core.train.RunOutcome;
import io.digitgan.core.train.RunSetup;
import io.digitgan.core.train.SampleGrid;
import io.digitgan.core.train.TrainingListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import io.digitgan.events.EventJson;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Command-line entry point of gan-core: {@code train}, {@code evaluate}, {@code train-evaluator}, {@code export}, {@code sweep}. */
public final class DigitGanCli {

    private DigitGanCli() {}

    public static void main(String[] args) {
        configureLogging();
        List<String> list = Arrays.asList(args);
        if (list.isEmpty() || list.get(0).equals("--help") || list.get(0).equals("-h")) {
            System.out.println(COMMANDS);
            System.exit(list.isEmpty() ? 2 : 0);
        }
        List<String> rest = list.subList(1, list.size());
        int code;
        try {
            code = switch (list.get(0)) {
                case "train" -> train(rest);
                case "evaluate" -> EvaluateCommand.run(rest);
                case "train-evaluator" -> TrainEvaluatorCommand.run(rest);
                case "export" -> ExportCommand.run(rest);
                case "sweep" -> SweepCommand.run(rest);
                default -> throw new IllegalArgumentException("unknown command '" + list.get(0) + "'\n\n" + COMMANDS);
            };
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            code = 2;
        } catch (Exception e) {
            System.err.println("error: " + e.getMessage());
            if (System.getenv("DIGITGAN_DEBUG") != null) {
                e.printStackTrace();
            }
            code = 1;
        }
        System.exit(code);
    }

    static final String COMMANDS = String.join("\n",
            "usage: java -jar gan-core/target/gan-core-<version>.jar <command> [options]",
            "",
            "  train            train the DCGAN on MNIST (train --help)",
            "  evaluate         FID-MNIST, MNIST score and class coverage of a checkpoint (evaluate --help)",
            "  train-evaluator  train the MNIST evaluator those figures use (train-evaluator --help)",
            "  export           the generator as safetensors + config.json, for PyTorch (export --help)",
            "  sweep            expand and check a sweep file: its runs, one line each (sweep --help)");

    static int train(List<String> args) throws IOException {
        TrainOptions options = TrainOptions.parse(args);
        if (options.help) {
            System.out.println(TrainOptions.USAGE);
            return 0;
        }
        return train(options);
    }

    static int train(TrainOptions options) throws IOException {
        QualitySchedule schedule = options.qualityEvery >= 0
                ? new QualitySchedule(options.qualityEvery, options.qualitySamples, options.finalQualitySamples)
                : null;
        Checkpoint from = options.resume != null ? findCheckpoint(options.resume) : null;
        var folders = options.dataFolders(from != null ? from.manifest().config().dataset() : null);
        try (RunSetup setup = new RunSetup(new RunSetup.Settings(options.threads, options.device, folders,
                options.out, options.evaluatorDir, schedule, options.logEvery))) {
            GanTrainer trainer;
            if (from != null) {
                trainer = setup.resume(from, options.epochs != null ? options.epochs : 0);
                System.out.println("resuming run " + from.runId() + " after epoch " + from.epoch() + " from " + from.dir());
            } else {
                trainer = setup.start(options.runId(), options.config());
            }
            try (trainer) {
                GanConfig config = trainer.config();
                Path runDir = setup.store().root().resolve(trainer.runId());
                System.out.printf("run %s: seed %d (repeat with --seed %d), profile %s, width %s, %d epochs%s, device %s%n",
                        trainer.runId(), config.seed(), config.seed(), options.profile, config.model().width(),
                        config.epochs(), config.maxMinutes() > 0 ? " at most, " + config.maxMinutes() + " minutes" : "",
                        trainer.device());
                System.out.println("checkpoints and samples go to " + runDir);
                trainer.addListener(new SampleWriter(runDir.resolve("samples")));
                trainer.addListener(new QualityLog(runDir.resolve("quality.jsonl")));
                if (schedule != null) {
                    System.out.println("quality figures " + schedule + ", to " + runDir.resolve("quality.jsonl"));
                }
                Thread stopper = new Thread(trainer::requestStop);
                Runtime.getRuntime().addShutdownHook(stopper);
                RunOutcome outcome = trainer.train();
                System.out.printf("%s after epoch %d; newest checkpoint: %s%n", outcome.status().name().toLowerCase(),
                        outcome.lastEpoch(), trainer.lastCheckpointDir());
                return 0;
            }
        }
    }

    static Checkpoint findCheckpoint(Path path) throws IOException {
        if (Files.exists(path.resolve("manifest.json"))) {
            return Checkpoint.open(path);
        }
        CheckpointStore store = new CheckpointStore(path.toAbsolutePath().getParent());
        Optional<Checkpoint> newest = store.newest(path.getFileName().toString());
        return newest.orElseThrow(() -> new IllegalArgumentException(path + " holds no checkpoint to resume from"));
    }

    private static void configureLogging() {
        setDefault("org.slf4j.simpleLogger.defaultLogLevel", "info");
        setDefault("org.slf4j.simpleLogger.showDateTime", "true");
        setDefault("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss");
        setDefault("org.slf4j.simpleLogger.showThreadName", "false");
        setDefault("org.slf4j.simpleLogger.log.ai.djl", "warn");
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /**
     * Appends each epoch's quality figures to quality.jsonl with the wall time since the run
     * started (training and measuring): what scripts/bench-quality.sh tabulates.
     */
    static final class QualityLog implements TrainingListener {
        private final Path file;
        private long start;

        QualityLog(Path file) {
            this.file = file;
        }

        @Override
        public void onStart(RunInfo run) {
            start = System.nanoTime();
        }

        @Override
        public void onEpoch(EpochMetrics epoch) {
            if (epoch.quality() == null) {
                return;
            }
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("epoch", epoch.epoch());
            line.put("wallSeconds", Math.round((System.nanoTime() - start) / 1e8) / 10.0);
            line.put("epochSeconds", Math.round(epoch.epochSeconds() * 10) / 10.0);
            line.put("quality", epoch.quality());
            try {
                Files.createDirectories(file.getParent());
                Files.writeString(file, EventJson.mapper().writeValueAsString(line) + "\n", StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                System.err.println("could not append to " + file + ": " + e.getMessage());
            }
        }
    }

    /** Writes each sample grid as samples/epoch-NNNN.png. */
    static final class SampleWriter implements TrainingListener {
        private final Path dir;

        SampleWriter(Path dir) {
            this.dir = dir;
        }

        @Override
        public void onSamples(SampleGrid grid) {
            try {
                Files.createDirectories(dir);
                Path file = dir.resolve(String.format("epoch-%04d.png", grid.epoch()));
                Files.write(file, PngGrid.encode(grid.pixels(), grid.count(), ModelConfig.IMAGE_SIZE, 8, 2));
            } catch (IOException e) {
                System.err.println("could not write the sample grid of epoch " + grid.epoch() + ": " + e.getMessage());
            }
        }
    }
}
