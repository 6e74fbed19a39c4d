package io.digitgan.cli.bench;

import io.digitgan.core.data.MnistDataset;
import java.io.IOException;
import java.nio.file.Path;

/** MNIST for the benchmarks; the timing of a step does not depend on what the images show. */
final class BenchData {

    private BenchData() {}

    static MnistDataset load() throws IOException {
        return MnistDataset.load(Path.of(System.getProperty("digitgan.data.dir", "data/mnist")), MnistDataset.Split.TRAIN);
    }
}
