package io.digitgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.digitgan.core.config.Loss;
import io.digitgan.core.config.Profile;
import io.digitgan.core.config.RunSpec;
import io.digitgan.core.data.Dataset;
import io.digitgan.core.model.Conditioning;
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
        assertEquals(4, o.runSpec().epochs());
        assertEquals(0.5, o.runSpec().width());
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
        assertEquals(Conditioning.PROJECTION, config.model().conditioning());
        assertEquals(2, config.epochs(), "the flag took no value");
        assertEquals(Conditioning.LABEL_MAPS, parse("--conditioning", "label-maps", "--seed", "1").config()
                .model().conditioning());
        assertEquals(0, parse("--conditional=false", "--seed", "1").config().model().classes());
        assertEquals(0, parse("--seed", "1").config().model().classes(), "unconditional by default");
        var flag = assertThrows(CommandLine.ParameterException.class, () -> parse("--conditional=maybe"));
        assertTrue(flag.getMessage().contains("Invalid value for option '--conditional': 'maybe' is not a boolean"),
                flag.getMessage());
        var e = assertThrows(CommandLine.ParameterException.class, () -> parse("--conditioning", "maps"));
        assertEquals("Invalid value for option '--conditioning': conditioning must be one of [projection, label-maps],"
                + " not 'maps'", e.getMessage());
        var range = assertThrows(IllegalArgumentException.class, () -> parse("--epochs", "0", "--dropout", "1").config());
        assertEquals("epochs must be greater than or equal to 1, not 0; dropout must be less than 1, not 1.0", range.getMessage(),
                "the run API's constraints and wording");
    }

    @Test
    void everyFieldOfTheRunSpecIsAnOptionUnderItsKebabCaseNameAndTheOldShortForms() {
        TrainCommand o = parse("--profile", "cpu", "--width", "0.25", "--d-width", "0.5", "--lr-g", "1e-4",
                "--discriminator-learning-rate", "3e-4", "--batch-size", "64", "--ema-decay", "0.99", "--real-label", "1",
                "--noise-start", "0.2", "--loss", "hinge", "--dataset", "fashion-mnist", "--conditional", "--seed", "9",
                "--epochs", "3", "--latent-size", "64", "--run-id", "r1");
        RunSpec spec = o.runSpec();
        assertEquals(new RunSpec("r1", Profile.CPU, 3, 0.25, 0.5, 64, null, 9L, 1e-4, 3e-4, null, null, 1.0, 0.2, null,
                null, 1, null, 64, Loss.HINGE, 0.99, null, null, true, null, Dataset.FASHION_MNIST), spec,
                "sampleEvery 1: the command writes a grid per epoch");
        for (String field : RunSpec.FIELDS) {
            String option = "--" + field.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
            assertTrue(o.spec.findOption(option) != null, option);
        }
        assertEquals(Profile.ORIGINAL, parse().runSpec().profile(), "the command's default profile");
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
