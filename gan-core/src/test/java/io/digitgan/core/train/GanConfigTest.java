package io.digitgan.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GanConfigTest {

    @Test
    void originalIsTheReportsRecipe() {
        GanConfig c = GanConfig.original();
        assertEquals(150, c.epochs());
        assertEquals(128, c.batchSize());
        assertEquals(1.0, c.model().width());
        assertEquals(100, c.model().latentSize());
        assertEquals(2e-4, c.generatorLearningRate());
        assertEquals(1e-4, c.discriminatorLearningRate());
        assertEquals(0.5, c.beta1());
        assertEquals(0.9, c.realLabel());
        assertEquals(0.10, c.noiseStd(1), 1e-12);
        assertEquals(0.0, c.noiseStd(150), 1e-12);
        assertEquals(0.05, c.noiseStd(75) + (0.10 / 149) / 2, 1e-3);
    }

    @Test
    void samplesAtTheFirstEveryTenthAndLastEpoch() {
        GanConfig c = GanConfig.original().withEpochs(25);
        assertTrue(c.isSampleEpoch(1));
        assertFalse(c.isSampleEpoch(2));
        assertTrue(c.isSampleEpoch(10));
        assertTrue(c.isSampleEpoch(20));
        assertTrue(c.isSampleEpoch(25));
    }

    @Test
    void rejectsBadValuesNamingEachOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GanConfig.original().withEpochs(0).withLearningRates(-1, 0.1));
        assertTrue(e.getMessage().contains("epochs"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> GanConfig.original().withLearningRates(-1, 2));
        assertTrue(e.getMessage().contains("generatorLearningRate") && e.getMessage().contains("discriminatorLearningRate"));
        assertThrows(IllegalArgumentException.class, () -> GanConfig.profile("gpu-monster"));
        assertThrows(IllegalArgumentException.class, () -> GanConfig.original().withMaxImages(10));
    }

    @Test
    void profilesExist() {
        for (String name : GanConfig.PROFILES) {
            assertTrue(GanConfig.profile(name).epochs() >= 1);
        }
        assertTrue(GanConfig.profile("cpu").model().width() < 1.0);
    }
}
