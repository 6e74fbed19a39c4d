package io.digitgan.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.digitgan.core.quality.EvaluatorManifest;
import io.digitgan.events.Quality;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class QualityTableTest {

    static final EvaluatorManifest EVALUATOR = new EvaluatorManifest("lenet-v1", "a", "b", "c", 0.9915, 60_000, 6, 140,
            "2026-11-29T00:00:00Z", new Quality(1.65, 9.81, null, 10, 10_000, null, null, null, null));

    @Test
    void rendersOneRowPerMeasuredEpochAndTheFloor() throws IOException {
        String jsonl = """
                {"epoch":1,"wallSeconds":95.4,"epochSeconds":90.1,"quality":{"fid":80.123,"mnistScore":5.5,"digitsCovered":8,"samples":2000,"floor":{"fid":3.98,"mnistScore":9.8}}}
                {"epoch":2,"wallSeconds":190.6,"epochSeconds":90.0,"quality":{"fid":30.5,"mnistScore":8.25,"digitsCovered":10,"samples":10000}}
                """;
        String table = QualityTable.render("Measured today.", EVALUATOR, List.<String[]>of(new String[] {"cpu", jsonl}));
        List<String> lines = table.lines().toList();
        assertEquals("Measured today.", lines.get(0));
        assertEquals("| cpu | 1 | 1:35 | 80.12 | 5.50 | 8/10 | 2,000 | 3.98 / 9.80 |", lines.get(4));
        assertEquals("| cpu | 2 | 3:11 | 30.50 | 8.25 | 10/10 | 10,000 | – |", lines.get(5));
        assertTrue(lines.get(6).startsWith("| **real data** (10,000 training images) | – | – | 1.65 | 9.81 | 10/10 | 10,000 |"));
        assertTrue(table.contains("99.15 %"));
    }

    @Test
    void replacesOnlyTheMarkedSectionAndAddsOneWhenMissing() {
        String doc = "# B\n\nbefore\n" + QualityTable.BEGIN + "\nold table\n" + QualityTable.END + "\nafter\n";
        assertEquals("# B\n\nbefore\n" + QualityTable.BEGIN + "\nnew\n" + QualityTable.END + "\nafter\n",
                QualityTable.replaceSection(doc, "new\n"));
        String added = QualityTable.replaceSection("# B\n", "new\n");
        assertTrue(added.endsWith(QualityTable.BEGIN + "\nnew\n" + QualityTable.END + "\n"), added);
    }
}
