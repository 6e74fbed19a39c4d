package io.digitgan.core.model;

import static io.digitgan.core.testing.Reference.maxAbsDiff;
import static io.digitgan.core.testing.Reference.random;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.digitgan.core.engine.DjlEngine;
import io.digitgan.core.testing.Reference;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The input gradient of a convolution, repeated many times: libtorch 2.7.1's oneDNN gets it
 * wrong for output channel counts that are not a multiple of 16 (16→4 was wrong in 187 of 200
 * calls), so this is the test that catches that class of bug.
 */
class SafeConvolutionTest {

    @BeforeAll
    static void engine() {
        DjlEngine.start(2);
    }

    @ParameterizedTest(name = "{0}→{1} channels, stride {2}")
    @CsvSource({"16, 4, 1", "16, 1, 2", "1, 20, 2", "16, 16, 2", "8, 3, 1"})
    void inputGradientIsRightEveryTime(int cin, int cout, int stride) {
        int n = 16;
        int size = 14;
        int k = 5;
        int pad = 2;
        int outSize = (size + 2 * pad - k) / stride + 1;
        Random random = new Random(cin * 31L + cout);
        float[] x = random(random, n * cin * size * size);
        float[] w = random(random, cout * cin * k * k);
        float[] g = random(random, n * cout * outSize * outSize);
        float[] expected = Reference.convInputGrad(g, n, cin, size, size, w, cout, k, stride, pad);
        for (int call = 0; call < 30; call++) {
            try (NDManager manager = NDManager.newBaseManager()) {
                NDArray input = manager.create(x, new Shape(n, cin, size, size));
                input.setRequiresGradient(true);
                NDArray weight = manager.create(w, new Shape(cout, cin, k, k));
                weight.setRequiresGradient(true);
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray y = SafeConvolution.conv2d(
                            input, weight, null, new Shape(stride, stride), new Shape(pad, pad));
                    assertEquals(new Shape(n, cout, outSize, outSize), y.getShape());
                    collector.backward(y.mul(manager.create(g, y.getShape())).sum());
                }
                float diff = maxAbsDiff(expected, input.getGradient().toFloatArray());
                assertTrue(diff < 1e-3f, "call " + call + ": input gradient differs by " + diff);
            }
        }
    }

    @Test
    void roundsChannelsUpToSixteen() {
        assertEquals(16, SafeConvolution.roundUp(1));
        assertEquals(16, SafeConvolution.roundUp(16));
        assertEquals(32, SafeConvolution.roundUp(17));
    }
}
