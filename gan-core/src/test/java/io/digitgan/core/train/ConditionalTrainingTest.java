package io.digitgan.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import io.digitgan.core.checkpoint.Checkpoint;
import io.digitgan.core.checkpoint.CheckpointStore;
import io.digitgan.core.checkpoint.LocalCheckpointStore;
import io.digitgan.core.config.GanConfig;
import io.digitgan.core.data.Dataset;
import io.digitgan.core.data.MnistDataset;
import io.digitgan.core.engine.DjlEngine;
import io.digitgan.core.model.BlockGenerator;
import io.digitgan.core.model.Conditioning;
import io.digitgan.core.model.ModelConfig;
import io.digitgan.core.testing.SyntheticDigits;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A conditional model trained with the real engine on small synthetic data, both ways of telling D the label. */
class ConditionalTrainingTest {

    static MnistDataset data;

    @TempDir
    Path store;

    @BeforeAll
    static void setUp() {
        DjlEngine.start(2);
        data = SyntheticDigits.create(256, 1);
    }

    static GanConfig tiny(Conditioning conditioning, int epochs) {
        return GanConfig.original().toBuilder().model(ModelConfig.original(0.25)).conditional(conditioning)
                .epochs(epochs).batchSize(32).seed(77).build();
    }

    @ParameterizedTest
    @EnumSource(Conditioning.class)
    void trainsCheckpointsAndResumesAConditionalModel(Conditioning conditioning) throws IOException {
        CheckpointStore checkpoints = new LocalCheckpointStore(store);
        GanTrainerTest.Recorder recorder = new GanTrainerTest.Recorder();
        float[] before;
        float[] noise = GanTrainer.gaussian(new java.util.Random(5), 10 * 100);
        int[] labels = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        float[] images;
        try (GanTrainer trainer = GanTrainer.start("c-" + conditioning, tiny(conditioning, 1), data, Device.cpu(), checkpoints)) {
            before = parameters(trainer.discriminatorBlock());
            trainer.addListener(recorder);
            trainer.train();
            assertFalse(Arrays.equals(before, parameters(trainer.discriminatorBlock())), "D did not learn");
            images = trainer.servedImageGenerator().generate(noise, labels, 10);
        }
        assertTrue(recorder.steps.stream().allMatch(s -> Double.isFinite(s.genLoss()) && Double.isFinite(s.discLoss())));
        SampleGrid grid = recorder.samples.get(0);
        assertEquals(10 * SampleGrid.COLUMNS, grid.count(), "one row of the grid per class");

        Checkpoint checkpoint = checkpoints.newest("c-" + conditioning).orElseThrow();
        assertEquals(Dataset.MNIST.classNames(), checkpoint.manifest().classes());
        assertEquals(conditioning, checkpoint.manifest().config().model().conditioning());
        try (NDManager manager = NDManager.newBaseManager()) {
            String file = checkpoint.hasAveragedGenerator() ? Checkpoint.GENERATOR_EMA : Checkpoint.GENERATOR;
            BlockGenerator loaded = new BlockGenerator(checkpoint.loadGenerator(manager, file), manager,
                    checkpoint.manifest().config().model());
            assertArrayEquals(images, loaded.generate(noise, labels, 10), "the checkpoint draws the same digits");
            float[] sameNoiseOtherLabel = loaded.generate(noise, new int[] {5, 1, 2, 3, 4, 5, 6, 7, 8, 9}, 10);
            assertFalse(Arrays.equals(Arrays.copyOf(images, 784), Arrays.copyOf(sameNoiseOtherLabel, 784)),
                    "the label changed nothing");
        }
        try (GanTrainer resumed = GanTrainer.resume(checkpoint, data, Device.cpu(), checkpoints, 2)) {
            assertEquals(2, resumed.nextEpoch());
            assertEquals(RunOutcome.Status.COMPLETED, resumed.train().status());
        }
    }

    private static float[] parameters(ai.djl.nn.Block block) {
        return block.getParameters().values().stream().map(Parameter::getArray)
                .map(a -> a.toFloatArray()).reduce(new float[0], ConditionalTrainingTest::concat);
    }

    private static float[] concat(float[] a, float[] b) {
        float[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
