package io.digitgan.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The run request's body on top of a profile. */
class ConfigOverridesTest {

    @Test
    void theRecipeFieldsApplyOnTopOfTheProfile() {
        GanConfig c = ConfigOverrides.apply(Map.of("loss", "hinge", "emaDecay", 0.99, "maxMinutes", 3, "noiseEpochs", 2,
                "beta1", 0.0, "beta2", 0.9, "realLabel", 1.0, "seed", 5), "original", 1);
        assertEquals("hinge", c.loss());
        assertEquals(0.99, c.emaDecay());
        assertEquals(3.0, c.maxMinutes());
        assertEquals(2, c.noiseEpochs());
        assertEquals(0.0, c.beta1());
        assertEquals(0.9, c.beta2());
        assertEquals(1.0, c.realLabel());
        assertEquals(GanConfig.original().discriminatorLearningRate(), c.discriminatorLearningRate());
    }

    @Test
    void conditionalAndConditioningMakeAConditionalModel() {
        assertEquals(0, ConfigOverrides.apply(Map.of(), "cpu", 1).model().classes());
        GanConfig c = ConfigOverrides.apply(Map.of("conditional", true), "cpu", 1);
        assertEquals(10, c.model().classes());
        assertEquals("projection", c.model().conditioning());
        assertEquals(0.5, c.model().width(), "the rest of the profile stays");
        assertEquals("label-maps", ConfigOverrides.apply(Map.of("conditioning", "label-maps"), "cpu", 1).model().conditioning());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfigOverrides.apply(Map.of("conditional", "yes"), "cpu", 1));
        assertTrue(e.getMessage().contains("conditional must be true or false"), e.getMessage());
    }

    @Test
    void theDatasetIsNamedByItsId() {
        assertEquals(io.digitgan.core.data.Dataset.MNIST, ConfigOverrides.apply(Map.of(), "cpu", 1).dataset());
        GanConfig c = ConfigOverrides.apply(Map.of("dataset", "fashion-mnist", "conditional", true), "cpu", 1);
        assertEquals(io.digitgan.core.data.Dataset.FASHION_MNIST, c.dataset());
        assertEquals("Sneaker", c.classNames().get(7));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfigOverrides.apply(Map.of("dataset", "cifar10", "epochs", "x"), "cpu", 1));
        assertTrue(e.getMessage().contains("dataset must be one of [mnist, fashion-mnist], not 'cifar10'")
                && e.getMessage().contains("epochs must be a number"), e.getMessage());
    }

    @Test
    void badValuesAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfigOverrides.apply(Map.of("loss", 3, "noiseEpochs", 1.5), "original", 1));
        assertTrue(e.getMessage().contains("loss must be a string") && e.getMessage().contains("noiseEpochs must be a whole"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ConfigOverrides.apply(Map.of("loss", "wasserstein", "emaDecay", 1.0), "original", 1));
        assertTrue(e.getMessage().contains("loss must be one of") && e.getMessage().contains("emaDecay"), e.getMessage());
    }
}
