package io.digitgan.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.digitgan.core.engine.DjlEngine;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The discriminator's dropout: DJL's function, its checkpoint bytes, a seeded mask. */
class MaskedDropoutTest {

    private static final Shape SHAPE = new Shape(64, 16, 14, 14);

    @BeforeAll
    static void engine() {
        DjlEngine.start(2);
    }

    @Test
    void dropsTheRateAndScalesTheRestSoTheMeanStays() {
        MaskedDropout dropout = new MaskedDropout(0.2);
        assertEquals(0.2, dropout.rate(), 1e-5);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray ones = manager.ones(SHAPE);
            float[] out = forward(dropout, ones, true, manager).toFloatArray();
            long zeros = 0;
            double sum = 0;
            for (float v : out) {
                if (v == 0f) {
                    zeros++;
                } else {
                    assertEquals(1 / (1 - dropout.rate()), v, 1e-6, "a kept value is the input × 1/(1 − p)");
                }
                sum += v;
            }
            double dropped = (double) zeros / out.length;
            // 200,704 draws: the share's standard deviation is 0.0009
            assertEquals(0.2, dropped, 0.005, "share dropped");
            assertEquals(1.0, sum / out.length, 0.01, "mean of the output");
        }
    }

    @Test
    void isTheIdentityOutsideTraining() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.randomNormal(SHAPE);
            assertArrayEquals(x.toFloatArray(), forward(new MaskedDropout(0.5), x, false, manager).toFloatArray());
        }
    }

    @Test
    void theSameSeedDropsTheSameUnitsAndAnotherOthers() {
        MaskedDropout dropout = new MaskedDropout(0.3);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray ones = manager.ones(SHAPE);
            dropout.reseed(7);
            float[] first = forward(dropout, ones, true, manager).toFloatArray();
            float[] next = forward(dropout, ones, true, manager).toFloatArray();
            dropout.reseed(7);
            assertArrayEquals(first, forward(dropout, ones, true, manager).toFloatArray());
            assertFalse(java.util.Arrays.equals(first, next), "the next call draws a new mask");
        }
    }

    @Test
    void theGradientIsTheMaskTimesTheScale() {
        MaskedDropout dropout = new MaskedDropout(0.25);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.randomNormal(new Shape(8, 4, 7, 7));
            x.setRequiresGradient(true);
            float[] y;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray out = forward(dropout, x, true, manager);
                y = out.toFloatArray();
                collector.backward(out.sum());
            }
            float[] grad = x.getGradient().toFloatArray();
            float[] in = x.toFloatArray();
            for (int i = 0; i < y.length; i++) {
                float expected = y[i] == 0f ? 0f : (float) (1 / (1 - dropout.rate()));
                assertEquals(expected, grad[i], 1e-6, "gradient " + i);
                assertEquals(in[i] * expected, y[i], 1e-5);
            }
        }
    }

    @Test
    void eachCallKeepsItsOwnMaskUntilTheBackwardPass() {
        // as in a training step: the same layer runs three times before one backward pass
        MaskedDropout dropout = new MaskedDropout(0.5);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.ones(new Shape(4, 8, 7, 7));
            x.setRequiresGradient(true);
            float[][] outs = new float[3][];
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray total = null;
                for (int call = 0; call < 3; call++) {
                    NDArray out = forward(dropout, x, true, manager);
                    outs[call] = out.toFloatArray();
                    total = total == null ? out.sum() : total.add(out.sum());
                }
                collector.backward(total);
            }
            float[] grad = x.getGradient().toFloatArray();
            for (int i = 0; i < grad.length; i++) {
                float expected = outs[0][i] + outs[1][i] + outs[2][i]; // x is 1: each kept value is the scale
                assertEquals(expected, grad[i], 1e-6, "gradient " + i);
            }
        }
    }

    @Test
    void aCheckpointOfEitherBlockLoadsIntoTheOther() throws Exception {
        Block djl = Dropout.builder().optRate(0.2f).build();
        Block ours = new MaskedDropout(0.2);
        try (NDManager manager = NDManager.newBaseManager()) {
            for (Block b : new Block[] {djl, ours}) {
                b.initialize(manager, DataType.FLOAT32, SHAPE);
            }
            byte[] fromDjl = save(djl);
            byte[] fromOurs = save(ours);
            assertArrayEquals(fromDjl, fromOurs);
            ours.loadParameters(manager, new DataInputStream(new ByteArrayInputStream(fromDjl)));
            djl.loadParameters(manager, new DataInputStream(new ByteArrayInputStream(fromOurs)));
        }
    }

    @Test
    void refusesARateOutsideZeroToOne() {
        assertThrows(IllegalArgumentException.class, () -> new MaskedDropout(1.0));
        assertThrows(IllegalArgumentException.class, () -> new MaskedDropout(-0.1));
        assertTrue(new MaskedDropout(0).rate() == 0);
    }

    private static NDArray forward(Block block, NDArray x, boolean training, NDManager manager) {
        return block.forward(new ParameterStore(manager, false), new NDList(x), training).singletonOrThrow();
    }

    private static byte[] save(Block block) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        block.saveParameters(new DataOutputStream(bytes));
        return bytes.toByteArray();
    }
}
