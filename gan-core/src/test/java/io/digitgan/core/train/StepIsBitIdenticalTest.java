package io.digitgan.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import io.digitgan.core.checkpoint.LocalCheckpointStore;
import io.digitgan.core.checkpoint.Sha256;
import io.digitgan.core.config.GanConfig;
import io.digitgan.core.data.MnistDataset;
import io.digitgan.core.engine.DjlEngine;
import io.digitgan.core.model.ModelConfig;
import io.digitgan.core.testing.SyntheticDigits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fixed seed gives the same run to the bit: every step's losses and D's verdicts, and every file of
 * every checkpoint (both models, both optimisers' states, the averaged generator), with and without
 * the step profile's phase hooks, which name the step's phases in the order the profile prints them.
 * (The step's split into a generator and a discriminator update was checked the same way against
 * the code before it: docs/BENCHMARKS.md, "Where a step's time goes".)
 */
class StepIsBitIdenticalTest {

    static MnistDataset data;

    @TempDir
    Path root;

    @BeforeAll
    static void setUp() {
        DjlEngine.start(2);
        data = SyntheticDigits.create(256, 1);
    }

    /** A conditional model with an averaged generator and instance noise: every branch of the step. */
    static GanConfig config() {
        return GanConfig.original().toBuilder().model(ModelConfig.original(0.25)).conditional(io.digitgan.core.model.Conditioning.PROJECTION)
                .epochs(2).batchSize(32).seed(5).emaDecay(0.99).build();
    }

    record Run(List<String> steps, Map<String, String> files) {}

    /** Phase names as the trainer ends them, in order. */
    static final class Phases implements StepPhases {
        final List<String> ended = new ArrayList<>();
        int steps;

        @Override
        public void startStep() {
            steps++;
        }

        @Override
        public void phaseEnded(String name) {
            if (steps == 1) {
                ended.add(name);
            }
        }
    }

    Run train(String name, StepPhases phases) throws IOException {
        Path store = Files.createDirectories(root.resolve(name));
        List<String> steps = new ArrayList<>();
        try (GanTrainer trainer = GanTrainer.start("golden", config(), data, Device.cpu(), new LocalCheckpointStore(store))) {
            trainer.timePhases(phases);
            trainer.addListener(new TrainingListener() {
                @Override
                public void onStep(StepMetrics s) {
                    steps.add(s.genLoss() + " " + s.discLoss() + " " + s.dReal() + " " + s.dFake());
                }
            });
            trainer.train();
        }
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(store.resolve("golden"))) {
            for (Path f : all.filter(p -> p.toString().endsWith(".params") || p.toString().endsWith(".bin")).toList()) {
                files.put(store.relativize(f).toString(), Sha256.of(Files.readAllBytes(f)));
            }
        }
        return new Run(steps, files);
    }

    @Test
    void theSameSeedTrainsTheSameBitsWithOrWithoutPhaseHooks() throws IOException {
        Run plain = train("plain", StepPhases.NONE);
        Phases phases = new Phases();
        Run timed = train("timed", phases);

        assertEquals(16, plain.steps().size(), "8 steps of 32 images in each of 2 epochs");
        assertEquals(plain.steps(), timed.steps(), "every step's losses, D(x) and D(G(z)), exactly");
        assertEquals(10, plain.files().size(), "5 files per checkpoint: " + plain.files().keySet());
        assertEquals(plain.files(), timed.files(), "every checkpoint file, byte for byte");
        assertEquals(List.of("data: real batch to the engine", "noise: latents", "G forward", "D forward on G(z) (frozen D)",
                "G loss", "G backward (through D)", "read G loss, freeze/unfreeze D", "D forward on real",
                "D forward on detached G(z)", "D loss", "D backward", "read D loss, D(x), D(G(z))", "G optimiser (Adam)",
                "D optimiser (Adam)", "free the step's arrays", "averaged generator (EMA)", "listeners (progress, events)"),
                phases.ended, "the profile's rows, in its order");
    }
}
