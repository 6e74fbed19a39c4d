package io.digitgan.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.digitgan.core.quality.EvaluatorManifest;
import io.digitgan.events.Quality;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecipeTableTest {

    static String line(String candidate, int seed, String options, int epochs, double rawFid, double emaFid) {
        String shares = "{\"0\":0.08,\"1\":0.12,\"2\":0.1,\"3\":0.1,\"4\":0.1,\"5\":0.1,\"6\":0.1,\"7\":0.1,"
                + "\"8\":0.1,\"9\":0.1}";
        return String.format(java.util.Locale.ROOT, "{\"candidate\":\"%s\",\"seed\":%d,\"options\":\"%s\",\"minutes\":10,"
                + "\"wallSeconds\":600,\"epochs\":%d,\"evaluation\":{\"quality\":{\"fid\":%s,\"mnistScore\":7,"
                + "\"classCoverage\":%s},\"emaQuality\":{\"fid\":%s,\"mnistScore\":8,\"classCoverage\":%s}}}",
                candidate, seed, options, epochs, rawFid, shares, emaFid, shares);
    }

    @Test
    void oneRowPerCandidateAndWeightsWithTheMedianAndRangeOverSeeds() throws Exception {
        EvaluatorManifest evaluator = new EvaluatorManifest("lenet-v1", "a", "b", "c", 0.99, 60000, 6, 70, "now",
                new Quality(1.15, 9.83, Map.of("0", 0.09, "1", 0.11), 10, 10000, null, null, null, null));
        String table = RecipeTable.render(List.of(
                line("a", 1, "--profile original --batch-size 32", 4, 50, 30),
                line("a", 2, "--profile original --batch-size 32", 4, 70, 20),
                line("a", 3, "--profile original --batch-size 32", 4, 60, 40),
                line("b", 1, "--profile cpu", 2, 100, 90)), evaluator);
        assertTrue(table.contains("| a | 1,2,3 | 4 | 7500 | 600 s | raw | 60.0 [50.0–70.0] |"), table);
        assertTrue(table.contains("| a | 1,2,3 | 4 | 7500 | 600 s | averaged | 30.0 [20.0–40.0] |"), table);
        assertTrue(table.contains("| 8.0 % – 12.0 % |"), table);
        assertTrue(table.contains("| b | 1 | 2 | " + 2 * (60000 / io.digitgan.core.config.GanConfig.profile(io.digitgan.core.config.Profile.CPU).batchSize())
                + " | 600 s | raw | 100.0 |"), table);
        assertTrue(table.contains("| **real data** (10,000 training images) | | | | | | 1.15 | 9.83 | 9.0 % – 11.0 % |"), table);
        assertEquals(2.0, RecipeTable.median(new double[] {3, 1, 2}));
        assertTrue(!table.contains("class accuracy"), "no conditional candidate, no class accuracy columns");
    }

    @Test
    void conditionalCandidatesAddTheirClassAccuracyAndTheirWorstDigits() throws Exception {
        EvaluatorManifest evaluator = new EvaluatorManifest("lenet-v1", "a", "b", "c", 0.9915, 60000, 6, 70, "now",
                new Quality(1.15, 9.83, Map.of("0", 0.09, "1", 0.11), 10, 10000, null, null, null, null));
        String plain = line("u", 1, "--profile cpu", 5, 40, 30);
        String conditional = line("c", 1, "--profile cpu --conditional", 5, 8, 6).replace("\"mnistScore\":8,",
                "\"mnistScore\":8,\"classAccuracy\":0.993,\"classAccuracyByClass\":{\"0\":0.999,\"7\":0.981},");
        String table = RecipeTable.render(List.of(plain, conditional), evaluator);
        assertTrue(table.contains("| class accuracy ↑ | worst class's ↑ |"), table);
        assertTrue(table.contains("| c | 1 | 5 | 9375 | 600 s | averaged | 6.0 | 8.00 | 8.0 % – 12.0 % | 99.30 % | 98.1 % |"), table);
        assertTrue(table.contains("| c | 1 | 5 | 9375 | 600 s | raw | 8.0 | 7.00 | 8.0 % – 12.0 % | – | – |"), table);
        assertTrue(table.contains("| u | 1 | 5 | 9375 | 600 s | averaged | 30.0 | 8.00 | 8.0 % – 12.0 % | – | – |"), table);
        assertTrue(table.contains("| 99.15 % (the evaluator on the test images) | |"), table);
    }
}
