package io.digitgan.core.cli;

import ai.djl.Device;
import io.digitgan.core.checkpoint.Checkpoint;
import io.digitgan.core.checkpoint.CheckpointStore;
import io.digitgan.core.data.MnistDataset;
import io.digitgan.core.engine.DjlEngine;
import io.digitgan.core.image.PngGrid;
import io.digitgan.core.model.ModelConfig;
import io.digitgan.core.train.GanConfig;
import io.digitgan.core.train.GanTrainer;
import io.digitgan.core.train.ProgressLogger;
import io.digitgan.core.train.RunOutcome;
import io.digitgan.core.train.SampleGrid;
import io.digitgan.core.train.TrainingListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Command-line entry point of gan-core: {@code train}. */
public final class DigitGanCli {

    private DigitGanCli() {}

    public static void main(String[] args) {
        configureLogging();
        List<String> list = Arrays.asList(args);
        if (list.isEmpty() || list.get(0).equals("--help") || list.get(0).equals("-h")) {
            System.out.println(TrainOptions.USAGE);
            System.exit(list.isEmpty() ? 2 : 0);
        }
        if (!list.get(0).equals("train")) {
            System.err.println("unknown command '" + list.get(0) + "'\n\n" + TrainOptions.USAGE);
            System.exit(2);
        }
        int code;
        try {
            TrainOptions options = TrainOptions.parse(list.subList(1, list.size()));
            if (options.help) {
                System.out.println(TrainOptions.USAGE);
                return;
            }
            code = train(options);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            code = 2;
        } catch (Exception e) {
            System.err.println("error: " + e.getMessage());
            code = 1;
        }
        System.exit(code);
    }

    static int train(TrainOptions options) throws IOException {
        DjlEngine.start(options.threads);
        Device device = DjlEngine.device(options.device);
        CheckpointStore store = new CheckpointStore(options.out);
        MnistDataset data = MnistDataset.load(options.dataDir, MnistDataset.Split.TRAIN);
        GanTrainer trainer;
        if (options.resume != null) {
            Checkpoint from = findCheckpoint(options.resume);
            trainer = GanTrainer.resume(from, data, device, store, options.epochs != null ? options.epochs : 0);
            System.out.println("resuming run " + from.runId() + " after epoch " + from.epoch() + " from " + from.dir());
        } else {
            GanConfig config = options.config();
            trainer = GanTrainer.start(options.runId(), config, data, device, store);
        }
        try (trainer) {
            GanConfig config = trainer.config();
            Path runDir = store.root().resolve(trainer.runId());
            System.out.printf("run %s: seed %d (repeat with --seed %d), profile %s, width %s, %d epochs, device %s%n",
                    trainer.runId(), config.seed(), config.seed(), options.profile, config.model().width(),
                    config.epochs(), device);
            System.out.println("checkpoints and samples go to " + runDir);
            trainer.addListener(new ProgressLogger(options.logEvery));
            trainer.addListener(new SampleWriter(runDir.resolve("samples")));
            Thread stopper = new Thread(trainer::requestStop);
            Runtime.getRuntime().addShutdownHook(stopper);
            RunOutcome outcome = trainer.train();
            System.out.printf("%s after epoch %d; newest checkpoint: %s%n", outcome.status().name().toLowerCase(),
                    outcome.lastEpoch(), trainer.lastCheckpointDir());
            return 0;
        }
    }

    private static Checkpoint findCheckpoint(Path path) throws IOException {
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
