package io.digitgan.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.digitgan.core.data.Dataset;
import io.digitgan.core.model.Conditioning;
import org.junit.jupiter.api.Test;

/** A run spec as the run API's body reads it, turned into the config it trains. */
class RunSpecTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RunSpec.Defaults CPU = new RunSpec.Defaults(Profile.CPU, 1, Dataset.MNIST, false, null);

    static RunSpec spec(String json) throws Exception {
        return JSON.readValue(json, RunSpec.class);
    }

    @Test
    void theRecipeFieldsApplyOnTopOfTheProfile() throws Exception {
        GanConfig c = spec("{\"loss\":\"hinge\",\"emaDecay\":0.99,\"maxMinutes\":3,\"noiseEpochs\":2,\"beta1\":0,"
                + "\"beta2\":0.9,\"realLabel\":1,\"seed\":5,\"width\":0.25,\"latentSize\":64}").toConfig(RunSpec.Defaults.original());
        assertEquals(Loss.HINGE, c.loss());
        assertEquals(0.99, c.emaDecay());
        assertEquals(3.0, c.maxMinutes());
        assertEquals(2, c.noiseEpochs());
        assertEquals(0.0, c.beta1());
        assertEquals(0.9, c.beta2());
        assertEquals(1.0, c.realLabel());
        assertEquals(5, c.seed());
        assertEquals(0.25, c.model().width());
        assertEquals(64, c.model().latentSize());
        assertEquals(GanConfig.original().discriminatorLearningRate(), c.discriminatorLearningRate(), "the rest stays the profile's");
        assertEquals(GanConfig.profile(Profile.CPU).toBuilder().seed(5).build(), spec("{\"seed\":5}").toConfig(CPU),
                "an empty spec is the defaults' profile");
        assertNotEquals(RunSpec.empty().toConfig(CPU).seed(), -1, "a seed is drawn when none is given");
    }

    @Test
    void theSpecsConditioningWinsElseTheDefaults() throws Exception {
        assertEquals(0, RunSpec.empty().toConfig(CPU).model().classes());
        GanConfig c = spec("{\"conditional\":true}").toConfig(CPU);
        assertEquals(Conditioning.PROJECTION, c.model().conditioning());
        assertEquals(0.5, c.model().width(), "the rest of the profile stays");
        assertEquals(Conditioning.LABEL_MAPS, spec("{\"conditioning\":\"label-maps\"}").toConfig(CPU).model().conditioning(),
                "a conditioning implies conditional");
        var conditionalMaps = new RunSpec.Defaults(Profile.CPU, 1, Dataset.MNIST, true, Conditioning.LABEL_MAPS);
        assertEquals(Conditioning.LABEL_MAPS, RunSpec.empty().toConfig(conditionalMaps).model().conditioning());
        assertEquals(0, spec("{\"conditional\":false}").toConfig(conditionalMaps).model().classes());
        assertEquals(Conditioning.PROJECTION, spec("{\"conditional\":true}").toConfig(conditionalMaps).model().conditioning(),
                "a spec that speaks of conditioning is not mixed with the defaults'");
        var e = assertThrows(IllegalArgumentException.class,
                () -> spec("{\"conditional\":false,\"conditioning\":\"projection\"}").toConfig(CPU));
        assertEquals("conditioning 'projection' needs conditional true", e.getMessage());
    }

    @Test
    void theDatasetIsTheSpecsElseTheDefaults() throws Exception {
        assertEquals(Dataset.MNIST, RunSpec.empty().toConfig(CPU).dataset());
        GanConfig c = spec("{\"dataset\":\"fashion-mnist\",\"conditional\":true}").toConfig(CPU);
        assertEquals(Dataset.FASHION_MNIST, c.dataset());
        assertEquals("Sneaker", c.classNames().get(7));
        assertEquals(Dataset.FASHION_MNIST,
                RunSpec.empty().toConfig(new RunSpec.Defaults(Profile.SMOKE, 1, Dataset.FASHION_MNIST, false, null)).dataset());
    }

    @Test
    void everyValueOutOfItsRangeIsNamedInTheFieldsOrder() throws Exception {
        var e = assertThrows(IllegalArgumentException.class,
                () -> spec("{\"emaDecay\":1.0,\"epochs\":0,\"runId\":\"no spaces\",\"latentSize\":5000}").toConfig(CPU));
        assertEquals("runId must be 1-64 letters, digits, '.', '_' or '-', not no spaces; "
                + "epochs must be greater than or equal to 1, not 0; latentSize must be less than or equal to 4096, not 5000; "
                + "emaDecay must be less than 1, not 1.0", e.getMessage());
    }

    @Test
    void theFieldsAreTheBodysNames() throws Exception {
        RunSpec full = spec("{\"seed\":1}").withRunId("r");
        var node = JSON.valueToTree(new RunSpec("r", Profile.SMOKE, 1, 1.0, 1.0, 1, 0, 1L, 0.1, 0.1, 0.5, 0.9, 0.9, 0.1, 0.0,
                0, 1, 1, 10, Loss.BCE, 0.0, 0.0, 0.2, true, Conditioning.PROJECTION, Dataset.MNIST));
        var names = new java.util.ArrayList<String>();
        node.fieldNames().forEachRemaining(names::add);
        assertEquals(RunSpec.FIELDS, names);
        assertEquals("r", full.runId());
        assertEquals("{\"runId\":\"r\",\"seed\":1}", JSON.writeValueAsString(full), "absent fields stay absent");
    }
}
