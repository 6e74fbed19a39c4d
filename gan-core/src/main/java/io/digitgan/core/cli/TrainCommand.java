package io.digitgan.core.cli;

import io.digitgan.core.data.DataFolders;
import io.digitgan.core.data.Dataset;
import io.digitgan.core.train.ConfigOverrides;
import io.digitgan.core.train.GanConfig;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The options of the {@code train} command, parsed from its arguments. */
final class TrainOptions {

    static final String USAGE = String.join("\n",
            "usage: java -jar gan-core/target/gan-core-<version>.jar train [options]",
            "",
            "Trains the DCGAN on MNIST (or Fashion-MNIST), logging progress, writing a checkpoint and a sample grid per epoch.",
            "",
            "  --profile NAME        original (150 epochs, width 1.0; the default), cpu (recognisable digits",
            "                        in minutes on 2 cores) or smoke (tiny, about a minute)",
            "  --epochs N            number of epochs (overrides the profile)",
            "  --width W             channel width multiplier, e.g. 0.5",
            "  --d-width W           the discriminator's width alone (default: --width)",
            "  --dropout P           dropout rate of the discriminator's two dropout layers (0.2)",
            "  --batch-size N        images per step (128)",
            "  --max-images N        train on the first N images only (0 = all)",
            "  --lr-g R, --lr-d R    Adam learning rates of generator and discriminator (2e-4, 1e-4)",
            "  --noise-start S       instance-noise std at the first epoch (0.10), --noise-end S at the last (0)",
            "  --noise-epochs N      epochs the noise takes from start to end, then stays at end (0 = the whole run)",
            "  --loss L              bce (the report's), hinge or lsgan",
            "  --dataset D           mnist (the default) or fashion-mnist (scripts/fetch-fashion-mnist.sh fetches it)",
            "  --conditional         a conditional model: G and D are told the digit (its label), so a digit can be asked for",
            "  --conditioning HOW    how D is told it: projection (the default) or label-maps",
            "  --beta1 B, --beta2 B  Adam's moment decays, for both players (0.5, 0.999)",
            "  --real-label Y        D's target for real images (0.9: one-sided label smoothing; 1 = none)",
            "  --ema-decay D         keep an averaged generator with this decay (0 = none; warm-up (1+t)/(10+t))",
            "  --seed N              seed of the run (random when absent; printed, so a run can be repeated)",
            "  --threads N           intra-op threads of libtorch (default: all cores)",
            "  --device D            auto, cpu or gpu (auto)",
            "  --data-dir DIR        the dataset's idx files (data/mnist or data/fashion-mnist; fill it with",
            "                        scripts/fetch-mnist.sh or scripts/fetch-fashion-mnist.sh)",
            "  --out DIR             checkpoint store: DIR/<run id>/epoch-NNNN/ and DIR/<run id>/samples/ (runs)",
            "  --run-id ID           name of the run (run-<date>-<time>)",
            "  --resume PATH         continue a run: its folder (newest checkpoint) or one checkpoint folder",
            "  --sample-every N      sample grid every N epochs, and at epoch 1 and the last (1)",
            "  --checkpoint-every N  checkpoint every N epochs, and at the last (1)",
            "  --log-every N         progress line every N steps (50)",
            "  --quality-every N     FID-MNIST, MNIST score and coverage every N epochs and after the last (5);",
            "                        0 = after the last only, -1 = never. Written to <run>/quality.jsonl",
            "  --quality-samples N   samples per measurement (2000), --final-quality-samples N after the last (10000)",
            "  --evaluator-dir DIR   the evaluators, one per dataset (data/evaluator; trained once, on first use)",
            "  --max-minutes M       train as many epochs as fit in M minutes (judged by the mean epoch so far);",
            "                        the last one that fits gets the final figures, grid and checkpoint",
            "  --help                this text");

    String profile = "original";
    Integer epochs;
    Double width;
    Double dropout;
    Double discriminatorWidth;
    Integer batchSize;
    Integer maxImages;
    Long seed;
    Double lrG;
    Double lrD;
    Double noiseStart;
    Double noiseEnd;
    Integer noiseEpochs;
    String loss;
    Dataset dataset;
    Boolean conditional;
    String conditioning;
    Double beta1;
    Double beta2;
    Double realLabel;
    Double emaDecay;
    int threads;
    String device = "auto";
    Path dataDir;
    Path out = Path.of("runs");
    String runId;
    Path resume;
    Integer sampleEvery;
    Integer checkpointEvery;
    int logEvery = 50;
    int qualityEvery = 5;
    int qualitySamples = 2_000;
    int finalQualitySamples = 10_000;
    Path evaluatorDir = Path.of("data", "evaluator");
    Double maxMinutes;
    boolean help;

    static TrainOptions parse(List<String> args) {
        CommandArgs parsed = CommandArgs.parseAnyOption(args);
        TrainOptions o = new TrainOptions();
        o.help = parsed.help;
        List<String> errors = new ArrayList<>();
        parsed.positional.forEach(arg -> errors.add("unexpected argument '" + arg + "'"));
        for (Map.Entry<String, String> option : parsed.options) {
            try {
                o.set(option.getKey(), option.getValue());
            } catch (NumberFormatException e) {
                errors.add(option.getKey() + " needs a number, not '" + option.getValue() + "'");
            } catch (IllegalArgumentException e) {
                errors.add(e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", errors));
        }
        return o;
    }

    private void set(String name, String value) {
        switch (name) {
            case "--profile" -> profile = value;
            case "--epochs" -> epochs = Integer.parseInt(value);
            case "--width" -> width = Double.parseDouble(value);
            case "--dropout" -> dropout = Double.parseDouble(value);
            case "--d-width" -> discriminatorWidth = Double.parseDouble(value);
            case "--batch-size" -> batchSize = Integer.parseInt(value);
            case "--max-images" -> maxImages = Integer.parseInt(value);
            case "--seed" -> seed = Long.parseLong(value);
            case "--lr-g" -> lrG = Double.parseDouble(value);
            case "--lr-d" -> lrD = Double.parseDouble(value);
            case "--noise-start" -> noiseStart = Double.parseDouble(value);
            case "--noise-end" -> noiseEnd = Double.parseDouble(value);
            case "--noise-epochs" -> noiseEpochs = Integer.parseInt(value);
            case "--loss" -> loss = value;
            case "--dataset" -> dataset = Dataset.of(value);
            case "--conditional" -> conditional = parseFlag(name, value);
            case "--conditioning" -> conditioning = value;
            case "--beta1" -> beta1 = Double.parseDouble(value);
            case "--beta2" -> beta2 = Double.parseDouble(value);
            case "--real-label" -> realLabel = Double.parseDouble(value);
            case "--ema-decay" -> emaDecay = Double.parseDouble(value);
            case "--threads" -> threads = Integer.parseInt(value);
            case "--device" -> device = value;
            case "--data-dir" -> dataDir = Path.of(value);
            case "--out" -> out = Path.of(value);
            case "--run-id" -> runId = value;
            case "--resume" -> resume = Path.of(value);
            case "--sample-every" -> sampleEvery = Integer.parseInt(value);
            case "--checkpoint-every" -> checkpointEvery = Integer.parseInt(value);
            case "--log-every" -> logEvery = Integer.parseInt(value);
            case "--quality-every" -> qualityEvery = Integer.parseInt(value);
            case "--quality-samples" -> qualitySamples = Integer.parseInt(value);
            case "--final-quality-samples" -> finalQualitySamples = Integer.parseInt(value);
            case "--evaluator-dir" -> evaluatorDir = Path.of(value);
            case "--max-minutes" -> maxMinutes = Double.parseDouble(value);
            default -> throw new IllegalArgumentException("unknown option " + name + " (see --help)");
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

    private static boolean parseFlag(String name, String value) {
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(name + " is a flag: give it alone, or =true / =false, not '" + value + "'");
        };
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
