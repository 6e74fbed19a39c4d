package io.digitgan.core.data;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The image sets a run can learn: both are 28×28 grey images of ten classes in the same idx
 * files, so only their folder, fetch script, class names and evaluator differ.
 */
public enum Dataset {

    MNIST("mnist", "MNIST", "scripts/fetch-mnist.sh", "lenet-v1",
            List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9")),
    FASHION_MNIST("fashion-mnist", "Fashion-MNIST", "scripts/fetch-fashion-mnist.sh", "fashion-lenet-v1",
            List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag",
                    "Ankle boot"));

    /** The ids accepted by {@link #of(String)}, as configs and options spell them. */
    public static final List<String> IDS = Arrays.stream(values()).map(Dataset::id).toList();

    private final String id;
    private final String title;
    private final String fetchScript;
    private final String evaluatorVersion;
    private final List<String> classNames;

    Dataset(String id, String title, String fetchScript, String evaluatorVersion, List<String> classNames) {
        this.id = id;
        this.title = title;
        this.fetchScript = fetchScript;
        this.evaluatorVersion = evaluatorVersion;
        this.classNames = classNames;
    }

    /** The dataset of this id; null or blank is MNIST (configs written before datasets existed). */
    @JsonCreator
    public static Dataset of(String id) {
        if (id == null || id.isBlank()) {
            return MNIST;
        }
        String wanted = id.trim().toLowerCase(Locale.ROOT);
        for (Dataset d : values()) {
            if (d.id.equals(wanted)) {
                return d;
            }
        }
        throw new IllegalArgumentException("dataset must be one of " + IDS + ", not '" + id + "'");
    }

    /** The dataset whose evaluator artifact has this version; null when none has. */
    public static Dataset ofEvaluator(String version) {
        for (Dataset d : values()) {
            if (d.evaluatorVersion.equals(version)) {
                return d;
            }
        }
        return null;
    }

    /** Its name in configs, options, paths and events: {@code mnist}, {@code fashion-mnist}. */
    @JsonValue
    public String id() {
        return id;
    }

    /** Its name in prose: {@code MNIST}, {@code Fashion-MNIST}. */
    public String title() {
        return title;
    }

    /** The name of the FID measured with its evaluator: {@code FID-MNIST}, {@code FID-Fashion-MNIST}. */
    public String fidName() {
        return "FID-" + title;
    }

    /** The name of the Inception-style score of its evaluator: {@code MNIST score}, {@code Fashion-MNIST score}. */
    public String scoreName() {
        return title + " score";
    }

    /** The script that fetches and checks its four idx files. */
    public String fetchScript() {
        return fetchScript;
    }

    /** The version of its evaluator artifact: figures of different versions are not comparable. */
    public String evaluatorVersion() {
        return evaluatorVersion;
    }

    /** Its classes' names, in label order. */
    public List<String> classNames() {
        return classNames;
    }

    /** Its folder under a data root ({@code data/mnist}, {@code data/fashion-mnist}). */
    public Path folderIn(Path dataRoot) {
        return dataRoot.resolve(id);
    }

    @Override
    public String toString() {
        return id;
    }
}
