package io.digitgan.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BatchSamplerTest {

    /** 10 images of 2×2; image i has all pixels = 25·i (0..225), plus one pixel of 255 in image 9. */
    static MnistDataset tiny() {
        byte[] images = new byte[10 * 4];
        byte[] labels = new byte[10];
        for (int i = 0; i < 10; i++) {
            for (int p = 0; p < 4; p++) {
                images[i * 4 + p] = (byte) (25 * i);
            }
            labels[i] = (byte) i;
        }
        images[39] = (byte) 255;
        return new MnistDataset(images, labels, 10, 2, 2);
    }

    /** Reads a batch back as the image ids it holds (pixel / 25). */
    private static List<Integer> ids(BatchSampler sampler) {
        FloatBuffer f = sampler.next().asFloatBuffer();
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < sampler.batchSize(); i++) {
            float v = f.get(i * 4);
            assertTrue(v >= -1f && v <= 1f);
            ids.add(Math.round((v + 1f) * 127.5f / 25f));
        }
        return ids;
    }

    private static List<List<Integer>> epoch(BatchSampler sampler, int epoch) {
        sampler.startEpoch(epoch);
        List<List<Integer>> batches = new ArrayList<>();
        while (sampler.hasNext()) {
            batches.add(ids(sampler));
        }
        return batches;
    }

    @Test
    void dropsTheLastPartialBatchAndUsesEachImageOnce() {
        BatchSampler sampler = new BatchSampler(tiny(), 3, 42);
        assertEquals(3, sampler.batchesPerEpoch());
        List<List<Integer>> batches = epoch(sampler, 1);
        assertEquals(3, batches.size());
        Set<Integer> seen = new HashSet<>();
        batches.forEach(seen::addAll);
        assertEquals(9, seen.size(), "9 distinct images, the 10th dropped");
        assertFalse(sampler.hasNext());
        assertThrows(IllegalStateException.class, sampler::next);
    }

    @Test
    void orderDependsOnSeedAndEpochOnly() {
        List<List<Integer>> a1 = epoch(new BatchSampler(tiny(), 5, 42), 1);
        BatchSampler b = new BatchSampler(tiny(), 5, 42);
        epoch(b, 1);
        List<List<Integer>> b2 = epoch(b, 2);
        assertEquals(a1, epoch(new BatchSampler(tiny(), 5, 42), 1));
        assertEquals(b2, epoch(new BatchSampler(tiny(), 5, 42), 2), "epoch 2 is the same without epoch 1 before it");
        assertNotEquals(a1, b2);
        assertNotEquals(a1, epoch(new BatchSampler(tiny(), 5, 43), 1));
    }

    @Test
    void scalesPixelsToMinusOneOne() {
        assertEquals(-1f, PixelScale.toModel(0));
        assertEquals(1f, PixelScale.toModel(255));
        assertEquals(0, PixelScale.toByte(-1f));
        assertEquals(255, PixelScale.toByte(1f));
        assertEquals(255, PixelScale.toByte(7f));
        float[] out = new float[4];
        tiny().copyScaled(9, out, 0);
        assertEquals(1f, out[3]);
        assertEquals(225 / 127.5f - 1f, out[0], 1e-6);
    }

    @Test
    void rejectsABatchLargerThanTheData() {
        assertThrows(IllegalArgumentException.class, () -> new BatchSampler(tiny(), 11, 1));
    }
}
