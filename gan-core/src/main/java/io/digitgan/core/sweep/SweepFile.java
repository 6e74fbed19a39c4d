package io.digitgan.core.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.digitgan.core.config.GanConfig;
import io.digitgan.core.config.RunSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A sweep: a base (a profile and overrides), a grid of values and/or a list of runs on top of it,
 * and seeds, expanded into run configs by {@link #expand()} in one fixed order, so that index i is
 * the same run for the command line, the trainer's API and a Kubernetes Job's
 * {@code JOB_COMPLETION_INDEX}. YAML or JSON:
 *
 * <pre>
 * name: lr-width            # the runs are lr-width-000, lr-width-001, …
 * base: {profile: cpu, epochs: 3}
 * grid:                     # every combination, the last key varying fastest
 *   generatorLearningRate: [1e-4, 5e-4]
 *   width: [0.25, 0.5]
 * runs:                     # each combined with every grid point (default: one empty run)
 *   - {loss: bce}
 *   - {loss: hinge, discriminatorLearningRate: 4e-4}
 * seeds: [1, 2, 3]          # every config once per seed (default: [1])
 * </pre>
 *
 * Every value is a field of the run API ({@link RunSpec#FIELDS}); every entry is read into a
 * {@link RunSpec} and its config built and checked at once, and each error names its entry and field.
 */
public final class SweepFile {

    /** The top-level fields. */
    public static final Set<String> FIELDS = Set.of("name", "base", "grid", "runs", "seeds");
    /** More than this is a typo in a grid, not a sweep for this system. */
    public static final int MAX_RUNS = 1_000;
    private static final String NAME = "[A-Za-z0-9][A-Za-z0-9._-]{0,40}";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    // an entry's values as the run API reads its body, but strict: 1.5 is no whole number, "3" no number
    private static final ObjectMapper SPECS = JsonMapper.builder().disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT).build();

    /**
     * One expanded run: its place in the sweep, its id, what it asks for (the base, its grid point and
     * run entry, its seed), the values that vary across the sweep, and its config.
     */
    public record Entry(int index, String runId, RunSpec spec, Map<String, Object> varying, GanConfig config) {}

    private final String name;
    private final Map<String, Object> base;
    private final Map<String, List<Object>> grid;
    private final List<Map<String, Object>> runs;
    private final List<Long> seeds;

    private SweepFile(String name, Map<String, Object> base, Map<String, List<Object>> grid,
            List<Map<String, Object>> runs, List<Long> seeds) {
        this.name = name;
        this.base = base;
        this.grid = grid;
        this.runs = runs;
        this.seeds = seeds;
    }

    /** Reads a sweep file (YAML, of which JSON is a subset). */
    public static SweepFile read(Path file) throws IOException {
        JsonNode root;
        try {
            root = YAML.readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new InvalidSweepException(file + ": not YAML or JSON: " + e.getMessage());
        }
        return parse(root, file.getFileName().toString());
    }

    /** A sweep from its text (YAML or JSON); {@code source} names it in errors. */
    public static SweepFile parse(String text, String source) {
        try {
            return parse(YAML.readTree(text), source);
        } catch (IOException e) {
            throw new InvalidSweepException(source + ": not YAML or JSON: " + e.getMessage());
        }
    }

    private static SweepFile parse(JsonNode root, String source) {
        List<String> errors = new ArrayList<>();
        if (root == null || !root.isObject()) {
            throw new InvalidSweepException(source + ": a sweep is an object with " + FIELDS);
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!FIELDS.contains(field)) {
                errors.add("unknown field '" + field + "' (known: name, base, grid, runs, seeds)");
            }
        }
        String name = root.path("name").isTextual() ? root.get("name").asText() : null;
        if (name == null || !name.matches(NAME)) {
            errors.add("name: 1-41 letters, digits, '.', '_' or '-' (the runs' ids start with it), not "
                    + root.path("name"));
        }
        Map<String, Object> base = overrides(root.get("base"), "base", errors);
        Map<String, List<Object>> grid = new LinkedHashMap<>();
        JsonNode g = root.get("grid");
        if (g != null && !g.isObject()) {
            errors.add("grid: an object of field: [values]");
        } else if (g != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = g.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String where = "grid." + e.getKey();
                checkKey(e.getKey(), where, errors);
                if (!e.getValue().isArray() || e.getValue().isEmpty()) {
                    errors.add(where + ": a non-empty list of values");
                    continue;
                }
                List<Object> values = new ArrayList<>();
                e.getValue().forEach(v -> values.add(value(v)));
                grid.put(e.getKey(), values);
                if (base.containsKey(e.getKey())) {
                    errors.add(where + ": also set in base; say it in one place");
                }
            }
        }
        List<Map<String, Object>> runs = new ArrayList<>();
        JsonNode r = root.get("runs");
        if (r != null && (!r.isArray() || r.isEmpty())) {
            errors.add("runs: a non-empty list of overrides");
        } else if (r != null) {
            for (int i = 0; i < r.size(); i++) {
                Map<String, Object> run = overrides(r.get(i), "runs[" + i + "]", errors);
                for (String key : run.keySet()) {
                    if (grid.containsKey(key)) {
                        errors.add("runs[" + i + "]." + key + ": also in the grid; say it in one place");
                    }
                }
                runs.add(run);
            }
        }
        if (runs.isEmpty()) {
            runs.add(Map.of());
        }
        List<Long> seeds = new ArrayList<>();
        JsonNode s = root.get("seeds");
        if (s != null && (!s.isArray() || s.isEmpty())) {
            errors.add("seeds: a non-empty list of whole numbers");
        } else if (s != null) {
            for (int i = 0; i < s.size(); i++) {
                if (s.get(i).canConvertToExactIntegral() && s.get(i).isNumber()) {
                    seeds.add(s.get(i).asLong());
                } else {
                    errors.add("seeds[" + i + "]: a whole number, not " + s.get(i));
                }
            }
        }
        if (base.containsKey("seed") || grid.containsKey("seed") || runs.stream().anyMatch(m -> m.containsKey("seed"))) {
            errors.add("seed: give the seeds as the sweep's 'seeds' list");
        }
        if (seeds.isEmpty()) {
            seeds.add(1L);
        }
        if (!errors.isEmpty()) {
            throw new InvalidSweepException(source + ": " + String.join("; ", errors));
        }
        return new SweepFile(name, base, grid, runs, seeds);
    }

    private static Map<String, Object> overrides(JsonNode node, String where, List<String> errors) {
        Map<String, Object> values = new LinkedHashMap<>();
        if (node == null) {
            return values;
        }
        if (!node.isObject()) {
            errors.add(where + ": an object of overrides (field: value)");
            return values;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            checkKey(e.getKey(), where + "." + e.getKey(), errors);
            values.put(e.getKey(), value(e.getValue()));
        }
        return values;
    }

    private static void checkKey(String key, String where, List<String> errors) {
        if (key.equals("runId")) {
            errors.add(where + ": the sweep names its runs (<name>-NNN)");
        } else if (!RunSpec.FIELDS.contains(key)) {
            errors.add(where + ": unknown field (known: " + String.join(", ", RunSpec.FIELDS) + ")");
        }
    }

    /** A JSON scalar as the run API's body holds it (numbers as Long or Double, text, booleans). */
    private static Object value(JsonNode v) {
        if (v.isIntegralNumber()) {
            return v.asLong();
        }
        if (v.isNumber()) {
            return v.asDouble();
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isTextual()) {
            return v.asText();
        }
        return v.toString(); // an object or list where a value belongs: the mapping names it as the wrong type
    }

    public String name() {
        return name;
    }

    /** The number of runs it expands to. */
    public int size() {
        long n = (long) runs.size() * seeds.size();
        for (List<Object> values : grid.values()) {
            n *= values.size();
        }
        return (int) Math.min(n, Integer.MAX_VALUE);
    }

    /**
     * Every run, in order: for each entry of {@code runs}, every grid point (the last key varying
     * fastest), each seed; every config built and checked.
     *
     * @throws InvalidSweepException naming each entry and field that is wrong
     */
    public List<Entry> expand() {
        int total = size();
        if (total > MAX_RUNS) {
            throw new InvalidSweepException("sweep " + name + ": " + total + " runs, more than " + MAX_RUNS);
        }
        List<String> keys = new ArrayList<>(grid.keySet());
        List<Entry> entries = new ArrayList<>(total);
        List<String> errors = new ArrayList<>();
        int points = total / (runs.size() * seeds.size());
        for (int r = 0; r < runs.size(); r++) {
            for (int p = 0; p < points; p++) {
                Map<String, Object> varying = new LinkedHashMap<>();
                int rest = p;
                for (int k = keys.size() - 1; k >= 0; k--) {
                    List<Object> values = grid.get(keys.get(k));
                    varying.put(keys.get(k), values.get(rest % values.size()));
                    rest /= values.size();
                }
                Map<String, Object> point = new LinkedHashMap<>();
                keys.forEach(k -> point.put(k, varying.get(k))); // in the file's order
                point.putAll(runs.get(r));
                for (long seed : seeds) {
                    int index = entries.size() + errors.size();
                    Map<String, Object> o = new LinkedHashMap<>(base);
                    o.putAll(point);
                    o.put("seed", seed);
                    String runId = String.format("%s-%03d", name, index);
                    try {
                        RunSpec spec = spec(o).withRunId(runId);
                        GanConfig config = spec.toConfig(RunSpec.Defaults.original());
                        Map<String, Object> says = new LinkedHashMap<>(point);
                        says.put("seed", seed);
                        entries.add(new Entry(index, runId, spec, java.util.Collections.unmodifiableMap(says), config));
                    } catch (IllegalArgumentException e) {
                        errors.add("entry " + index + " (" + describe(runs.size() > 1 ? r : -1, point, seed) + "): "
                                + e.getMessage());
                    }
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidSweepException("sweep " + name + ": " + String.join("; ", errors));
        }
        return entries;
    }

    /** An entry's values read as the run API reads its body. @throws IllegalArgumentException naming the field */
    private static RunSpec spec(Map<String, Object> values) {
        try {
            return SPECS.convertValue(values, RunSpec.class);
        } catch (IllegalArgumentException e) {
            if (e.getCause() instanceof JsonMappingException m && !m.getPath().isEmpty()) {
                String field = m.getPath().get(0).getFieldName();
                throw new IllegalArgumentException(m.getCause() instanceof IllegalArgumentException named
                        ? named.getMessage() // an enum's own message: "loss must be one of [bce, hinge, lsgan], not 'x'"
                        : field + " must be " + kind(m) + ", not " + values.get(field), e);
            }
            throw e;
        }
    }

    private static String kind(JsonMappingException e) {
        Class<?> type = e instanceof MismatchedInputException mi ? mi.getTargetType() : null;
        if (type == Integer.class || type == Long.class) {
            return "a whole number";
        }
        return type == Double.class ? "a number" : type == Boolean.class ? "true or false" : "a " + (type == null ? "value"
                : type.getSimpleName().toLowerCase(java.util.Locale.ROOT)) + " id";
    }

    /** The {@code index}th run (a Job pod's {@code JOB_COMPLETION_INDEX}). */
    public Entry entry(int index) {
        List<Entry> all = expand();
        if (index < 0 || index >= all.size()) {
            throw new InvalidSweepException("sweep " + name + " has runs 0.." + (all.size() - 1) + ", not " + index);
        }
        return all.get(index);
    }

    private static String describe(int run, Map<String, Object> point, long seed) {
        StringBuilder s = new StringBuilder();
        if (run >= 0) {
            s.append("runs[").append(run).append("], ");
        }
        point.forEach((k, v) -> s.append(k).append('=').append(v).append(", "));
        return s.append("seed ").append(seed).toString();
    }
}
