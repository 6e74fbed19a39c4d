package io.digitgan.generator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.digitgan.core.checkpoint.Checkpoint;
import io.digitgan.core.checkpoint.CheckpointStore;
import io.digitgan.core.checkpoint.LocalCheckpointStore;
import io.digitgan.generator.model.LoadedModel;
import io.digitgan.generator.model.ModelLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code digitgan.generator.weights}: which generator of a checkpoint the loader serves. */
class ModelLoaderWeightsTest {

    static GeneratorSettings settings(GeneratorSettings.Weights weights) {
        return new GeneratorSettings() {
            @Override
            public Generator generator() {
                return new Generator() {
                    public Optional<String> apiToken() { return Optional.empty(); }
                    public Optional<String> pin() { return Optional.empty(); }
                    public int predictors() { return 1; }
                    public int intraOpThreads() { return 1; }
                    public int maxQueued() { return 4; }
                    public java.time.Duration queueTimeout() { return java.time.Duration.ofSeconds(10); }
                    public java.time.Duration brokerWait() { return java.time.Duration.ofSeconds(10); }
                    public int maxCount() { return 256; }
                    public int maxScale() { return 8; }
                    public int maxSteps() { return 32; }
                    public Weights weights() { return weights; }
                    public int retryAfterSeconds() { return 5; }
                    public Promotion promotion() {
                        return new Promotion() {
                            public Policy policy() { return Policy.NEWEST; }
                            public double fidMargin() { return 0.1; }
                            public double accuracyMargin() { return 0.005; }
                        };
                    }
                    public Rejection rejection() {
                        return new Rejection() {
                            public int maxTries() { return 4096; }
                            public double minConfidence() { return 0.9; }
                        };
                    }
                    public Batching batching() {
                        return new Batching() {
                            public int maxBatch() { return 64; }
                            public java.time.Duration maxDelay() { return java.time.Duration.ofMillis(2); }
                            public int rowMultiple() { return 4; }
                        };
                    }
                };
            }
        };
    }

    @Test
    void emaServesTheAverageRawTheTrainedOneAndACheckpointWithoutAnAverageServesRaw() throws Exception {
        Path root = TestCheckpoints.store("weights");
        Checkpoint averaged = TestCheckpoints.trainAveraged("weights", "w-ema", 1).get(0);
        Checkpoint plain = TestCheckpoints.train("weights", "w-raw", 1).get(0);
        String averagedPath = new LocalCheckpointStore(root).relative(averaged);
        float[] noise = new float[2 * 100];
        Arrays.fill(noise, 0.5f);

        LoadedModel ema = new ModelLoader(settings(GeneratorSettings.Weights.EMA), new LocalCheckpointStore(root), io.opentelemetry.api.trace.TracerProvider.noop().get("test")).load(averagedPath, null);
        LoadedModel raw = new ModelLoader(settings(GeneratorSettings.Weights.RAW), new LocalCheckpointStore(root), io.opentelemetry.api.trace.TracerProvider.noop().get("test")).load(averagedPath, null);
        assertTrue(ema.averaged());
        assertEquals("ema", ema.weights());
        assertEquals(averaged.averagedGeneratorSha256(), ema.servedSha256());
        assertFalse(raw.averaged());
        assertEquals(averaged.generatorSha256(), raw.servedSha256());
        assertEquals(ema.sha256(), raw.sha256(), "both identify the checkpoint by its raw generator");
        assertFalse(Arrays.equals(ema.generate(noise, 2), raw.generate(noise, 2)), "two different generators");

        LoadedModel fallback = new ModelLoader(settings(GeneratorSettings.Weights.EMA), new LocalCheckpointStore(root), io.opentelemetry.api.trace.TracerProvider.noop().get("test"))
                .load(new LocalCheckpointStore(root).relative(plain), null);
        assertFalse(fallback.averaged(), "no average in the checkpoint: the raw generator");
        assertEquals("raw", fallback.weights());
        for (LoadedModel m : List.of(ema, raw, fallback)) {
            assertArrayEquals(m.generate(noise, 2), m.generate(noise, 2));
        }
    }
}
