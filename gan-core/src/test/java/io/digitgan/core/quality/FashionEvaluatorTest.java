package io.digitgan.core.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import io.digitgan.core.data.Dataset;
import io.digitgan.core.data.MnistDataset;
import io.digitgan.core.engine.DjlEngine;
import io.digitgan.events.Quality;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Fashion-MNIST's own evaluator, shipped in gan-core, on the real Fashion-MNIST files. */
class FashionEvaluatorTest {

    static EvaluatorStore store;
    static QualityMeter meter;
    static MnistDataset test;

    @BeforeAll
    static void load() throws IOException {
        DjlEngine.start(2);
        store = new EvaluatorStore(Path.of(System.getProperty("test.evaluator.dir", "target/evaluator")),
                Dataset.FASHION_MNIST);
        Path dir = Path.of(System.getProperty("test.fashion.dir", "../data/fashion-mnist"));
        meter = store.loadOrTrain(dir, Device.cpu(), EvaluatorTrainer.Options.standard());
        test = MnistDataset.load(dir, MnistDataset.Split.TEST);
    }

    @AfterAll
    static void close() {
        meter.close();
    }

    @Test
    void classifiesAtLeast90PercentOfTheFashionTestImages() throws IOException {
        double accuracy = meter.evaluator().accuracy(test); // measured now, not read from the manifest
        assertTrue(accuracy >= 0.90, "test accuracy " + accuracy);
        assertEquals(accuracy, store.manifest().testAccuracy(), 1e-9, "the manifest states what it measures");
        assertEquals("fashion-lenet-v1", store.manifest().version());
        assertEquals(Dataset.FASHION_MNIST, Dataset.ofEvaluator(store.manifest().version()), "figures name their dataset");
        assertEquals(null, Dataset.ofEvaluator("lenet-v0"));
        assertTrue(store.dir().endsWith("fashion-lenet-v1"), "a folder of its own beside MNIST's: " + store.dir());
    }

    @Test
    void itsFloorCoversEveryClass() throws IOException {
        Quality.Floor floor = meter.floor();
        assertEquals(10, floor.digitsCovered());
        assertEquals(store.manifest().testAccuracy(), floor.classAccuracy(), 1e-9, "its floor of class accuracy");
        assertTrue(floor.fid() < 1, "real Fashion-MNIST images against its own test set: FID " + floor.fid());
        assertEquals(store.manifest().floor().fid(), floor.fid(), 1e-9, "the manifest's floor");
    }

    @Test
    void theShippedNetworkAloneReadsTheSameClasses() throws IOException {
        // what a generator-service loads for rejection sampling: the parameters without the statistics
        try (Evaluator shipped = EvaluatorStore.shippedEvaluator(Dataset.FASHION_MNIST, Device.cpu());
                Evaluator mnist = EvaluatorStore.shippedEvaluator(Dataset.MNIST, Device.cpu())) {
            double accuracy = shipped.accuracy(test);
            assertEquals(store.manifest().testAccuracy(), accuracy, 1e-9);
            double misread = mnist.accuracy(test.limit(1_000)); // a thousand images tell it as well as ten thousand
            assertTrue(misread < 0.5, "MNIST's evaluator does not read clothes: " + misread);
        }
    }
}
