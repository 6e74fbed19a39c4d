package io.digitgan.core.data;

import io.digitgan.core.train.GanConfig;
import java.util.List;

/** The names of a dataset's classes, in label order: what APIs and dashboards show for a label. */
public final class ClassNames {

    /** MNIST's: the digits themselves. */
    public static final List<String> MNIST = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    private ClassNames() {}

    /** The classes a run's conditional generator draws; null for an unconditional run. */
    public static List<String> of(GanConfig config) {
        int classes = config.model().classes();
        if (classes == 0) {
            return null;
        }
        if (classes != MNIST.size()) {
            throw new IllegalArgumentException("a conditional MNIST model has " + MNIST.size() + " classes, not " + classes);
        }
        return MNIST;
    }
}
