package io.digitgan.core.checkpoint;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import io.digitgan.core.model.DcganModels;
import io.digitgan.core.model.ModelConfig;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A complete checkpoint folder: a manifest and the files it lists.
 *
 * <pre>
 * &lt;store&gt;/&lt;runId&gt;/epoch-0003/
 *   generator.params                 generator parameters (DJL block format)
 *   generator-ema.params             the averaged generator's (when the run keeps an average)
 *   discriminator.params             discriminator parameters
 *   generator-optimizer.bin          Adam state of the generator
 *   discriminator-optimizer.bin      Adam state of the discriminator
 *   manifest.json                    run, epoch, seed, config, sha256 of each file
 * </pre>
 */
public final class Checkpoint {

    public static final String GENERATOR = "generator.params";
    public static final String GENERATOR_EMA = "generator-ema.params";
    public static final String DISCRIMINATOR = "discriminator.params";
    public static final String GENERATOR_OPTIMIZER = "generator-optimizer.bin";
    public static final String DISCRIMINATOR_OPTIMIZER = "discriminator-optimizer.bin";

    private final Path dir;
    private final CheckpointManifest manifest;

    Checkpoint(Path dir, CheckpointManifest manifest) {
        this.dir = dir;
        this.manifest = manifest;
    }

    /** Reads the manifest of a checkpoint folder (the files are checked by {@link #verify()}). */
    public static Checkpoint open(Path dir) throws IOException {
        Path file = dir.resolve(CheckpointManifest.FILE_NAME);
        byte[] json;
        try {
            json = Files.readAllBytes(file);
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new IOException(dir + " is not a checkpoint: it has no " + CheckpointManifest.FILE_NAME, e);
        }
        return new Checkpoint(dir, parseManifest(json, file.toString()));
    }

    /**
     * A manifest's JSON, checked: its format version and the fields every reader needs.
     *
     * @param where the manifest's place, for messages
     */
    static CheckpointManifest parseManifest(byte[] json, String where) throws IOException {
        CheckpointManifest manifest;
        try {
            manifest = Json.MAPPER.readValue(json, CheckpointManifest.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException(where + " is not a valid manifest: " + e.getMessage(), e);
        }
        if (manifest.formatVersion() != CheckpointManifest.FORMAT_VERSION) {
            throw new IOException(where + ": checkpoint format " + manifest.formatVersion()
                    + " is not supported (expected " + CheckpointManifest.FORMAT_VERSION + ")");
        }
        if (manifest.config() == null || manifest.files() == null || manifest.runId() == null) {
            throw new IOException(where + " is not a valid manifest: runId, config and files are required");
        }
        for (String name : manifest.files().keySet()) {
            if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) {
                throw new IOException(where + " is not a valid manifest: file name '" + name + "' is not a plain name");
            }
        }
        return manifest;
    }

    /** Checks every file against its sha256 and size in the manifest. */
    public Checkpoint verify() throws ChecksumMismatchException, IOException {
        for (Map.Entry<String, CheckpointManifest.FileEntry> e : manifest.files().entrySet()) {
            Path file = dir.resolve(e.getKey());
            if (!Files.isRegularFile(file)) {
                throw new ChecksumMismatchException(file, "listed in the manifest but missing");
            }
            long size = Files.size(file);
            if (size != e.getValue().sizeBytes()) {
                throw new ChecksumMismatchException(
                        file, "size " + size + " bytes, the manifest says " + e.getValue().sizeBytes() + " (truncated?)");
            }
            String actual = Sha256.of(file);
            if (!actual.equalsIgnoreCase(e.getValue().sha256())) {
                throw new ChecksumMismatchException(
                        file, "sha256 " + actual + " does not match the manifest's " + e.getValue().sha256());
            }
        }
        return this;
    }

    /** Verifies the checkpoint and loads its (raw) generator, ready for inference. */
    public SequentialBlock loadGenerator(NDManager manager) throws IOException {
        return loadGenerator(manager, GENERATOR);
    }

    /** Whether the checkpoint holds an averaged generator. */
    public boolean hasAveragedGenerator() {
        return manifest.files().containsKey(GENERATOR_EMA);
    }

    /**
     * Verifies the checkpoint and loads the generator saved as {@code fileName} ({@link #GENERATOR}
     * or {@link #GENERATOR_EMA}), ready for inference.
     */
    public SequentialBlock loadGenerator(NDManager manager, String fileName) throws IOException {
        verify();
        ModelConfig model = manifest.config().model();
        SequentialBlock generator = DcganModels.generator(model);
        loadInto(generator, fileName, manager);
        generator.initialize(manager, DataType.FLOAT32, DcganModels.generatorInput(model, 1));
        return generator;
    }

    /** Loads parameters saved under {@code fileName} into an uninitialised block of the same architecture. */
    public void loadInto(Block block, String fileName, NDManager manager) throws IOException {
        try (DataInputStream in = open(fileName)) {
            block.loadParameters(manager, in);
        } catch (MalformedModelException e) {
            throw new IOException(dir.resolve(fileName) + " does not fit the model in the manifest: " + e.getMessage(), e);
        }
    }

    public DataInputStream open(String fileName) throws IOException {
        if (!manifest.files().containsKey(fileName)) {
            throw new IOException(dir + " has no " + fileName + " in its manifest");
        }
        return new DataInputStream(new BufferedInputStream(Files.newInputStream(dir.resolve(fileName))));
    }

    public Path dir() {
        return dir;
    }

    public CheckpointManifest manifest() {
        return manifest;
    }

    public String runId() {
        return manifest.runId();
    }

    public int epoch() {
        return manifest.epoch();
    }

    /** sha256 of the generator parameters: what a server announces and verifies. */
    public String generatorSha256() {
        return manifest.files().get(GENERATOR).sha256();
    }

    /** sha256 of the averaged generator's parameters; the checkpoint must have them. */
    public String averagedGeneratorSha256() {
        return manifest.files().get(GENERATOR_EMA).sha256();
    }

    public long sizeBytes() {
        return manifest.files().values().stream().mapToLong(CheckpointManifest.FileEntry::sizeBytes).sum();
    }

    @Override
    public String toString() {
        return dir.toString();
    }
}
