package io.digitgan.core.quality;

import ai.djl.Device;
import io.digitgan.core.checkpoint.CheckpointStore;
import io.digitgan.core.checkpoint.Json;
import io.digitgan.core.checkpoint.Sha256;
import io.digitgan.core.data.BatchSampler;
import io.digitgan.core.data.Dataset;
import io.digitgan.core.data.MnistDataset;
import io.digitgan.events.Quality;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A dataset's evaluator artifact on disk, {@code <root>/<version>/} ({@code lenet-v1} for MNIST,
 * {@code fashion-lenet-v1} for Fashion-MNIST: the same {@link EvaluatorNet}, trained on each):
 * {@code evaluator.params}, {@code reference.bin} (the Gaussian fit of the test images' features), {@code real.bin}
 * (the outputs of 10,000 training images drawn at random, for the floor) and a
 * {@code manifest.json} with their sha256, the test accuracy and the real-data floor. Written to a
 * temporary folder and renamed into place, so a reader sees a whole artifact or none.
 */
public final class EvaluatorStore {

    private static final Logger LOG = LoggerFactory.getLogger("digitgan.evaluator");

    public static final String PARAMETERS = "evaluator.params";
    public static final String REFERENCE = "reference.bin";
    public static final String REAL = "real.bin";
    /** Real training images measured for the floor. */
    public static final int FLOOR_IMAGES = 10_000;
    private static final long FLOOR_SEED = 10_000L;

    private final Path root;
    private final Dataset dataset;

    /** MNIST's evaluator in {@code root}. */
    public EvaluatorStore(Path root) {
        this(root, Dataset.MNIST);
    }

    /** The evaluator of {@code dataset} in {@code root}. */
    public EvaluatorStore(Path root, Dataset dataset) {
        this.root = root.toAbsolutePath().normalize();
        this.dataset = dataset;
    }

    public Dataset dataset() {
        return dataset;
    }

    /** The artifact's version: its folder's name, and what figures say they were measured with. */
    public String version() {
        return dataset.evaluatorVersion();
    }

    /** The folder of this version's artifact. */
    public Path dir() {
        return root.resolve(version());
    }

    public boolean exists() {
        return Files.isRegularFile(dir().resolve(EvaluatorManifest.FILE_NAME));
    }

    public EvaluatorManifest manifest() throws IOException {
        Path file = dir().resolve(EvaluatorManifest.FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new EvaluatorMissingException(dir());
        }
        return Json.MAPPER.readValue(file.toFile(), EvaluatorManifest.class);
    }

    /** Loads the artifact after checking both files against the manifest's sha256. */
    public QualityMeter load(Device device) throws IOException {
        EvaluatorManifest manifest = manifest();
        if (!version().equals(manifest.version())) {
            throw new IOException(dir() + " holds evaluator " + manifest.version() + ", not " + version());
        }
        check(PARAMETERS, manifest.parametersSha256());
        check(REFERENCE, manifest.referenceSha256());
        check(REAL, manifest.realSha256());
        GaussianFit reference;
        try (DataInputStream in = open(REFERENCE)) {
            reference = GaussianFit.read(in);
        }
        Evaluator.Outputs real;
        try (DataInputStream in = open(REAL)) {
            real = Evaluator.Outputs.read(in);
        }
        Evaluator evaluator;
        try (DataInputStream in = open(PARAMETERS)) {
            evaluator = Evaluator.load(in, device);
        }
        return new QualityMeter(evaluator, reference, real, manifest.version(), manifest.testAccuracy());
    }

    /**
     * Loads the artifact; when the store has none, installs the one shipped in gan-core first (or,
     * without one, trains it: minutes, with progress lines).
     */
    public QualityMeter loadOrTrain(Path dataDir, Device device, EvaluatorTrainer.Options options) throws IOException {
        if (!exists() && !installShipped()) {
            LOG.info("no evaluator in {}: training {} on {}, once", dir(), version(), dataset);
            train(dataDir, device, options);
        }
        return load(device);
    }

    /**
     * The evaluator network of {@code dataset} shipped in gan-core's jar alone (no reference
     * statistics, no image files), its parameters checked against the shipped manifest: what a
     * server needs to read which class an image shows.
     */
    public static Evaluator shippedEvaluator(Dataset dataset, Device device) throws IOException {
        String version = dataset.evaluatorVersion();
        byte[] manifestJson;
        byte[] parameters;
        try (var m = EvaluatorStore.class.getResourceAsStream(shippedResource(version, EvaluatorManifest.FILE_NAME));
                var p = EvaluatorStore.class.getResourceAsStream(shippedResource(version, PARAMETERS))) {
            if (m == null || p == null) {
                throw new IOException("gan-core's jar holds no shipped evaluator " + version);
            }
            manifestJson = m.readAllBytes();
            parameters = p.readAllBytes();
        }
        EvaluatorManifest manifest = Json.MAPPER.readValue(manifestJson, EvaluatorManifest.class);
        String actual = Sha256.of(parameters);
        if (!actual.equals(manifest.parametersSha256())) {
            throw new IOException("the shipped evaluator's parameters have sha256 " + actual + ", not the manifest's "
                    + manifest.parametersSha256());
        }
        return Evaluator.load(new DataInputStream(new java.io.ByteArrayInputStream(parameters)), device);
    }

    /** A file of the artifact of this version shipped on the classpath. */
    static String shippedResource(String version, String file) {
        return "/evaluator/" + version + "/" + file;
    }

    /**
     * Copies the artifact shipped in gan-core's jar into the store (checked against its manifest's
     * sha256 when loaded, like any other).
     *
     * @return false when the jar holds none
     */
    public boolean installShipped() throws IOException {
        if (EvaluatorStore.class.getResource(shippedResource(version(), EvaluatorManifest.FILE_NAME)) == null) {
            return false;
        }
        Files.createDirectories(root);
        Path temp = Files.createTempDirectory(root, "." + version() + "-");
        readableByAll(temp);
        try {
            for (String file : new String[] {PARAMETERS, REFERENCE, REAL, EvaluatorManifest.FILE_NAME}) {
                try (var in = EvaluatorStore.class.getResourceAsStream(shippedResource(version(), file))) {
                    if (in == null) {
                        throw new IOException("gan-core's shipped evaluator lacks " + file);
                    }
                    Files.copy(in, temp.resolve(file));
                }
            }
            install(temp);
            LOG.info("installed the shipped evaluator {} in {}", version(), dir());
            return true;
        } finally {
            CheckpointStore.deleteTree(temp);
        }
    }

    /**
     * Trains an evaluator, measures its test accuracy, the test images' Gaussian fit and the
     * real-data floor, and installs the artifact (unless another process installed one meanwhile).
     */
    public EvaluatorManifest train(Path dataDir, Device device, EvaluatorTrainer.Options options) throws IOException {
        MnistDataset train = MnistDataset.load(dataDir, MnistDataset.Split.TRAIN);
        MnistDataset test = MnistDataset.load(dataDir, MnistDataset.Split.TEST);
        Files.createDirectories(root);
        Path temp = Files.createTempDirectory(root, "." + version() + "-");
        readableByAll(temp); // a temporary folder is private; the artifact is shared (trainer, CLI, images)
        try {
            long start = System.nanoTime();
            try (DataOutputStream out = create(temp.resolve(PARAMETERS))) {
                EvaluatorTrainer.train(train, options, device, out);
            }
            double trainingSeconds = (System.nanoTime() - start) / 1e9;
            EvaluatorManifest manifest;
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(temp.resolve(PARAMETERS))));
                    Evaluator evaluator = Evaluator.load(in, device)) {
                // one pass over the test images gives the accuracy and the reference features
                Evaluator.Outputs testOutputs = evaluator.run(Evaluator.images(test, 0, test.size()), test.size());
                double accuracy = Evaluator.accuracy(testOutputs, test);
                GaussianFit reference = GaussianFit.of(testOutputs.features(), test.size(), EvaluatorNet.FEATURES);
                try (DataOutputStream out = create(temp.resolve(REFERENCE))) {
                    reference.write(out);
                }
                int floorCount = Math.min(FLOOR_IMAGES, train.size());
                int[] order = realImageOrder(train.size());
                Evaluator.Outputs real = evaluator.run(Evaluator.images(train, order, 0, floorCount), floorCount);
                try (DataOutputStream out = create(temp.resolve(REAL))) {
                    real.write(out);
                }
                Quality floor = QualityMeter.figures(real, reference);
                int images = options.maxImages() > 0 ? Math.min(options.maxImages(), train.size()) : train.size();
                manifest = new EvaluatorManifest(version(), Sha256.of(temp.resolve(PARAMETERS)),
                        Sha256.of(temp.resolve(REFERENCE)), Sha256.of(temp.resolve(REAL)), accuracy, images, options.epochs(),
                        Math.round(trainingSeconds * 10) / 10.0, Instant.now().toString(), floor);
            }
            Json.MAPPER.writeValue(temp.resolve(EvaluatorManifest.FILE_NAME).toFile(), manifest);
            install(temp);
            LOG.info(String.format("evaluator %s: test accuracy %.4f, trained in %.0f s; real-data floor: FID %.3f,"
                            + " score %.3f, %d classes covered; in %s",
                    manifest.version(), manifest.testAccuracy(), manifest.trainingSeconds(), manifest.floor().fid(),
                    manifest.floor().mnistScore(), manifest.floor().digitsCovered(), dir()));
            return manifest;
        } finally {
            CheckpointStore.deleteTree(temp);
        }
    }

    /**
     * The training images of the floor, in a fixed shuffled order: the files are not in random
     * order (the last 2,000 images alone score an FID of 12 where 2,000 drawn at random score 4).
     */
    static int[] realImageOrder(int total) {
        return BatchSampler.permutation(total, new java.util.Random(FLOOR_SEED));
    }

    private void install(Path temp) throws IOException {
        try {
            Files.move(temp, dir(), StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
            LOG.info("another process installed an evaluator in {} meanwhile; keeping that one", dir());
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot rename " + temp + " to " + dir() + " atomically", e);
        }
    }

    private static void readableByAll(Path dir) {
        try {
            Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (UnsupportedOperationException | IOException e) {
            LOG.debug("could not open {} to all readers: {}", dir, e.toString());
        }
    }

    private void check(String file, String expected) throws IOException {
        String actual = Sha256.of(dir().resolve(file));
        if (!actual.equals(expected)) {
            throw new IOException(dir().resolve(file) + ": sha256 " + actual + " does not match the manifest's "
                    + expected + "; delete " + dir() + " to train it again");
        }
    }

    private DataInputStream open(String file) throws IOException {
        return new DataInputStream(new BufferedInputStream(Files.newInputStream(dir().resolve(file))));
    }

    private static DataOutputStream create(Path file) throws IOException {
        return new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)));
    }
}
