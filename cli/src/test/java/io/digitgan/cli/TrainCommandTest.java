package io.digitgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The train command's typed options, parsed by picocli as the jar parses them. */
class TrainCommandTest {

    /** The train command after parsing {@code args}, not run. */
    static TrainCommand parse(String... args) {
        List<String> line = new java.util.ArrayList<>(List.of("train"));
        line.addAll(List.of(args));
        CommandLine.ParseResult parsed = DigitGanCli.commandLine().parseArgs(line.toArray(String[]::new));
        return (TrainCommand) parsed.subcommand().commandSpec().userObject();
    }

    @Test
    void readsBothFormsAndTheLastOfARepeatedOptionCounts() {
        TrainCommand o = parse("--epochs", "3", "--width=0.5", "--out", "runs/x", "--epochs=4");
        assertEquals(4, o.epochs);
        assertEquals(0.5, o.width);
        assertEquals("runs/x", o.out);
        assertEquals("runs", parse().out, "the default");
        assertEquals("s3://bucket/team", parse("--out", "s3://bucket/team").out, "an object store");
    }

    @Test
    void aWrongOptionOrValueIsAParameterErrorNamingIt() {
        var e = assertThrows(CommandLine.ParameterException.class, () -> parse("--bogus", "1"));
        assertTrue(e.getMessage().startsWith("Unknown options: '--bogus'"), e.getMessage());
        e = assertThrows(CommandLine.ParameterException.class, () -> parse("--epochs", "x"));
        assertEquals("Invalid value for option '--epochs': 'x' is not an int", e.getMessage());
        e = assertThrows(CommandLine.ParameterException.class, () -> parse("--seed"));
        assertTrue(e.getMessage().startsWith("Missing required parameter for option '--seed'"), e.getMessage());
        e = assertThrows(CommandLine.ParameterException.class, () -> parse("extra"));
        assertTrue(e.getMessage().contains("Unmatched argument at index 1: 'extra'"), e.getMessage());
    }

    @Test
    void conditionalIsAFlagAndConditioningImpliesIt() {
        var config = parse("--conditional", "--epochs", "2", "--seed", "1").config();
        assertEquals(10, config.model().classes());
        assertEquals("projection", config.model().conditioning());
        assertEquals(2, config.epochs(), "the flag took no value");
        assertEquals("label-maps", parse("--conditioning", "label-maps", "--seed", "1").config()
                .model().conditioning());
        assertEquals(0, parse("--conditional=false", "--seed", "1").config().model().classes());
        assertEquals(0, parse("--seed", "1").config().model().classes(), "unconditional by default");
        var flag = assertThrows(CommandLine.ParameterException.class, () -> parse("--conditional=maybe"));
        assertTrue(flag.getMessage().contains("Invalid value for option '--conditional': 'maybe' is not a boolean"),
                flag.getMessage());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> parse("--conditioning", "maps", "--seed", "1").config());
        assertTrue(e.getMessage().contains("conditioning must be one of [projection, label-maps]"), e.getMessage());
    }

    @Test
    void theOptionsMapToTheRunApisNamesThroughOneMapping() {
        TrainCommand o = parse("--profile", "cpu", "--width", "0.25", "--d-width", "0.5", "--lr-g", "1e-4",
                "--lr-d", "3e-4", "--batch-size", "64", "--ema-decay", "0.99", "--real-label", "1", "--noise-start", "0.2",
                "--loss", "hinge", "--dataset", "fashion-mnist", "--conditional", "--seed", "9", "--epochs", "3");
        assertTrue(io.digitgan.core.config.ConfigOverrides.KEYS.containsAll(o.overrides().keySet()), o.overrides().toString());
        var api = io.digitgan.core.config.ConfigOverrides.apply(java.util.Map.ofEntries(java.util.Map.entry("profile", "cpu"),
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
        TrainCommand o = parse("--dataset", "fashion-mnist", "--conditional", "--seed", "1");
        var config = o.config();
        assertEquals(io.digitgan.core.data.Dataset.FASHION_MNIST, config.dataset());
        assertEquals("Ankle boot", config.classNames().get(9));
        assertEquals(Path.of("data/fashion-mnist"), o.dataFolders(null).of(config.dataset()));
        assertEquals(Path.of("data/mnist"), o.dataFolders(null).of(io.digitgan.core.data.Dataset.MNIST));
        // --data-dir is the run's own dataset's folder, or the resumed checkpoint's
        o = parse("--dataset", "fashion-mnist", "--data-dir", "/x");
        assertEquals(Path.of("/x"), o.dataFolders(null).of(io.digitgan.core.data.Dataset.FASHION_MNIST));
        assertEquals(Path.of("data/mnist"), o.dataFolders(null).of(io.digitgan.core.data.Dataset.MNIST));
        o = parse("--data-dir", "/y");
        assertEquals(Path.of("/y"), o.dataFolders(null).of(io.digitgan.core.data.Dataset.MNIST));
        assertEquals(Path.of("/y"), o.dataFolders(io.digitgan.core.data.Dataset.FASHION_MNIST)
                .of(io.digitgan.core.data.Dataset.FASHION_MNIST));
        var e = assertThrows(CommandLine.ParameterException.class, () -> parse("--dataset", "cifar10"));
        assertEquals("Invalid value for option '--dataset': dataset must be one of [mnist, fashion-mnist], not 'cifar10'",
                e.getMessage());
    }
}
