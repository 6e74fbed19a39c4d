package io.digitgan.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The epoch summary's median step time: over that epoch's steps only. */
class ProgressLoggerTest {

    private static StepMetrics step(int epoch, int step, double millis) {
        return new StepMetrics(epoch, step, 5, step, 0.7, 1.3, 0.5, 0.5, 0, 100, millis);
    }

    @Test
    void theMedianStepIsTheEpochsOwn() {
        ProgressLogger logger = new ProgressLogger(50);
        assertEquals(0, logger.medianStepMillis());
        double[] first = {10, 50, 20, 30, 400};
        for (int i = 0; i < first.length; i++) {
            logger.onStep(step(1, i + 1, first[i]));
        }
        assertEquals(30, logger.medianStepMillis(), 1e-9, "one slow step does not move it");
        logger.onStep(step(2, 1, 7));
        logger.onStep(step(2, 2, 9));
        assertEquals(8, logger.medianStepMillis(), 1e-9, "a new epoch starts a new median");
    }
}
