package io.digitgan.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import io.digitgan.core.checkpoint.Checkpoint;
import io.digitgan.core.checkpoint.CheckpointStore;
import io.digitgan.core.checkpoint.LocalCheckpointStore;
import io.digitgan.core.quality.QualityMeter;
import io.digitgan.core.quality.TestEvaluator;
import io.digitgan.core.testing.SyntheticDigits;
import io.digitgan.events.Quality;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trainer measures its generator with the real evaluator on the schedule, into metrics and manifests. */
class QualityDuringTrainingTest {

    @TempDir
    Path root;

    @Test
    void measuresOnScheduleAndWritesTheFiguresIntoTheCheckpoints() throws IOException {
        QualityMeter meter = TestEvaluator.meter();
        CheckpointStore store = new LocalCheckpointStore(root);
        List<EpochMetrics> epochs = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        try (GanTrainer trainer = GanTrainer.start("run-q", GanTrainerTest.tiny(3), SyntheticDigits.create(128, 2),
                Device.cpu(), store)) {
            trainer.measureQuality((g, latent, count, seed) -> {
                counts.add(count);
                return meter.measure(g, latent, count, seed);
            }, new QualitySchedule(2, 200, 300));
            trainer.addListener(new TrainingListener() {
                @Override
                public void onEpoch(EpochMetrics epoch) {
                    epochs.add(epoch);
                }
            });
            trainer.train();
        }
        assertEquals(List.of(200, 300), counts); // after epoch 2, and after the last with the final count
        assertNull(epochs.get(0).quality());
        Quality second = epochs.get(1).quality();
        Quality last = epochs.get(2).quality();
        assertNotNull(second);
        assertEquals(300, last.samples());
        assertEquals(second.fid(), second.trackingFid(), "measured on the run's count: the same figure");
        assertNotNull(last.trackingFid(), "the last epoch's FID on its first 200 samples, for ranking");
        assertTrue(last.fid() > meter.floor().fid(), "an untrained generator is worse than real digits: " + last.fid());
        assertTrue(last.mnistScore() >= 1 && last.mnistScore() <= 10);
        assertEquals(meter.floor(300), last.floor());
        assertTrue(last.seconds() > 0);

        assertNull(Checkpoint.open(store.list("run-q").get(0).dir()).manifest().quality());
        assertEquals(second, Checkpoint.open(store.list("run-q").get(1).dir()).manifest().quality());
        assertEquals(last.fid(), store.list("run-q").get(2).manifest().quality().fid());
        int best = second.fid() <= last.trackingFid() ? 2 : 3;
        assertEquals(best, store.best("run-q").orElseThrow().epoch());
    }

    @Test
    void aFailingMeasurementLeavesTheRunGoing() throws IOException {
        CheckpointStore store = new LocalCheckpointStore(root);
        try (GanTrainer trainer = GanTrainer.start("run-f", GanTrainerTest.tiny(2), SyntheticDigits.create(64, 3),
                Device.cpu(), store)) {
            trainer.measureQuality((g, latent, count, seed) -> {
                throw new IOException("evaluator unavailable");
            }, new QualitySchedule(1, 10, 10));
            assertEquals(RunOutcome.Status.COMPLETED, trainer.train().status());
        }
        assertEquals(2, store.list("run-f").size());
        assertNull(store.list("run-f").get(1).manifest().quality());
    }
}
