package io.digitgan.trainer.run;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.digitgan.trainer.TrainerSettings;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/** Run records on disk: {@code <checkpoint dir>/<run id>/run.json}, written atomically. */
@ApplicationScoped
public class RunRegistry {

    private static final Logger LOG = Logger.getLogger(RunRegistry.class);
    private static final String FILE = "run.json";
    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final Path root;
    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public RunRegistry(TrainerSettings settings) {
        this.root = settings.checkpoints().dir().toAbsolutePath().normalize();
    }

    public synchronized void save(RunRecord run) {
        try {
            Path dir = root.resolve(run.runId());
            Files.createDirectories(dir);
            Path temp = dir.resolve(FILE + ".tmp");
            json.writeValue(temp.toFile(), run);
            Files.move(temp, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("could not save run " + run.runId() + " in " + root, e);
        }
    }

    public synchronized Optional<RunRecord> find(String runId) {
        if (runId == null || !RUN_ID.matcher(runId).matches()) {
            return Optional.empty();
        }
        Path file = root.resolve(runId).resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(file.toFile(), RunRecord.class));
        } catch (IOException e) {
            LOG.warnf("ignoring unreadable %s: %s", file, e.getMessage());
            return Optional.empty();
        }
    }

    /** All runs, newest first. */
    public synchronized List<RunRecord> all() {
        List<RunRecord> runs = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return runs;
        }
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                find(dir.getFileName().toString()).ifPresent(runs::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        runs.sort(Comparator.comparing(RunRecord::createdAt).reversed());
        return runs;
    }
}
