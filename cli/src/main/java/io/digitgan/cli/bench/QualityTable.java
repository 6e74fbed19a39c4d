package io.digitgan.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.digitgan.core.quality.EvaluatorManifest;
import io.digitgan.events.EventJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns the {@code quality.jsonl} of benchmark runs into the Markdown table of docs/BENCHMARKS.md,
 * replacing what stands between its markers.
 *
 * <p>Usage: {@code QualityTable <BENCHMARKS.md> <evaluator manifest> <header line> <label>=<quality.jsonl> ...}
 */
public final class QualityTable {

    static final String BEGIN = "<!-- quality-table:begin (scripts/bench-quality.sh writes this part) -->";
    static final String END = "<!-- quality-table:end -->";

    private QualityTable() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 4) {
            System.err.println("usage: QualityTable <BENCHMARKS.md> <evaluator manifest.json> <header> <label>=<quality.jsonl>...");
            System.exit(2);
        }
        EvaluatorManifest evaluator = EventJson.mapper().readValue(Path.of(args[1]).toFile(), EvaluatorManifest.class);
        List<String[]> runs = new ArrayList<>();
        for (int i = 3; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            runs.add(new String[] {args[i].substring(0, eq), Files.readString(Path.of(args[i].substring(eq + 1)))});
        }
        String table = render(args[2], evaluator, runs);
        Path doc = Path.of(args[0]);
        Files.writeString(doc, replaceSection(Files.readString(doc), table));
        System.out.println(table);
    }

    /** The table: one row per measured epoch of each run, then the real-data floor. */
    static String render(String header, EvaluatorManifest evaluator, List<String[]> runs) throws IOException {
        StringBuilder out = new StringBuilder(header).append("\n\n");
        out.append("| run | epoch | wall time | FID-MNIST ↓ | MNIST score ↑ | digits covered | samples"
                + " | real data, same count: FID / score |\n");
        out.append("|---|---|---|---|---|---|---|---|\n");
        for (String[] run : runs) {
            for (String line : run[1].split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = EventJson.mapper().readTree(line);
                JsonNode q = n.get("quality");
                JsonNode f = q.path("floor");
                String floor = f.isMissingNode() ? "–"
                        : String.format(Locale.ROOT, "%.2f / %.2f", f.get("fid").asDouble(), f.get("mnistScore").asDouble());
                out.append(String.format(Locale.ROOT, "| %s | %d | %s | %.2f | %.2f | %d/10 | %,d | %s |\n", run[0],
                        n.get("epoch").asInt(), minutes(n.get("wallSeconds").asDouble()), q.get("fid").asDouble(),
                        q.get("mnistScore").asDouble(), q.get("digitsCovered").asInt(), q.get("samples").asInt(), floor));
            }
        }
        var floor = evaluator.floor();
        out.append(String.format(Locale.ROOT, "| **real data** (10,000 training images) | – | – | %.2f | %.2f | %d/10 | %,d | |\n",
                floor.fid(), floor.mnistScore(), floor.digitsCovered(), floor.samples()));
        out.append(String.format(Locale.ROOT, "%nEvaluator `%s`: %.2f %% on the 10,000 MNIST test images; figures are"
                + " against those test images.%n", evaluator.version(), 100 * evaluator.testAccuracy()));
        return out.toString();
    }

    static String minutes(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    static String replaceSection(String document, String table) {
        int begin = document.indexOf(BEGIN);
        int end = document.indexOf(END);
        if (begin < 0 || end < begin) {
            return document.stripTrailing() + "\n\n## Sample quality (FID-MNIST)\n\n" + BEGIN + "\n" + table + END + "\n";
        }
        return document.substring(0, begin + BEGIN.length()) + "\n" + table + document.substring(end);
    }
}
