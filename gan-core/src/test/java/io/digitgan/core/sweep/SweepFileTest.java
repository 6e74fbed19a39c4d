package io.digitgan.core.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.digitgan.core.data.Dataset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sweep files expanded into run configs, and their mistakes named. */
class SweepFileTest {

    static final String YAML = String.join("\n",
            "name: lr-width",
            "base: {profile: cpu, epochs: 3, dataset: fashion-mnist}",
            "grid:",
            "  generatorLearningRate: [1.0e-4, 5.0e-4]",
            "  width: [0.25, 0.5]",
            "runs:",
            "  - {loss: bce}",
            "  - {loss: hinge, discriminatorLearningRate: 4.0e-4}",
            "seeds: [1, 2, 3]");

    @Test
    void everyCombinationInOneOrderTheLastGridKeyAndTheSeedVaryingFastest() {
        List<SweepFile.Entry> runs = SweepFile.parse(YAML, "lr-width.yaml").expand();
        assertEquals(2 * 2 * 2 * 3, runs.size());
        for (int i = 0; i < runs.size(); i++) {
            assertEquals(i, runs.get(i).index());
            assertEquals(String.format("lr-width-%03d", i), runs.get(i).runId());
        }
        SweepFile.Entry first = runs.get(0);
        assertEquals(Map.of("generatorLearningRate", 1e-4, "width", 0.25, "loss", "bce", "seed", 1L), first.varying());
        assertEquals(1e-4, first.config().generatorLearningRate());
        assertEquals(0.25, first.config().model().width());
        assertEquals(3, first.config().epochs(), "the base applies");
        assertEquals(Dataset.FASHION_MNIST, first.config().dataset());
        assertEquals(32, first.config().batchSize(), "on top of the cpu profile");
        assertEquals(2L, runs.get(1).varying().get("seed"));
        assertEquals(0.5, runs.get(3).config().model().width(), "after the seeds, the last grid key");
        assertEquals(5e-4, runs.get(6).config().generatorLearningRate());
        SweepFile.Entry hinge = runs.get(12);
        assertEquals(io.digitgan.core.config.Loss.HINGE, hinge.config().loss(), "then the next entry of runs");
        assertEquals(4e-4, hinge.config().discriminatorLearningRate());
        assertEquals(1e-4, hinge.config().generatorLearningRate());
        assertEquals(hinge, SweepFile.parse(YAML, "again").entry(12), "index i is the same run every time");
    }

    @Test
    void theExampleSweepInDocsExpandsToItsTwelveRuns() throws Exception {
        SweepFile sweep = SweepFile.read(java.nio.file.Path.of("../docs/sweeps/lr-width.yaml"));
        List<SweepFile.Entry> runs = sweep.expand();
        assertEquals(12, runs.size());
        assertTrue(runs.stream().allMatch(r -> r.config().model().conditional() && r.config().epochs() == 3), runs.toString());
    }

    @Test
    void jsonReadsAsItsYaml() {
        String json = "{\"name\":\"lr-width\",\"base\":{\"profile\":\"cpu\",\"epochs\":3,\"dataset\":\"fashion-mnist\"},"
                + "\"grid\":{\"generatorLearningRate\":[1.0e-4,5.0e-4],\"width\":[0.25,0.5]},"
                + "\"runs\":[{\"loss\":\"bce\"},{\"loss\":\"hinge\",\"discriminatorLearningRate\":4.0e-4}],\"seeds\":[1,2,3]}";
        assertEquals(SweepFile.parse(YAML, "y").expand(), SweepFile.parse(json, "j").expand());
    }

    @Test
    void withoutGridRunsOrSeedsItIsOneRunOfSeed1() {
        List<SweepFile.Entry> runs = SweepFile.parse("name: one\nbase: {profile: smoke}", "one").expand();
        assertEquals(1, runs.size());
        assertEquals("one-000", runs.get(0).runId());
        assertEquals(1L, runs.get(0).config().seed());
    }

    @Test
    void aBadFileNamesEveryEntryAndFieldThatIsWrong() {
        InvalidSweepException e = assertThrows(InvalidSweepException.class, () -> SweepFile.parse(String.join("\n",
                "name: bad sweep",
                "grids: {}",
                "base: {profile: cpu, lr: 3, seed: 4}",
                "grid: {width: 0.5, epochs: []}",
                "runs: [{runId: x}, 7]",
                "seeds: [1, two]"), "bad.yaml"));
        String m = e.getMessage();
        for (String part : List.of("bad.yaml: ", "unknown field 'grids'", "name: 1-41 letters", "base.lr: unknown field",
                "grid.width: a non-empty list", "grid.epochs: a non-empty list", "runs[0].runId: the sweep names its runs",
                "runs[1]: an object of overrides", "seeds[1]: a whole number", "seed: give the seeds")) {
            assertTrue(m.contains(part), "'" + part + "' in: " + m);
        }
        e = assertThrows(InvalidSweepException.class, () -> SweepFile.parse(
                "name: s\nbase: {profile: smoke}\ngrid: {epochs: [2, 0], loss: [bce, wasserstein]}", "s.yaml").expand());
        m = e.getMessage();
        assertTrue(m.contains("entry 1 (epochs=2, loss=wasserstein, seed 1): loss must be one of [bce, hinge, lsgan]"), m);
        assertTrue(m.contains("entry 2 (epochs=0, loss=bce, seed 1): epochs must be greater than or equal to 1, not 0"), m);
        assertTrue(m.contains("entry 3 (epochs=0, loss=wasserstein, seed 1): "), m);
        assertTrue(!m.contains("entry 0"), "entry 0 is good: " + m);
        e = assertThrows(InvalidSweepException.class, () -> SweepFile.parse(
                "name: t\ngrid: {noiseEpochs: [x, 1.5, 2], conditional: [maybe]}", "t.yaml").expand());
        m = e.getMessage();
        for (String part : List.of("entry 0 (noiseEpochs=x, conditional=maybe, seed 1): noiseEpochs must be a whole number, not x",
                "entry 1 (noiseEpochs=1.5, conditional=maybe, seed 1): noiseEpochs must be a whole number, not 1.5",
                "entry 2 (noiseEpochs=2, conditional=maybe, seed 1): conditional must be true or false, not maybe")) {
            assertTrue(m.contains(part), "'" + part + "' in: " + m);
        }
        assertTrue(!m.contains("java") && !m.contains("Integer"), "no Java type names: " + m);
        e = assertThrows(InvalidSweepException.class, () -> SweepFile.parse("name: s\nbase: {width: 0.5}\ngrid: {width: [1]}", "s")
                .expand());
        assertTrue(e.getMessage().contains("grid.width: also set in base"), e.getMessage());
        assertThrows(InvalidSweepException.class, () -> SweepFile.parse("name: [x", "broken"));
        e = assertThrows(InvalidSweepException.class, () -> SweepFile.parse("name: one", "one").entry(1));
        assertTrue(e.getMessage().contains("has runs 0..0, not 1"), e.getMessage());
    }

    @Test
    void aGridTooLargeForThisSystemIsRefusedBeforeAnythingIsBuilt() {
        String values = "[" + String.join(", ", java.util.stream.IntStream.range(1, 34).mapToObj(Integer::toString).toList()) + "]";
        InvalidSweepException e = assertThrows(InvalidSweepException.class, () -> SweepFile.parse(
                "name: huge\ngrid: {epochs: " + values + ", batchSize: " + values + "}", "huge").expand());
        assertTrue(e.getMessage().contains("1089 runs, more than 1000"), e.getMessage());
    }
}
