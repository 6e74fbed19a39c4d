package io.digitgan.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.digitgan.core.quality.EvaluatorManifest;
import io.digitgan.events.EventJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The recipe table of {@code scripts/bench-recipe.sh}: one row per candidate, the median and the
 * range over its seeds of FID-MNIST, MNIST score and the smallest and largest digit share, for
 * the raw and the averaged generator, beside the real-data floor at the same sample count.
 *
 * <p>Usage: {@code RecipeTable <results.jsonl> <evaluator manifest.json>}
 */
public final class RecipeTable {

    private RecipeTable() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: RecipeTable <results.jsonl> <evaluator manifest.json>");
            System.exit(2);
        }
        EvaluatorManifest evaluator = EventJson.mapper().readValue(Path.of(args[1]).toFile(), EvaluatorManifest.class);
        System.out.println(render(Files.readAllLines(Path.of(args[0])), evaluator));
    }

    static String render(List<String> lines, EvaluatorManifest evaluator) throws IOException {
        Map<String, List<JsonNode>> byCandidate = new LinkedHashMap<>();
        for (String line : lines) {
            if (!line.isBlank()) {
                JsonNode n = EventJson.mapper().readTree(line);
                byCandidate.computeIfAbsent(n.get("candidate").asText(), k -> new ArrayList<>()).add(n);
            }
        }
        // conditional candidates add their class accuracy, overall and of the worst digit
        boolean classes = lines.stream().anyMatch(l -> l.contains("\"classAccuracy\""));
        StringBuilder out = new StringBuilder();
        // the figures' names are those of the evaluator's dataset (FID-MNIST, FID-Fashion-MNIST)
        io.digitgan.core.data.Dataset dataset = java.util.Objects.requireNonNullElse(
                io.digitgan.core.data.Dataset.ofEvaluator(evaluator.version()), io.digitgan.core.data.Dataset.MNIST);
        out.append("| candidate | seeds | epochs | steps | training time | weights | " + dataset.fidName() + " ↓ | "
                + dataset.scoreName() + " ↑ | class shares (min – max) |" + (classes ? " class accuracy ↑ | worst class's ↑ |" : "") + "\n");
        out.append("|---|---|---|---|---|---|---|---|---|" + (classes ? "---|---|" : "") + "\n");
        for (Map.Entry<String, List<JsonNode>> e : byCandidate.entrySet()) {
            List<JsonNode> runs = e.getValue();
            String seeds = String.join(",", runs.stream().map(n -> n.get("seed").asText()).toList());
            String epochs = spread(runs, n -> n.get("epochs").asDouble(), "%.0f");
            int batch = batchSize(runs.get(0).get("options").asText());
            String steps = spread(runs, n -> n.get("epochs").asDouble() * (60_000 / batch), "%.0f");
            boolean timed = runs.stream().allMatch(n -> n.path("wallSeconds").isNumber());
            String wall = timed ? spread(runs, n -> n.get("wallSeconds").asDouble(), "%.0f s") : "–";
            for (String weights : List.of("quality", "emaQuality")) {
                List<JsonNode> q = runs.stream().map(n -> n.path("evaluation").path(weights))
                        .filter(n -> !n.isMissingNode() && !n.isNull()).toList();
                if (q.isEmpty()) {
                    continue;
                }
                out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s – %s |", e.getKey(),
                        seeds, epochs, steps, wall, weights.equals("quality") ? "raw" : "averaged",
                        spread(q, n -> n.get("fid").asDouble(), "%.1f"),
                        spread(q, n -> n.get("mnistScore").asDouble(), "%.2f"),
                        spread(q, n -> share(n, true), "%.1f %%"), spread(q, n -> share(n, false), "%.1f %%")));
                if (classes) {
                    boolean measured = q.stream().allMatch(n -> n.path("classAccuracy").isNumber());
                    out.append(measured ? String.format(Locale.ROOT, " %s | %s |",
                            spread(q, n -> 100 * n.get("classAccuracy").asDouble(), "%.2f %%"),
                            spread(q, n -> 100 * lowest(n.path("classAccuracyByClass")), "%.1f %%")) : " – | – |");
                }
                out.append('\n');
            }
        }
        var floor = evaluator.floor();
        out.append(String.format(Locale.ROOT, "| **real data** (10,000 training images) | | | | | | %.2f | %.2f | %.1f %% – %.1f %% |%s\n",
                floor.fid(), floor.mnistScore(), 100 * floor.classCoverage().values().stream().mapToDouble(v -> v).min().orElse(0),
                100 * floor.classCoverage().values().stream().mapToDouble(v -> v).max().orElse(0),
                classes ? String.format(Locale.ROOT, " %.2f %% (the evaluator on the test images) | |", 100 * evaluator.testAccuracy()) : ""));
        out.append("\nEvery figure on 10,000 samples; median over the seeds with [min–max] when there are several."
                + " Training time is the train command's wall time, start-up and checkpoints included.\n");
        return out.toString();
    }

    /** The batch size a candidate's train options give: its --batch-size, else its profile's. */
    static int batchSize(String options) {
        String[] words = options.trim().split("\\s+");
        String profile = "original";
        Integer batch = null;
        for (int i = 0; i + 1 < words.length; i++) {
            if (words[i].equals("--batch-size")) {
                batch = Integer.parseInt(words[i + 1]);
            } else if (words[i].equals("--profile")) {
                profile = words[i + 1];
            }
        }
        return batch != null ? batch : io.digitgan.core.config.GanConfig.profile(io.digitgan.core.config.Profile.of(profile)).batchSize();
    }

    /** The lowest value of a digit → share map. */
    private static double lowest(JsonNode byClass) {
        double low = 1;
        for (JsonNode v : byClass) {
            low = Math.min(low, v.asDouble());
        }
        return low;
    }

    /** The smallest (or largest) share of a digit among the samples, in percent. */
    private static double share(JsonNode quality, boolean smallest) {
        double best = smallest ? Double.MAX_VALUE : -1;
        for (JsonNode v : quality.path("classCoverage")) {
            best = smallest ? Math.min(best, v.asDouble()) : Math.max(best, v.asDouble());
        }
        return 100 * best;
    }

    /** "median [min–max]" over the runs, or the one value when they agree. */
    static String spread(List<JsonNode> runs, ToDoubleFunction<JsonNode> value, String format) {
        double[] v = runs.stream().mapToDouble(value).sorted().toArray();
        String median = String.format(Locale.ROOT, format, median(v));
        if (String.format(Locale.ROOT, format, v[0]).equals(String.format(Locale.ROOT, format, v[v.length - 1]))) {
            return median;
        }
        return median + String.format(Locale.ROOT, " [" + format + "–" + format + "]", v[0], v[v.length - 1]);
    }

    static double median(double[] sorted) {
        double[] v = sorted.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
