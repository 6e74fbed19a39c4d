package io.digitgan.cli;

import io.digitgan.core.checkpoint.Checkpoint;
import io.digitgan.core.checkpoint.CheckpointStore;
import io.digitgan.core.checkpoint.LocalCheckpointStore;
import io.digitgan.core.checkpoint.S3CheckpointStore;
import io.digitgan.core.checkpoint.S3Location;
import io.digitgan.core.data.Dataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Command-line entry point of gan-core ({@code ./digitgan train|evaluate|train-evaluator|export}
 * run it): picocli parses the typed options, writes {@code --help} from them and answers a usage
 * error on stderr with exit code 2; a failure while working exits 1.
 */
// INHERIT: every command gets --help, --version and this layout of its options
@Command(name = "digitgan", scope = CommandLine.ScopeType.INHERIT, mixinStandardHelpOptions = true,
        versionProvider = DigitGanCli.Version.class, sortOptions = false, showDefaultValues = true,
        synopsisSubcommandLabel = "COMMAND",
        description = "Trains the DCGAN on MNIST or Fashion-MNIST, measures and exports its checkpoints.",
        subcommands = {TrainCommand.class, EvaluateCommand.class, TrainEvaluatorCommand.class, ExportCommand.class,
                SweepCommand.class})
public final class DigitGanCli implements Runnable {

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        configureLogging();
        System.exit(commandLine().execute(args));
    }

    /** No command given: a usage error, with the list of commands. */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a command is needed");
    }

    /** The commands as the jar runs them; tests parse and run through the same object. */
    public static CommandLine commandLine() {
        CommandLine line = new CommandLine(new DigitGanCli());
        line.setOverwrittenOptionsAllowed(true); // the last of a repeated option counts, as in most tools
        line.registerConverter(Dataset.class, DigitGanCli::dataset);
        // a grid per epoch: the command writes samples as it goes
        line.getSubcommands().get("train").getCommandSpec()
                .addMixin("run", RunSpecOptions.mixin(Map.of("profile", "original", "sampleEvery", "1")));
        line.setExecutionExceptionHandler((e, command, parsed) -> {
            command.getErr().println("error: " + e.getMessage());
            if (System.getenv("DIGITGAN_DEBUG") != null) {
                e.printStackTrace(command.getErr());
            }
            // a value the parser could not judge (a profile's name, a folder without a checkpoint) is still the caller's mistake
            return e instanceof IllegalArgumentException ? CommandLine.ExitCode.USAGE : CommandLine.ExitCode.SOFTWARE;
        });
        return line;
    }

    private static Dataset dataset(String id) {
        try {
            return Dataset.of(id);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }

    /**
     * This machine's folder for an object store (downloads to evaluate, export or resume; a run's
     * staged checkpoints and samples): DIGITGAN_CHECKPOINTS_DIR, as for the services, else
     * data/object-store-cache.
     */
    static Path objectStoreFolder(Map<String, String> env) {
        String dir = env.get("DIGITGAN_CHECKPOINTS_DIR");
        return dir != null && !dir.isBlank() ? Path.of(dir) : Path.of("data", "object-store-cache");
    }

    /**
     * A checkpoint folder, or a run folder (its newest checkpoint); in an object store,
     * {@code s3://bucket/prefix/<run>/epoch-NNNN} or {@code s3://bucket/prefix/<run>}, downloaded
     * and checked.
     */
    static Checkpoint findCheckpoint(String where) throws IOException {
        return findCheckpoint(where, System.getenv());
    }

    /** As {@link #findCheckpoint(String)}, an object store's endpoint and keys from {@code env}. */
    static Checkpoint findCheckpoint(String where, Map<String, String> env) throws IOException {
        if (where.startsWith("s3://")) {
            String trimmed = where.replaceAll("/+$", "");
            int last = trimmed.lastIndexOf('/');
            String name = trimmed.substring(last + 1);
            if (name.matches("epoch-\\d{4,9}")) {
                int run = trimmed.lastIndexOf('/', last - 1);
                return store(trimmed.substring(0, run), env).fetch(trimmed.substring(run + 1));
            }
            CheckpointStore store = store(trimmed.substring(0, last), env);
            Checkpoint newest = store.newest(name)
                    .orElseThrow(() -> new IllegalArgumentException(where + " holds no checkpoint"));
            return store.fetch(newest);
        }
        Path path = Path.of(where);
        if (Files.exists(path.resolve("manifest.json"))) {
            return Checkpoint.open(path);
        }
        CheckpointStore store = new LocalCheckpointStore(path.toAbsolutePath().getParent());
        Optional<Checkpoint> newest = store.newest(path.getFileName().toString());
        return newest.orElseThrow(() -> new IllegalArgumentException(path + " holds no checkpoint"));
    }

    /** A store: a folder, or {@code s3://bucket/prefix} with its endpoint and keys from the environment. */
    static CheckpointStore store(String where) {
        return store(where, System.getenv());
    }

    private static CheckpointStore store(String where, Map<String, String> env) {
        return where.startsWith("s3://")
                ? new S3CheckpointStore(S3Location.fromUri(where, env), objectStoreFolder(env))
                : new LocalCheckpointStore(Path.of(where));
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

    /** The jar's Implementation-Version (the project's version), or "development build" outside the jar. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = DigitGanCli.class.getPackage().getImplementationVersion();
            return new String[] {"digitgan " + (version != null ? version : "development build (not run from the jar)")};
        }
    }
}
