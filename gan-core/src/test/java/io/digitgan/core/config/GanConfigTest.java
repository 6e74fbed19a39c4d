package io.digitgan.core.config;

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
        GanConfig c = GanConfig.original().toBuilder().epochs(25).build();
        assertTrue(c.isSampleEpoch(1));
        assertFalse(c.isSampleEpoch(2));
        assertTrue(c.isSampleEpoch(10));
        assertTrue(c.isSampleEpoch(20));
        assertTrue(c.isSampleEpoch(25));
    }

    @Test
    void rejectsBadValuesNamingEachOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GanConfig.original().toBuilder().epochs(0).generatorLearningRate(-1).build());
        assertTrue(e.getMessage().contains("epochs"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> GanConfig.original().toBuilder().generatorLearningRate(-1)
                .discriminatorLearningRate(2).build());
        assertTrue(e.getMessage().contains("generatorLearningRate") && e.getMessage().contains("discriminatorLearningRate"));
        assertThrows(IllegalArgumentException.class, () -> Profile.of("gpu-monster"));
        assertThrows(IllegalArgumentException.class, () -> GanConfig.original().toBuilder().maxImages(10).build());
    }

    @Test
    void profilesExist() {
        for (Profile profile : Profile.values()) {
            assertTrue(GanConfig.profile(profile).epochs() >= 1);
        }
        assertTrue(GanConfig.profile(Profile.CPU).model().width() < 1.0);
    }

    @Test
    void theBuilderStartsFromTheOriginalAndKeepsEveryOtherValue() {
        assertEquals(GanConfig.original(), GanConfig.builder().build());
        GanConfig c = GanConfig.original().toBuilder().loss(Loss.HINGE).emaDecay(0.999).width(0.5).seed(7).build();
        assertEquals(Loss.HINGE, c.loss());
        assertEquals(0.999, c.emaDecay());
        assertEquals(0.5, c.model().width());
        assertEquals(GanConfig.original().discriminatorLearningRate(), c.discriminatorLearningRate());
        assertEquals(c, c.toBuilder().build());
        assertTrue(c.averagesGenerator());
        assertFalse(GanConfig.original().averagesGenerator(), "the report's recipe keeps no average");
    }

    @Test
    void theNoiseCanFadeOverFewerEpochsThanTheRun() {
        GanConfig c = GanConfig.original().toBuilder().epochs(10).noiseStart(0.2).noiseEnd(0).noiseEpochs(3).build();
        assertEquals(0.2, c.noiseStd(1), 1e-12);
        assertEquals(0.1, c.noiseStd(2), 1e-12);
        assertEquals(0.0, c.noiseStd(3), 1e-12);
        assertEquals(0.0, c.noiseStd(9), 1e-12);
    }

    @Test
    void aManifestWrittenBeforeTheRecipeFieldsReadsAsTheOriginalRecipe() throws Exception {
        var mapper = io.digitgan.events.EventJson.mapper();
        var json = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.valueToTree(GanConfig.original());
        json.remove(java.util.List.of("loss", "emaDecay", "noiseEpochs"));
        GanConfig old = mapper.treeToValue(json, GanConfig.class);
        assertEquals(GanConfig.original(), old);
    }

    @Test
    void aConfigWithoutADatasetIsMnistAndTheDatasetTravelsAsItsId() throws Exception {
        var mapper = io.digitgan.events.EventJson.mapper();
        var json = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.valueToTree(GanConfig.original());
        assertEquals("mnist", json.get("dataset").asText());
        json.remove("dataset");
        assertEquals(io.digitgan.core.data.Dataset.MNIST, mapper.treeToValue(json, GanConfig.class).dataset());
        GanConfig fashion = GanConfig.builder().dataset(io.digitgan.core.data.Dataset.FASHION_MNIST).conditional(null).build();
        String text = mapper.writeValueAsString(fashion);
        assertTrue(text.contains("\"dataset\":\"fashion-mnist\""), text);
        GanConfig back = mapper.readValue(text, GanConfig.class);
        assertEquals(fashion, back);
        assertEquals(java.util.List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt",
                "Sneaker", "Bag", "Ankle boot"), back.classNames());
        assertEquals(null, GanConfig.original().classNames(), "an unconditional run names no classes");
        json.put("dataset", "cifar10");
        Exception e = assertThrows(Exception.class, () -> mapper.treeToValue(json, GanConfig.class));
        assertTrue(e.getMessage().contains("dataset must be one of [mnist, fashion-mnist], not 'cifar10'"), e.getMessage());
    }

    @Test
    void anUnknownLossIsNamedAndTheLossTravelsAsItsId() throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Loss.of("wasserstein"));
        assertEquals("loss must be one of [bce, hinge, lsgan], not 'wasserstein'", e.getMessage());
        var mapper = io.digitgan.events.EventJson.mapper();
        String text = mapper.writeValueAsString(GanConfig.builder().loss(Loss.LSGAN).build());
        assertTrue(text.contains("\"loss\":\"lsgan\""), text);
        assertEquals(Loss.LSGAN, mapper.readValue(text, GanConfig.class).loss());
    }
}
