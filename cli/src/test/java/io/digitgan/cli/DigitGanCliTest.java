package io.digitgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The command line as a user meets it: generated help, the version, and every usage error on
 * stderr with exit code 2 and nothing on stdout. No command here loads the engine.
 */
class DigitGanCliTest {

    record Result(int code, String out, String err) {}

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = DigitGanCli.commandLine();
        line.setOut(new PrintWriter(out));
        line.setErr(new PrintWriter(err));
        int code = line.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void helpListsTheCommandsAndEachCommandsTypedOptions() {
        Result top = run("--help");
        assertEquals(0, top.code());
        for (String command : new String[] {"train", "evaluate", "train-evaluator", "export", "sweep"}) {
            assertTrue(top.out().contains("  " + command + " "), command + " in\n" + top.out());
        }
        Result train = run("train", "--help");
        assertEquals(0, train.code());
        assertTrue(train.out().contains("--epochs=N"), train.out());
        assertTrue(train.out().matches("(?s).*--quality-samples=N.*Default: 2000.*"), "defaults come from the fields");
        Result evaluate = run("evaluate", "-h");
        assertTrue(evaluate.out().startsWith("Usage: digitgan evaluate [-hV]"), evaluate.out());
        assertTrue(evaluate.out().contains("CHECKPOINT"), evaluate.out());
    }

    @Test
    void versionNamesTheProject() {
        Result version = run("--version");
        assertEquals(0, version.code());
        assertTrue(version.out().startsWith("digitgan "), version.out());
        assertEquals(version.out(), run("sweep", "--version").out(), "every command says the same");
    }

    @Test
    void usageErrorsGoToStderrWithExitCodeTwo() {
        assertUsageError(run(), "a command is needed");
        assertUsageError(run("fit"), "Unmatched argument at index 0: 'fit'");
        assertUsageError(run("train", "--epochs", "many"), "Invalid value for option '--epochs': 'many' is not an int");
        assertUsageError(run("train", "--bogus"), "Unknown option: '--bogus'");
        assertUsageError(run("evaluate"), "Missing required parameter: 'CHECKPOINT'");
        assertUsageError(run("train-evaluator", "--dataset", "cifar10"), "dataset must be one of [mnist, fashion-mnist]");
        assertUsageError(run("train", "--profile", "huge"),
                "Invalid value for option '--profile': profile must be one of [original, cpu, smoke], not 'huge'");
        // values only the command can judge: the same exit code, an "error:" line and no usage text
        Result range = run("train", "--epochs", "0");
        assertUsageError(range, "error: epochs must be greater than or equal to 1, not 0");
        Result conditioning = run("train", "--conditioning", "maps");
        assertUsageError(conditioning, "conditioning must be one of [projection, label-maps]");
    }

    @Test
    void aFolderWithoutACheckpointAndABadSweepAreErrorsNamingThem(@TempDir Path dir) throws Exception {
        assertUsageError(run("export", dir.resolve("nothing").toString()), "holds no checkpoint");
        Path sweep = dir.resolve("s.yaml");
        Files.writeString(sweep, "name: s\nbase: {profile: smoke}\ngrid:\n  widht: [0.25]\n");
        assertUsageError(run("sweep", sweep.toString()), "widht");
        Files.writeString(sweep, "name: s\nbase: {profile: smoke}\ngrid:\n  width: [0.25, 0.5]\n");
        Result listed = run("sweep", sweep.toString());
        assertEquals(0, listed.code(), listed.err());
    }

    private static void assertUsageError(Result r, String message) {
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains(message), "stderr names it: " + message + "\n" + r.err());
        assertEquals("", r.out(), "nothing on stdout");
    }
}
