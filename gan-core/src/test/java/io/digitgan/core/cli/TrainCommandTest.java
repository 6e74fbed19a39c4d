package io.digitgan.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The options of train, evaluate and train-evaluator, parsed by one CommandArgs. */
class TrainOptionsTest {

    @Test
    void readsBothFormsAndTheLastOfARepeatedOptionCounts() {
        TrainOptions o = TrainOptions.parse(List.of("--epochs", "3", "--width=0.5", "--out", "runs/x", "--epochs=4"));
        assertEquals(4, o.epochs);
        assertEquals(0.5, o.width);
        assertEquals(Path.of("runs/x"), o.out);
        assertTrue(TrainOptions.parse(List.of("-h")).help);
    }

    @Test
    void namesEveryMistakeAtOnce() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainOptions.parse(List.of("--bogus", "1", "extra", "--epochs", "x", "--epochs=3")));
        assertEquals("unexpected argument 'extra'; unknown option --bogus (see --help);"
                + " --epochs needs a number, not 'x'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TrainOptions.parse(List.of("--seed")));
        assertEquals("--seed needs a value", e.getMessage());
    }

    @Test
    void conditionalIsAFlagAndConditioningImpliesIt() {
        var config = TrainOptions.parse(List.of("--conditional", "--epochs", "2", "--seed", "1")).config();
        assertEquals(10, config.model().classes());
        assertEquals("projection", config.model().conditioning());
        assertEquals(2, config.epochs(), "the flag took no value");
        assertEquals("label-maps", TrainOptions.parse(List.of("--conditioning", "label-maps", "--seed", "1")).config()
                .model().conditioning());
        assertEquals(0, TrainOptions.parse(List.of("--conditional=false", "--seed", "1")).config().model().classes());
        assertEquals(0, TrainOptions.parse(List.of("--seed", "1")).config().model().classes(), "unconditional by default");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainOptions.parse(List.of("--conditional=maybe")));
        assertTrue(e.getMessage().contains("--conditional is a flag"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> TrainOptions.parse(List.of("--conditioning", "maps", "--seed", "1")).config());
        assertTrue(e.getMessage().contains("conditioning must be one of [projection, label-maps]"), e.getMessage());
    }

    @Test
    void theOptionsMapToTheRunApisNamesThroughOneMapping() {
        TrainOptions o = TrainOptions.parse(List.of("--profile", "cpu", "--width", "0.25", "--d-width", "0.5", "--lr-g", "1e-4",
                "--lr-d", "3e-4", "--batch-size", "64", "--ema-decay", "0.99", "--real-label", "1", "--noise-start", "0.2",
                "--loss", "hinge", "--dataset", "fashion-mnist", "--conditional", "--seed", "9", "--epochs", "3"));
        assertTrue(io.digitgan.core.train.ConfigOverrides.KEYS.containsAll(o.overrides().keySet()), o.overrides().toString());
        var api = io.digitgan.core.train.ConfigOverrides.apply(java.util.Map.ofEntries(java.util.Map.entry("profile", "cpu"),
                java.util.Map.entry("width", 0.25), java.util.Map.entry("discriminatorWidth", 0.5),
                java.util.Map.entry("generatorLearningRate", 1e-4), java.util.Map.entry("discriminatorLearningRate", 3e-4),
                java.util.Map.entry("batchSize", 64), java.util.Map.entry("emaDecay", 0.99), java.util.Map.entry("realLabel", 1.0),
                java.util.Map.entry("noiseStart", 0.2), java.util.Map.entry("loss", "hinge"),
                java.util.Map.entry("dataset", "fashion-mnist"), java.util.Map.entry("conditional", true),
                java.util.Map.entry("seed", 9), java.util.Map.entry("epochs", 3), java.util.Map.entry("sampleEvery", 1)), "original", 1);
        assertEquals(api, o.config(), "the command line and the run API make the same run of the same values");
        assertEquals(0.25, o.config().model().width());
        assertEquals(0.5, o.config().model().discriminatorWidth());
    }

    @Test
    void theDatasetPicksItsClassesAndItsFolder() {
        TrainOptions o = TrainOptions.parse(List.of("--dataset", "fashion-mnist", "--conditional", "--seed", "1"));
        var config = o.config();
        assertEquals(io.digitgan.core.data.Dataset.FASHION_MNIST, config.dataset());
        assertEquals("Ankle boot", config.classNames().get(9));
        assertEquals(Path.of("data/fashion-mnist"), o.dataFolders(null).of(config.dataset()));
        assertEquals(Path.of("data/mnist"), o.dataFolders(null).of(io.digitgan.core.data.Dataset.MNIST));
        // --data-dir is the run's own dataset's folder, or the resumed checkpoint's
        o = TrainOptions.parse(List.of("--dataset", "fashion-mnist", "--data-dir", "/x"));
        assertEquals(Path.of("/x"), o.dataFolders(null).of(io.digitgan.core.data.Dataset.FASHION_MNIST));
        assertEquals(Path.of("data/mnist"), o.dataFolders(null).of(io.digitgan.core.data.Dataset.MNIST));
        o = TrainOptions.parse(List.of("--data-dir", "/y"));
        assertEquals(Path.of("/y"), o.dataFolders(null).of(io.digitgan.core.data.Dataset.MNIST));
        assertEquals(Path.of("/y"), o.dataFolders(io.digitgan.core.data.Dataset.FASHION_MNIST)
                .of(io.digitgan.core.data.Dataset.FASHION_MNIST));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainOptions.parse(List.of("--dataset", "cifar10")));
        assertEquals("dataset must be one of [mnist, fashion-mnist], not 'cifar10'", e.getMessage());
    }

    @Test
    void commandsWithAKnownSetRefuseOtherNames() {
        CommandArgs a = CommandArgs.parse(List.of("ckpt", "--samples", "200", "--samples=300"), java.util.Set.of("--samples"));
        assertEquals(List.of("ckpt"), a.positional);
        assertEquals(300, a.integer("--samples", 10));
        assertEquals(10, CommandArgs.parse(List.of(), java.util.Set.of("--samples")).integer("--samples", 10));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CommandArgs.parse(List.of("--sample", "2"), java.util.Set.of("--samples")));
        assertEquals("unknown option --sample (see --help)", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> CommandArgs.parse(List.of("--samples", "many"), java.util.Set.of("--samples")).integer("--samples", 1));
    }
}
