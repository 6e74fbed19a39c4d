package io.digitgan.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import io.digitgan.core.engine.DjlEngine;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine fact the generator-service's batcher rests on: in a forward pass whose batch is a
 * multiple of 4 rows, a latent's image is bit-identical whatever its position and its company;
 * a batch of one takes another kernel (it differs by about 1e-7, which can flip a PNG byte).
 */
class BatchInvarianceTest {

    private static final int PIXELS = ModelConfig.IMAGE_SIZE * ModelConfig.IMAGE_SIZE;

    @BeforeAll
    static void engine() {
        DjlEngine.start(2);
    }

    @Test
    void aLatentGivesTheSameBitsInEveryBatchOfAMultipleOfFourRows() {
        try (NDManager manager = NDManager.newBaseManager()) {
            SequentialBlock g = DcganModels.generator(ModelConfig.original(0.5));
            g.initialize(manager, DataType.FLOAT32, new Shape(4, 100));
            BlockGenerator generator = new BlockGenerator(g, manager, 100);
            Random random = new Random(7);
            float[] latent = gaussians(random, 100);
            float[] reference = Arrays.copyOf(generator.generate(padded(latent, 0, 4, random), 4), PIXELS);
            int checked = 0;
            for (int rows = 4; rows <= 68; rows += 4) {
                for (int position : new int[] {0, rows / 2, rows - 1}) {
                    float[] out = generator.generate(padded(latent, position, rows, random), rows);
                    assertArrayEquals(reference, Arrays.copyOfRange(out, position * PIXELS, (position + 1) * PIXELS),
                            "the latent at row " + position + " of " + rows);
                    checked++;
                }
            }
            float[] alone = generator.generate(latent, 1);
            System.out.printf("batch invariance: %d batches of 4..68 rows agree bit for bit; a batch of one %s%n",
                    checked, Arrays.equals(alone, reference) ? "agrees too" : "differs (another kernel)");
            assertTrue(checked > 40);
        }
    }

    /** {@code rows} random latents with {@code latent} at {@code position}. */
    private static float[] padded(float[] latent, int position, int rows, Random random) {
        float[] all = gaussians(random, rows * latent.length);
        System.arraycopy(latent, 0, all, position * latent.length, latent.length);
        return all;
    }

    private static float[] gaussians(Random random, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }
}
