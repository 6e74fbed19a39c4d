package io.digitgan.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import io.digitgan.core.checkpoint.Checkpoint;
import io.digitgan.core.checkpoint.CheckpointStore;
import io.digitgan.core.checkpoint.LocalCheckpointStore;
import io.digitgan.core.config.GanConfig;
import io.digitgan.core.data.MnistDataset;
import io.digitgan.core.engine.DjlEngine;
import io.digitgan.core.model.ModelConfig;
import io.digitgan.core.testing.SyntheticDigits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training on small synthetic data with the real engine: tiny width, a few steps. */
class GanTrainerTest {

    static MnistDataset data;

    @TempDir
    Path store;

    @BeforeAll
    static void setUp() {
        DjlEngine.start(2);
        data = SyntheticDigits.create(256, 1);
    }

    static GanConfig tiny(int epochs) {
        return GanConfig.original().toBuilder().model(ModelConfig.original(0.25)).epochs(epochs).batchSize(32)
                .seed(1234).build();
    }

    /** Records what listeners are told. */
    static final class Recorder implements TrainingListener {
        final List<RunInfo> starts = new ArrayList<>();
        final List<StepMetrics> steps = new ArrayList<>();
        final List<EpochMetrics> epochs = new ArrayList<>();
        final List<SampleGrid> samples = new ArrayList<>();
        final List<Checkpoint> checkpoints = new ArrayList<>();
        final List<RunOutcome> outcomes = new ArrayList<>();

        @Override
        public void onStart(RunInfo run) {
            starts.add(run);
        }

        @Override
        public void onStep(StepMetrics step) {
            steps.add(step);
        }

        @Override
        public void onEpoch(EpochMetrics epoch) {
            epochs.add(epoch);
        }

        @Override
        public void onSamples(SampleGrid s) {
            samples.add(s);
        }

        @Override
        public void onCheckpoint(Checkpoint c) {
            checkpoints.add(c);
        }

        @Override
        public void onFinish(RunOutcome o) {
            outcomes.add(o);
        }
    }

    @Test
    void reportsEveryStepAndEpochWithFiniteFigures() {
        Recorder r = new Recorder();
        try (GanTrainer trainer = GanTrainer.start("t1", tiny(2).toBuilder().sampleEvery(5).build(), data, Device.cpu(), new LocalCheckpointStore(store))) {
            trainer.addListener(r);
            RunOutcome outcome = trainer.train();
            assertEquals(RunOutcome.Status.COMPLETED, outcome.status());
            assertEquals(16, outcome.globalStep());
        }
        assertEquals(1, r.starts.size());
        assertEquals(8, r.starts.get(0).stepsPerEpoch());
        assertEquals(16, r.steps.size());
        for (StepMetrics s : r.steps) {
            assertTrue(Double.isFinite(s.genLoss()) && s.genLoss() > 0, "genLoss " + s.genLoss());
            assertTrue(Double.isFinite(s.discLoss()) && s.discLoss() > 0, "discLoss " + s.discLoss());
            assertTrue(s.dReal() > 0 && s.dReal() < 1 && s.dFake() > 0 && s.dFake() < 1);
            assertTrue(s.imagesPerSecond() > 0);
        }
        assertEquals(List.of(1, 2), r.epochs.stream().map(EpochMetrics::epoch).toList());
        assertEquals(0.10, r.epochs.get(0).noiseStd(), 1e-6, "noise starts at 0.10");
        assertEquals(0.0, r.epochs.get(1).noiseStd(), 1e-6, "and decays to 0 at the last epoch");
        double meanGen = r.steps.subList(0, 8).stream().mapToDouble(StepMetrics::genLoss).average().orElseThrow();
        assertEquals(meanGen, r.epochs.get(0).genLoss(), 1e-4, "epoch loss is the mean of its steps");
        // samples at epoch 1 and at the last, whatever sampleEvery says
        assertEquals(List.of(1, 2), r.samples.stream().map(SampleGrid::epoch).toList());
        assertEquals(64 * 28 * 28, r.samples.get(0).pixels().length);
        assertEquals(List.of(1, 2), r.checkpoints.stream().map(Checkpoint::epoch).toList());
        assertEquals(RunOutcome.Status.COMPLETED, r.outcomes.get(0).status());
    }

    @Test
    void theModelsHoldTheSameNumberOfArraysFromStepToStep() {
        // a step that leaks attaches arrays to the long-lived model managers (native memory that
        // only grows); the count after the first steps must stay constant
        List<Integer> counts = new ArrayList<>();
        try (GanTrainer trainer = GanTrainer.start("arrays", tiny(2), data, Device.cpu(), null)) {
            trainer.addListener(new TrainingListener() {
                @Override
                public void onStep(StepMetrics step) {
                    counts.add(trainer.managedArrayCount());
                }
            });
            trainer.train();
        }
        assertEquals(16, counts.size());
        assertEquals(counts.get(2), counts.get(15), "arrays held by the models per step: " + counts);
    }

    @Test
    void inferenceModeDoesNotDependOnTheBatch() {
        try (GanTrainer trainer = GanTrainer.start("t2", tiny(1), data, Device.cpu(), null)) {
            trainer.train(); // moves BatchNorm's moving statistics away from their initial values
            float[] noise = trainer.fixedNoise();
            float[] batch = trainer.generate(noise, 64);
            float[] first = trainer.generate(Arrays.copyOf(noise, 100), 1);
            // BatchNorm in training mode would normalise with the batch's statistics and differ here
            assertArrayEquals(Arrays.copyOf(batch, 784), first, 1e-5f);
            assertArrayEquals(batch, trainer.generate(noise, 64), "no dropout or noise at inference");
        }
    }

    @Test
    void checkpointRoundTripGivesBitIdenticalImages() throws IOException {
        CheckpointStore checkpoints = new LocalCheckpointStore(store);
        float[] expected;
        float[] noise;
        try (GanTrainer trainer = GanTrainer.start("t3", tiny(1), data, Device.cpu(), checkpoints)) {
            trainer.train();
            noise = trainer.fixedNoise();
            expected = trainer.generate(noise, 64);
        }
        Checkpoint checkpoint = checkpoints.newest("t3").orElseThrow();
        try (NDManager manager = NDManager.newBaseManager()) {
            SequentialBlock generator = checkpoint.loadGenerator(manager);
            float[] actual = generator.forward(new ParameterStore(manager, false),
                    new NDList(manager.create(noise, new ai.djl.ndarray.types.Shape(64, 100))), false)
                    .singletonOrThrow().toFloatArray();
            assertArrayEquals(expected, actual);
        }
    }

    @Test
    void resumedRunContinuesAtTheNextEpochWithTheSameSchedule() throws IOException {
        CheckpointStore checkpoints = new LocalCheckpointStore(store);
        Recorder straight = new Recorder();
        float[] straightImages;
        try (GanTrainer trainer = GanTrainer.start("straight", tiny(3), data, Device.cpu(), checkpoints)) {
            trainer.addListener(straight);
            trainer.train();
            straightImages = trainer.generate(trainer.fixedNoise(), 64);
        }

        // the same run, stopped during epoch 2
        Recorder first = new Recorder();
        try (GanTrainer trainer = GanTrainer.start("split", tiny(3), data, Device.cpu(), checkpoints)) {
            trainer.addListener(first);
            trainer.addListener(new TrainingListener() {
                @Override
                public void onStep(StepMetrics step) {
                    if (step.epoch() == 2 && step.step() == 3) {
                        trainer.requestStop();
                    }
                }
            });
            RunOutcome outcome = trainer.train();
            assertEquals(RunOutcome.Status.STOPPED, outcome.status());
            assertEquals(1, outcome.lastEpoch());
        }
        assertEquals(List.of(1), first.checkpoints.stream().map(Checkpoint::epoch).toList(), "no checkpoint of a partial epoch");

        Recorder second = new Recorder();
        Checkpoint newest = checkpoints.newest("split").orElseThrow();
        try (GanTrainer trainer = GanTrainer.resume(newest, data, Device.cpu(), checkpoints, 0)) {
            assertEquals(2, trainer.nextEpoch());
            assertEquals(8, trainer.globalStep());
            trainer.addListener(second);
            trainer.train();
            assertTrue(second.starts.get(0).resumed());
            assertEquals(List.of(2, 3), second.epochs.stream().map(EpochMetrics::epoch).toList());
            assertEquals(24, second.epochs.get(1).globalStep());
            // the noise schedule is a function of the epoch, so it continues where it left off
            assertEquals(straight.epochs.get(1).noiseStd(), second.epochs.get(0).noiseStd(), 1e-9);
            assertEquals(0.05, second.epochs.get(0).noiseStd(), 1e-9);
            // same data order, same noise, same optimiser state: the same losses as the straight run
            assertEquals(straight.epochs.get(2).genLoss(), second.epochs.get(1).genLoss(), 1e-3);
            assertEquals(straight.epochs.get(2).discLoss(), second.epochs.get(1).discLoss(), 1e-3);
            assertArrayEquals(straightImages, trainer.generate(trainer.fixedNoise(), 64), 1e-3f);
        }
    }

    @Test
    void aNonFiniteLossStopsTheRunAndKeepsTheLastGoodCheckpoint() throws IOException {
        CheckpointStore checkpoints = new LocalCheckpointStore(store);
        try (GanTrainer trainer = GanTrainer.start("nan", tiny(3), data, Device.cpu(), checkpoints)) {
            trainer.addListener(new TrainingListener() {
                @Override
                public void onCheckpoint(Checkpoint c) {
                    // poison the generator after epoch 1, as an exploding update would
                    Parameter p = trainer.generatorBlock().getParameters().valueAt(0);
                    p.getArray().muli(Float.NaN);
                }
            });
            NonFiniteLossException e = assertThrows(NonFiniteLossException.class, trainer::train);
            assertTrue(e.getMessage().contains("epoch 2, step 1"), e.getMessage());
            assertEquals(store.resolve("nan/epoch-0001"), e.lastGoodCheckpoint());
            assertTrue(e.getMessage().contains(e.lastGoodCheckpoint().toString()));
        }
        assertEquals(List.of(1), checkpoints.list("nan").stream().map(Checkpoint::epoch).toList());
        assertFalse(Files.exists(store.resolve("nan/epoch-0002")));
    }

    @Test
    void aNonFiniteLossBeforeAnyCheckpointSaysSo() {
        try (GanTrainer trainer = GanTrainer.start("nan0", tiny(1), data, Device.cpu(), null)) {
            trainer.discriminatorBlock().getParameters().valueAt(0).getArray().muli(Float.NaN);
            NonFiniteLossException e = assertThrows(NonFiniteLossException.class, trainer::train);
            assertNull(e.lastGoodCheckpoint());
            assertTrue(e.getMessage().contains("No checkpoint"), e.getMessage());
        }
    }

    @Test
    void sameSeedSameRunDifferentSeedDifferentRun() {
        float[] a;
        float[] b;
        float[] c;
        try (GanTrainer t = GanTrainer.start("s1", tiny(1), data, Device.cpu(), null)) {
            t.train();
            a = t.generate(t.fixedNoise(), 8);
        }
        try (GanTrainer t = GanTrainer.start("s2", tiny(1), data, Device.cpu(), null)) {
            t.train();
            b = t.generate(t.fixedNoise(), 8);
        }
        try (GanTrainer t = GanTrainer.start("s3", tiny(1).toBuilder().seed(99).build(), data, Device.cpu(), null)) {
            t.train();
            c = t.generate(t.fixedNoise(), 8);
        }
        assertArrayEquals(a, b, 1e-4f);
        assertNotEquals(Arrays.toString(a), Arrays.toString(c));
    }

    @Test
    void aTimeBudgetEndsTheRunAsCompletedAtTheLastEpochThatFitsWithItsFinalOutputs() throws IOException {
        CheckpointStore checkpoints = new LocalCheckpointStore(store);
        Recorder r = new Recorder();
        GanConfig config = tiny(50).toBuilder().sampleEvery(10).checkpointEvery(10).maxMinutes(1e-4).build(); // 6 ms
        try (GanTrainer trainer = GanTrainer.start("budget", config, data, Device.cpu(), checkpoints)) {
            trainer.addListener(r);
            RunOutcome outcome = trainer.train();
            assertEquals(RunOutcome.Status.COMPLETED, outcome.status());
            assertEquals(1, outcome.lastEpoch());
        }
        assertEquals(List.of(1), r.epochs.stream().map(EpochMetrics::epoch).toList());
        assertEquals(List.of(1), r.samples.stream().map(SampleGrid::epoch).toList(), "the last epoch's grid");
        assertEquals(List.of(1), r.checkpoints.stream().map(Checkpoint::epoch).toList(), "and its checkpoint");
        Double trained = Checkpoint.open(r.checkpoints.get(0).dir()).manifest().trainingSeconds();
        assertTrue(trained != null && trained > 0, "training time kept for resumes: " + trained);
    }
}
