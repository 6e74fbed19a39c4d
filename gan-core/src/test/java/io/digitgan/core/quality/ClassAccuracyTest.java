package io.digitgan.core.quality;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Class accuracy and the confusion matrix of a conditional generator's samples, as the evaluator reads them. */
class ClassAccuracyTest {

    /** One-hot evaluator outputs: image i read as {@code read[i]}. */
    static float[] readAs(int classes, int... read) {
        float[] p = new float[read.length * classes];
        for (int i = 0; i < read.length; i++) {
            p[i * classes + read[i]] = 1f;
        }
        return p;
    }

    @Test
    void eachAskedClassHasARowOfWhatItWasReadAsAndItsDiagonalIsItsAccuracy() {
        // asked 0 four times (read 0, 0, 0, 2), asked 1 twice (read 2, 2); class 2 never asked
        int[] asked = {0, 0, 0, 0, 1, 1};
        ClassAccuracy a = ClassAccuracy.of(readAs(3, 0, 0, 0, 2, 2, 2), asked, 6, 3);
        assertEquals(0.5, a.overall(), 1e-12);
        assertArrayEquals(new double[] {0.75, 0.0, 0.25}, a.confusion()[0], 1e-12);
        assertArrayEquals(new double[] {0.0, 0.0, 1.0}, a.confusion()[1], 1e-12, "class 1 collapsed onto 2");
        assertArrayEquals(new double[] {0.0, 0.0, 0.0}, a.confusion()[2], 1e-12, "never asked");
        assertEquals(0.75, a.byClass()[0], 1e-12);
        assertEquals(0.0, a.byClass()[1], 1e-12);
        assertEquals(Map.of("0", Map.of("0", 0.75, "2", 0.25), "1", Map.of("2", 1.0)), a.confusionMap(),
                "zero shares and unasked classes left out");
    }
}
