package io.digitgan.core.model;

import static io.digitgan.core.testing.Reference.maxAbsDiff;
import static io.digitgan.core.testing.Reference.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.digitgan.core.engine.DjlEngine;
import io.digitgan.core.testing.Reference;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TransposedConv2dTest {

    private static final float TOLERANCE = 1e-4f;

    @BeforeAll
    static void engine() {
        DjlEngine.start(2);
    }

    /** Forward, input gradient and kernel gradient against the scatter-add definition. */
    @ParameterizedTest(name = "in={0} out={1} size={2} stride={3}")
    @CsvSource({"3, 2, 4, 1", "3, 2, 4, 2", "5, 1, 7, 2", "4, 5, 3, 2", "2, 16, 5, 1", "16, 4, 6, 2"})
    void matchesTheDefinition(int cin, int cout, int size, int stride) {
        int n = 2;
        int k = 5;
        int pad = 2; // PyTorch's "same" for k5: ceil((k - s) / 2) = 2 at stride 1 and 2
        Random random = new Random(cin * 1000L + cout * 100L + size * 10L + stride);
        float[] x = random(random, n * cin * size * size);
        float[] g = random(random, n * cout * size * stride * size * stride);
        try (NDManager manager = NDManager.newBaseManager()) {
            TransposedConv2d block = new TransposedConv2d(cout, k, stride);
            block.initialize(manager, DataType.FLOAT32, new Shape(n, cin, size, size));
            Parameter kernelParam = block.getParameters().get("weight");
            assertEquals(new Shape(cin, cout, k, k), kernelParam.getArray().getShape());
            float[] kernel = kernelParam.getArray().toFloatArray();
            float[] expected = Reference.transposedConv(x, n, cin, size, size, kernel, cout, k, stride, pad);

            ParameterStore store = new ParameterStore(manager, false);
            NDArray input = manager.create(x, new Shape(n, cin, size, size));
            input.setRequiresGradient(true);
            NDArray upstream = manager.create(g, new Shape(n, cout, size * stride, size * stride));
            float[] actual;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray y = block.forward(store, new NDList(input), true).singletonOrThrow();
                assertEquals(new Shape(n, cout, size * stride, size * stride), y.getShape());
                actual = y.toFloatArray();
                collector.backward(y.mul(upstream).sum());
            }
            assertTrue(maxAbsDiff(expected, actual) < TOLERANCE, "forward differs by " + maxAbsDiff(expected, actual));

            float[] dx = Reference.transposedConvInputGrad(g, n, cin, size, size, kernel, cout, k, stride, pad);
            float[] dxActual = input.getGradient().toFloatArray();
            assertTrue(maxAbsDiff(dx, dxActual) < TOLERANCE, "input gradient differs by " + maxAbsDiff(dx, dxActual));

            float[] dk = Reference.transposedConvKernelGrad(x, g, n, cin, size, size, cout, k, stride, pad);
            float[] dkActual = kernelParam.getArray().getGradient().toFloatArray();
            assertTrue(maxAbsDiff(dk, dkActual) < TOLERANCE * 10, "kernel gradient differs by " + maxAbsDiff(dk, dkActual));
        }
    }

    @org.junit.jupiter.api.Test
    void strideOneIsTheFlippedKernel() {
        assertArrayEquals(new int[] {4, 3, 2, 1, 0}, taps(PhaseLayout.same(5, 1), 0));
    }

    @org.junit.jupiter.api.Test
    void strideTwoSplitsTheKernelIntoTwoPhases() {
        PhaseLayout layout = PhaseLayout.same(5, 2);
        assertEquals(2, layout.padBefore);
        assertArrayEquals(new int[] {4, 2, 0}, taps(layout, 0)); // even outputs: 3 taps
        assertArrayEquals(new int[] {-1, 3, 1}, taps(layout, 1)); // odd outputs: 2 taps
    }

    private static int[] taps(PhaseLayout layout, int phase) {
        int[] taps = new int[layout.taps()];
        for (int t = 0; t < taps.length; t++) {
            taps[t] = layout.kernelIndex(phase, t);
        }
        return taps;
    }
}
