package io.digitgan.core.quality;

import ai.djl.Device;
import io.digitgan.core.engine.DjlEngine;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The evaluator the tests share: the artifact shipped in gan-core, installed into
 * {@code target/evaluator} by the first test that needs it, as a user's first run installs it.
 */
public final class TestEvaluator {

    private static QualityMeter meter;

    private TestEvaluator() {}

    public static Path mnistDir() {
        return Path.of(System.getProperty("test.mnist.dir", "../data/mnist"));
    }

    public static EvaluatorStore store() {
        return new EvaluatorStore(Path.of(System.getProperty("test.evaluator.dir", "target/evaluator")));
    }

    public static synchronized QualityMeter meter() throws IOException {
        if (meter == null) {
            DjlEngine.start(2);
            meter = store().loadOrTrain(mnistDir(), Device.cpu(), EvaluatorTrainer.Options.standard());
        }
        return meter;
    }
}
