package io.digitgan.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import io.digitgan.core.checkpoint.Checkpoint;
import io.digitgan.core.checkpoint.CheckpointStore;
import io.digitgan.core.checkpoint.LocalCheckpointStore;
import io.digitgan.core.config.GanConfig;
import io.digitgan.core.data.MnistDataset;
import io.digitgan.core.engine.DjlEngine;
import io.digitgan.core.model.BlockGenerator;
import io.digitgan.core.testing.SyntheticDigits;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The averaged generator on small synthetic data with the real engine. */
class GeneratorAverageTest {

    static MnistDataset data;

    @TempDir
    Path store;

    @BeforeAll
    static void setUp() {
        DjlEngine.start(2);
        data = SyntheticDigits.create(256, 1);
    }

    static GanConfig averaged(int epochs) {
        return GanTrainerTest.tiny(epochs).toBuilder().emaDecay(0.999).build();
    }

    @Test
    void theDecayWarmsUpSoShortRunsAreNotDraggedBackToTheirStart() {
        assertEquals(0.1, GeneratorAverage.decayAt(0.999, 0), 1e-12);
        assertEquals(2.0 / 11, GeneratorAverage.decayAt(0.999, 1), 1e-12);
        assertEquals(101.0 / 110, GeneratorAverage.decayAt(0.999, 100), 1e-12);
        assertEquals(0.999, GeneratorAverage.decayAt(0.999, 1_000_000), 1e-12);
        assertEquals(0.9, GeneratorAverage.decayAt(0.9, 1_000), 1e-12, "the configured decay caps it");
    }

    @Test
    void theAverageNeverFeedsBackIntoTraining() {
        float[] plain;
        float[] withAverage;
        List<Double> plainLosses = new ArrayList<>();
        List<Double> averageLosses = new ArrayList<>();
        try (GanTrainer t = GanTrainer.start("plain", GanTrainerTest.tiny(2), data, Device.cpu(), null)) {
            t.addListener(losses(plainLosses));
            t.train();
            plain = t.generate(t.fixedNoise(), 16);
            assertNull(t.averagedGeneratorBlock());
        }
        try (GanTrainer t = GanTrainer.start("avg", averaged(2), data, Device.cpu(), null)) {
            t.addListener(losses(averageLosses));
            t.train();
            withAverage = t.generate(t.fixedNoise(), 16);
            assertNotEquals(Arrays.toString(withAverage), Arrays.toString(t.generateAveraged(t.fixedNoise(), 16)),
                    "the average is a different generator");
        }
        assertEquals(plainLosses, averageLosses);
        assertArrayEquals(plain, withAverage);
    }

    private static TrainingListener losses(List<Double> into) {
        return new TrainingListener() {
            @Override
            public void onStep(StepMetrics step) {
                into.add(step.genLoss());
                into.add(step.discLoss());
            }
        };
    }

    @Test
    void everyParameterAndMovingStatisticFollowsTheFormula() {
        // a ← β·a + (1 − β)·w after step t with β = min(d, (1+t)/(10+t)), from a copy of the initial weights
        double decay = 0.999;
        try (GanTrainer t = GanTrainer.start("formula", averaged(1), data, Device.cpu(), null)) {
            Block trained = t.generatorBlock();
            List<String> names = new ArrayList<>();
            for (var p : trained.getParameters()) {
                if (p.getKey().contains("gamma") || p.getKey().contains("runningMean")) {
                    names.add(p.getKey());
                }
            }
            assertTrue(names.size() >= 2, "BatchNorm scale and moving mean: " + names);
            double[][] expected = new double[names.size()][];
            t.addListener(new TrainingListener() {
                @Override
                public void onStart(RunInfo run) {
                    for (int i = 0; i < names.size(); i++) {
                        expected[i] = toDouble(trained.getParameters().get(names.get(i)).getArray().toFloatArray());
                    }
                }

                @Override
                public void onStep(StepMetrics step) {
                    double beta = GeneratorAverage.decayAt(decay, step.globalStep());
                    for (int i = 0; i < names.size(); i++) {
                        float[] w = trained.getParameters().get(names.get(i)).getArray().toFloatArray();
                        for (int j = 0; j < w.length; j++) {
                            expected[i][j] = beta * expected[i][j] + (1 - beta) * w[j];
                        }
                    }
                }
            });
            t.train();
            for (int i = 0; i < names.size(); i++) {
                float[] actual = t.averagedGeneratorBlock().getParameters().get(names.get(i)).getArray().toFloatArray();
                float[] raw = trained.getParameters().get(names.get(i)).getArray().toFloatArray();
                for (int j = 0; j < actual.length; j++) {
                    assertEquals(expected[i][j], actual[j], 1e-5, names.get(i) + "[" + j + "]");
                }
                assertNotEquals(Arrays.toString(raw), Arrays.toString(actual), names.get(i) + " lags the trained one");
            }
        }
    }

    private static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }

    @Test
    void theAverageUpdatesOnAThreadOfItsOwnAsInTheTrainerServiceWithoutGrowingTheModels() throws Exception {
        // a fresh thread has PyTorch's grad mode on (the engine turns it off only where it starts):
        // an in-place update of a parameter that requires gradients fails there
        List<Integer> counts = new ArrayList<>();
        Throwable[] failure = new Throwable[1];
        Thread worker = new Thread(() -> {
            try (GanTrainer t = GanTrainer.start("thread", averaged(1), data, Device.cpu(), null)) {
                t.addListener(new TrainingListener() {
                    @Override
                    public void onStep(StepMetrics step) {
                        counts.add(t.managedArrayCount());
                    }
                });
                t.train();
            } catch (Throwable e) {
                failure[0] = e;
            }
        });
        worker.start();
        worker.join();
        if (failure[0] != null) {
            throw new AssertionError("training with an average on its own thread failed", failure[0]);
        }
        assertEquals(8, counts.size());
        assertEquals(counts.get(2), counts.get(7), "arrays held by the models per step: " + counts);
    }

    @Test
    void everyCheckpointHoldsBothGeneratorsVerifiedAndLoadable() throws IOException {
        CheckpointStore checkpoints = new LocalCheckpointStore(store);
        float[] raw;
        float[] avg;
        float[] noise;
        try (GanTrainer t = GanTrainer.start("both", averaged(1), data, Device.cpu(), checkpoints)) {
            t.train();
            noise = t.fixedNoise();
            raw = t.generate(noise, 8);
            avg = t.generateAveraged(noise, 8);
        }
        Checkpoint c = Checkpoint.open(checkpoints.newest("both").orElseThrow().dir());
        assertTrue(c.hasAveragedGenerator());
        assertEquals(64, c.averagedGeneratorSha256().length());
        assertNotEquals(c.generatorSha256(), c.averagedGeneratorSha256());
        try (NDManager manager = NDManager.newBaseManager()) {
            var rawBlock = new BlockGenerator(c.loadGenerator(manager), manager, 100);
            var avgBlock = new BlockGenerator(c.loadGenerator(manager, Checkpoint.GENERATOR_EMA), manager, 100);
            assertArrayEquals(raw, rawBlock.generate(Arrays.copyOf(noise, 800), 8));
            assertArrayEquals(avg, avgBlock.generate(Arrays.copyOf(noise, 800), 8));
        }

        // the original recipe keeps no average, and its checkpoints have no such file
        try (GanTrainer t = GanTrainer.start("none", GanTrainerTest.tiny(1), data, Device.cpu(), checkpoints)) {
            t.train();
        }
        assertFalse(checkpoints.newest("none").orElseThrow().hasAveragedGenerator());
    }

    @Test
    void aResumedRunContinuesTheAverageWhereItStopped() throws IOException {
        CheckpointStore checkpoints = new LocalCheckpointStore(store);
        float[] straight;
        try (GanTrainer t = GanTrainer.start("straight", averaged(2), data, Device.cpu(), checkpoints)) {
            t.train();
            straight = t.generateAveraged(t.fixedNoise(), 16);
        }
        try (GanTrainer t = GanTrainer.start("split", averaged(2), data, Device.cpu(), checkpoints)) {
            t.addListener(new TrainingListener() {
                @Override
                public void onStep(StepMetrics step) {
                    if (step.epoch() == 2 && step.step() == 2) {
                        t.requestStop();
                    }
                }
            });
            t.train();
        }
        try (GanTrainer t = GanTrainer.resume(checkpoints.newest("split").orElseThrow(), data, Device.cpu(), checkpoints, 0)) {
            t.train();
            assertArrayEquals(straight, t.generateAveraged(t.fixedNoise(), 16), 1e-3f);
        }
    }
}
