package io.digitgan.dashboard;

import io.digitgan.events.CheckpointEvent;
import io.digitgan.events.GanEvent;
import io.digitgan.events.MetricsEvent;
import io.digitgan.events.RunEvent;
import io.digitgan.events.SampleEvent;
import io.digitgan.kafka.QuarkusKafkaResource;
import io.digitgan.testing.TestKafka;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import javax.imageio.ImageIO;

/** Produces training events to the real test broker, as the trainer would. */
final class Events {

    private Events() {}

    static void send(GanEvent event) {
        TestKafka.send(QuarkusKafkaResource.broker().bootstrapServers(), event);
    }

    static void sendRaw(String topic, String key, String json) {
        TestKafka.send(QuarkusKafkaResource.broker().bootstrapServers(), topic, key, json);
    }

    static RunEvent started(String runId, int epochs) {
        return started(runId, epochs, 0.25);
    }

    static RunEvent started(String runId, int epochs, double width) {
        return RunEvent.started(runId, Map.of("epochs", epochs, "batchSize", 128, "seed", 1,
                "model", Map.of("width", width)), "cpu()", 0);
    }

    /** A conditional Fashion-MNIST run's start, its config as the trainer sends it. */
    static RunEvent startedFashion(String runId, int epochs) {
        return RunEvent.started(runId, Map.of("epochs", epochs, "batchSize", 32, "seed", 1, "dataset", "fashion-mnist",
                "model", Map.of("width", 0.5, "classes", 10, "conditioning", "projection")), "cpu()", 0);
    }

    /** A checkpoint of a conditional Fashion-MNIST model, naming its classes as the trainer does. */
    static CheckpointEvent fashionCheckpoint(String runId, int epoch) {
        return new CheckpointEvent(1, CheckpointEvent.TYPE, runId, epoch, runId + "/epoch-000" + epoch, "ab".repeat(32),
                1000, new CheckpointEvent.ModelInfo("dcgan", 0.5, 100, true, java.util.List.of("T-shirt/top", "Trouser",
                        "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"), "fashion-mnist"),
                null, null, Instant.now());
    }

    static MetricsEvent progress(String runId, int epoch, long step, double genLoss) {
        return MetricsEvent.training("PROGRESS", runId, epoch, step, genLoss, 1.3, 0.6, 0.4, 0.1, 700, null, null);
    }

    static MetricsEvent epoch(String runId, int epoch, long step, double genLoss) {
        return MetricsEvent.training("EPOCH", runId, epoch, step, genLoss, 1.3, 0.6, 0.4, 0.1, 700, 12.5, null);
    }

    /** An EPOCH event with quality figures: {@code lowDigit} drawn at 2 %, the others sharing the rest. */
    static MetricsEvent measuredEpoch(String runId, int epoch, long step, double fid, double score, int lowDigit) {
        java.util.Map<String, Double> shares = new java.util.LinkedHashMap<>();
        for (int d = 0; d <= 9; d++) {
            shares.put(Integer.toString(d), d == lowDigit ? 0.02 : 0.98 / 9);
        }
        var quality = new io.digitgan.events.Quality(fid, score, shares, 9, 2000, 1.8, "lenet-v1",
                new io.digitgan.events.Quality.Floor(1.65, 9.81, 10), fid);
        return MetricsEvent.training("EPOCH", runId, epoch, step, 0.9, 1.3, 0.6, 0.4, 0.1, 700, 12.5, quality);
    }

    /** An EPOCH event of a run that keeps an averaged generator: raw and averaged figures. */
    static MetricsEvent averagedEpoch(String runId, int epoch, long step, double rawFid, double emaFid) {
        MetricsEvent raw = measuredEpoch(runId, epoch, step, rawFid, 7.0, 9);
        MetricsEvent ema = measuredEpoch(runId, epoch, step, emaFid, 8.5, 3);
        return MetricsEvent.training("EPOCH", runId, epoch, step, 0.9, 1.3, 0.6, 0.4, 0.1, 700, 12.5, raw.quality(),
                ema.quality());
    }

    /** A checkpoint with both generators measured. */
    static CheckpointEvent averagedCheckpoint(String runId, int epoch, double rawFid, double emaFid) {
        return new CheckpointEvent(1, CheckpointEvent.TYPE, runId, epoch, runId + "/epoch-000" + epoch, "cd".repeat(32),
                1000, new CheckpointEvent.ModelInfo("dcgan", 0.25, 100),
                new io.digitgan.events.Quality(rawFid, 7.0, null),
                new CheckpointEvent.Best(epoch, runId + "/epoch-000" + epoch, emaFid), Instant.now(), "ef".repeat(32),
                new io.digitgan.events.Quality(emaFid, 8.5, null));
    }

    /** A sample grid of one grey level, so tests can tell epochs apart by their pixels. */
    static SampleEvent sample(String runId, int epoch, int grey) {
        BufferedImage image = new BufferedImage(30, 30, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 30; y++) {
            for (int x = 0; x < 30; x++) {
                image.getRaster().setSample(x, y, 0, grey);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return SampleEvent.of(runId, epoch, out.toByteArray());
    }

    /** A measured checkpoint; {@code bestEpoch} is the run's best so far, as the trainer announces it. */
    static CheckpointEvent measuredCheckpoint(String runId, int epoch, double fid, int bestEpoch, double bestFid) {
        return new CheckpointEvent(1, CheckpointEvent.TYPE, runId, epoch, runId + "/epoch-000" + epoch, "cd".repeat(32),
                1000, new CheckpointEvent.ModelInfo("dcgan", 0.25, 100),
                new io.digitgan.events.Quality(fid, 7.0, null),
                new CheckpointEvent.Best(bestEpoch, runId + "/epoch-000" + bestEpoch, bestFid), Instant.now());
    }

    static CheckpointEvent checkpoint(String runId, int epoch) {
        return new CheckpointEvent(1, CheckpointEvent.TYPE, runId, epoch, runId + "/epoch-000" + epoch, "ab".repeat(32),
                1000, new CheckpointEvent.ModelInfo("dcgan", 0.25, 100), null, null, Instant.now());
    }
}
