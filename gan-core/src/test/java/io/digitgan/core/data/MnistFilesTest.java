package io.digitgan.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The real MNIST files, as scripts/fetch-mnist.sh installs them (CI fetches them first). */
class MnistFilesTest {

    static Path dataDir() {
        return Path.of(System.getProperty("digitgan.data.dir", "../data/mnist"));
    }

    @Test
    void loadsBothSplits() throws IOException {
        MnistDataset train = MnistDataset.load(dataDir(), MnistDataset.Split.TRAIN);
        MnistDataset test = MnistDataset.load(dataDir(), MnistDataset.Split.TEST);
        assertEquals(60_000, train.size());
        assertEquals(10_000, test.size());
        assertEquals(28, train.height());
        assertEquals(28, train.width());
        assertEquals(5, train.label(0)); // the famous first training digit
        assertEquals(7, test.label(0));
    }
}
