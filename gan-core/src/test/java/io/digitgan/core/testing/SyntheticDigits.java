package io.digitgan.core.testing;

import io.digitgan.core.data.MnistDataset;
import java.util.Random;

/** Small synthetic 28×28 data sets for fast training tests: bright bars on black, like strokes. */
public final class SyntheticDigits {

    private SyntheticDigits() {}

    public static MnistDataset create(int count, long seed) {
        Random random = new Random(seed);
        byte[] images = new byte[count * 28 * 28];
        byte[] labels = new byte[count];
        for (int n = 0; n < count; n++) {
            labels[n] = (byte) random.nextInt(10);
            int x0 = 6 + random.nextInt(12);
            int y0 = 4 + random.nextInt(8);
            boolean vertical = random.nextBoolean();
            for (int k = 0; k < 14; k++) {
                for (int t = 0; t < 3; t++) {
                    int x = vertical ? x0 + t : Math.min(27, 4 + k + t / 3);
                    int y = vertical ? y0 + k : y0 + t;
                    images[n * 784 + y * 28 + x] = (byte) (200 + random.nextInt(56));
                }
            }
        }
        return new MnistDataset(images, labels, count, 28, 28);
    }
}
