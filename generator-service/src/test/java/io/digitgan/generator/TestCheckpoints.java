package io.digitgan.generator;

import ai.djl.Device;
import io.digitgan.core.checkpoint.Checkpoint;
import io.digitgan.core.checkpoint.CheckpointStore;
import io.digitgan.core.checkpoint.LocalCheckpointStore;
import io.digitgan.core.config.GanConfig;
import io.digitgan.core.data.MnistDataset;
import io.digitgan.core.engine.DjlEngine;
import io.digitgan.core.model.ModelConfig;
import io.digitgan.core.quality.EvaluatorStore;
import io.digitgan.core.quality.EvaluatorTrainer;
import io.digitgan.core.quality.QualityMeter;
import io.digitgan.core.train.GanTrainer;
import io.digitgan.core.train.QualitySchedule;
import io.digitgan.events.CheckpointEvent;
import io.digitgan.events.EventJson;
import io.digitgan.events.Topics;
import io.digitgan.kafka.QuarkusKafkaResource;
import io.digitgan.testing.TestKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Random;

/**
 * Real checkpoints for the generator's tests: tiny generators trained for a few steps with
 * gan-core on random images, written to one store shared by the test JVM, announced on Kafka.
 */
public final class TestCheckpoints {

    /** The store of GeneratorServiceTest. */
    public static final String SERVICE = "service";
    /** The store of GeneratorReplayTest: its own, so neither test class can serve the other's checkpoints. */
    public static final String REPLAY = "replay";

    private static final java.util.Map<String, Path> STORES = new java.util.concurrent.ConcurrentHashMap<>();

    private TestCheckpoints() {}

    public static Path store(String name) {
        return STORES.computeIfAbsent(name, n -> {
            try {
                return Files.createTempDirectory("generator-store-" + n);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Trains {@code epochs} tiny epochs of run {@code runId}; returns the checkpoints, oldest first. */
    public static java.util.List<Checkpoint> train(String storeName, String runId, int epochs) {
        return train(storeName, runId, epochs, null, 0);
    }

    /** As {@link #train(String, String, int)}, keeping an averaged generator beside the trained one. */
    public static java.util.List<Checkpoint> trainAveraged(String storeName, String runId, int epochs) {
        return train(storeName, runId, epochs, null, 0.999);
    }

    /**
     * As {@link #train(String, String, int)}, measuring every epoch on 200 samples with the
     * project's real evaluator ({@code data/evaluator}, trained there first if missing).
     */
    public static java.util.List<Checkpoint> trainMeasured(String storeName, String runId, int epochs) {
        DjlEngine.start(2);
        Path evaluatorDir = Path.of(System.getProperty("test.evaluator.dir", "../data/evaluator"));
        Path mnist = Path.of(System.getProperty("test.mnist.dir", "../data/mnist"));
        try (QualityMeter meter = new EvaluatorStore(evaluatorDir).loadOrTrain(mnist, Device.cpu(),
                EvaluatorTrainer.Options.standard())) {
            return train(storeName, runId, epochs, meter, 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** As {@link #train(String, String, int)}, a conditional model (projection) of the ten digits. */
    public static java.util.List<Checkpoint> trainConditional(String storeName, String runId, int epochs) {
        return train(storeName, runId, epochs, null, 0, true, io.digitgan.core.data.Dataset.MNIST);
    }

    /**
     * As {@link #trainConditional(String, String, int)}, its config naming {@code dataset}: what
     * the generator reads a model's classes and evaluator from (the pixels stay random).
     */
    public static java.util.List<Checkpoint> trainConditional(String storeName, String runId, int epochs,
            io.digitgan.core.data.Dataset dataset) {
        return train(storeName, runId, epochs, null, 0, true, dataset);
    }

    private static java.util.List<Checkpoint> train(String storeName, String runId, int epochs, QualityMeter meter,
            double emaDecay) {
        return train(storeName, runId, epochs, meter, emaDecay, false, io.digitgan.core.data.Dataset.MNIST);
    }

    private static java.util.List<Checkpoint> train(String storeName, String runId, int epochs, QualityMeter meter,
            double emaDecay, boolean conditional, io.digitgan.core.data.Dataset dataset) {
        DjlEngine.start(2);
        Random random = new Random(runId.hashCode());
        byte[] images = new byte[64 * 784];
        random.nextBytes(images);
        MnistDataset data = new MnistDataset(images, new byte[64], 64, 28, 28);
        GanConfig config = GanConfig.original().toBuilder().model(ModelConfig.original(0.25)).epochs(epochs)
                .batchSize(32).seed(runId.hashCode()).emaDecay(emaDecay).dataset(dataset).build();
        if (conditional) {
            config = config.toBuilder().conditional(io.digitgan.core.model.Conditioning.PROJECTION).build();
        }
        CheckpointStore checkpoints = new LocalCheckpointStore(store(storeName));
        try (GanTrainer trainer = GanTrainer.start(runId, config, data, Device.cpu(), checkpoints)) {
            if (meter != null) {
                trainer.measureQuality(meter, new QualitySchedule(1, 200, 200));
            }
            trainer.train();
            return checkpoints.list(runId);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static CheckpointEvent event(Checkpoint c) {
        Path root = c.dir().getParent().getParent();
        var m = c.manifest().config().model();
        return new CheckpointEvent(1, CheckpointEvent.TYPE, c.runId(), c.epoch(),
                new LocalCheckpointStore(root).relative(c), c.generatorSha256(), c.sizeBytes(),
                new CheckpointEvent.ModelInfo(m.architecture(), m.width(), m.latentSize(), m.conditional(), c.manifest().classes(),
                        c.manifest().config().dataset().id()),
                c.manifest().quality(), null,
                Instant.now(), c.hasAveragedGenerator() ? c.averagedGeneratorSha256() : null, c.manifest().emaQuality());
    }

    /** Announces on the real broker's {@code gan.checkpoints}, as the trainer would. */
    public static void announce(CheckpointEvent event) {
        TestKafka.send(QuarkusKafkaResource.broker().bootstrapServers(), Topics.CHECKPOINTS, event.runId(),
                EventJson.toJson(event));
    }
}
