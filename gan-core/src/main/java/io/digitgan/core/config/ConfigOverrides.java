package io.digitgan.core.config;

import io.digitgan.core.data.Dataset;
import io.digitgan.core.model.ModelConfig;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one mapping from a profile and named values on top of it to a {@link GanConfig}, shared by
 * the trainer's {@code POST /api/v1/runs} (its JSON body) and the {@code train} command (its
 * options, by the same names). Unknown names and values of the wrong type are errors that name
 * them.
 */
public final class ConfigOverrides {

    public static final Set<String> KEYS = new TreeSet<>(List.of("runId", "profile", "epochs", "width", "batchSize", "maxImages",
            "seed", "generatorLearningRate", "discriminatorLearningRate", "noiseStart", "noiseEnd", "sampleEvery",
            "checkpointEvery", "latentSize", "loss", "emaDecay", "maxMinutes", "noiseEpochs", "beta1", "beta2",
            "realLabel", "discriminatorWidth", "dropout", "conditional", "conditioning", "dataset"));

    /** The keys whose values may have a fraction; every other number must be whole. */
    public static final Set<String> DECIMAL = Set.of("width", "generatorLearningRate", "discriminatorLearningRate", "noiseStart",
            "noiseEnd", "emaDecay", "maxMinutes", "beta1", "beta2", "realLabel", "discriminatorWidth", "dropout");

    private ConfigOverrides() {}

    /** @throws IllegalArgumentException naming every bad value */
    public static GanConfig apply(Map<String, Object> body, String defaultProfile, int checkpointEvery) {
        Map<String, Object> o = body == null ? Map.of() : body;
        List<String> errors = new ArrayList<>();
        for (String key : o.keySet()) {
            if (!KEYS.contains(key)) {
                errors.add("unknown field '" + key + "' (known: " + String.join(", ", KEYS) + ")");
            }
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", errors));
        }
        String profile = o.containsKey("profile") ? text(o, "profile") : defaultProfile;
        GanConfig c = GanConfig.profile(profile).withCheckpointEvery(checkpointEvery);
        Number width = number(o, "width", errors);
        Number latent = number(o, "latentSize", errors);
        Number epochs = number(o, "epochs", errors);
        Number batch = number(o, "batchSize", errors);
        Number maxImages = number(o, "maxImages", errors);
        Number seed = number(o, "seed", errors);
        Number lrG = number(o, "generatorLearningRate", errors);
        Number lrD = number(o, "discriminatorLearningRate", errors);
        Number noiseStart = number(o, "noiseStart", errors);
        Number noiseEnd = number(o, "noiseEnd", errors);
        Number sampleEvery = number(o, "sampleEvery", errors);
        Number every = number(o, "checkpointEvery", errors);
        Number emaDecay = number(o, "emaDecay", errors);
        Number maxMinutes = number(o, "maxMinutes", errors);
        Number noiseEpochs = number(o, "noiseEpochs", errors);
        Number beta1 = number(o, "beta1", errors);
        Number beta2 = number(o, "beta2", errors);
        Number realLabel = number(o, "realLabel", errors);
        Number discriminatorWidth = number(o, "discriminatorWidth", errors);
        Number dropout = number(o, "dropout", errors);
        String loss = typed(o, "loss", String.class, errors, "loss must be a string, one of " + GanConfig.LOSSES);
        Boolean conditional = typed(o, "conditional", Boolean.class, errors, "conditional must be true or false, not " + o.get("conditional"));
        String conditioning = typed(o, "conditioning", String.class, errors,
                "conditioning must be a string, one of " + ModelConfig.CONDITIONINGS);
        String datasetId = typed(o, "dataset", String.class, errors, "dataset must be a string, one of " + Dataset.IDS);
        Dataset dataset = null;
        try {
            dataset = datasetId == null ? null : Dataset.of(datasetId);
        } catch (IllegalArgumentException e) {
            errors.add(e.getMessage());
        }
        if (Boolean.FALSE.equals(conditional) && conditioning != null) {
            errors.add("conditioning '" + conditioning + "' needs conditional true");
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", errors));
        }
        if (width != null || latent != null) {
            ModelConfig m = c.model();
            c = c.withModel(m.withLatentSize(latent != null ? latent.intValue() : m.latentSize())
                    .withWidths(width != null ? width.doubleValue() : m.width(), m.discriminatorWidth()));
        }
        if (epochs != null) {
            c = c.withEpochs(epochs.intValue());
        }
        if (batch != null) {
            c = c.withBatchSize(batch.intValue());
        }
        if (maxImages != null) {
            c = c.withMaxImages(maxImages.intValue());
        }
        if (lrG != null || lrD != null) {
            c = c.withLearningRates(lrG != null ? lrG.doubleValue() : c.generatorLearningRate(),
                    lrD != null ? lrD.doubleValue() : c.discriminatorLearningRate());
        }
        if (noiseStart != null || noiseEnd != null) {
            c = c.withNoise(noiseStart != null ? noiseStart.doubleValue() : c.noiseStart(),
                    noiseEnd != null ? noiseEnd.doubleValue() : c.noiseEnd());
        }
        if (sampleEvery != null) {
            c = c.withSampleEvery(sampleEvery.intValue());
        }
        if (every != null) {
            c = c.withCheckpointEvery(every.intValue());
        }
        GanConfig.Builder b = c.toBuilder();
        ifGiven(emaDecay, v -> b.emaDecay(v.doubleValue()));
        ifGiven(maxMinutes, v -> b.maxMinutes(v.doubleValue()));
        ifGiven(noiseEpochs, v -> b.noiseEpochs(v.intValue()));
        ifGiven(beta1, v -> b.beta1(v.doubleValue()));
        ifGiven(beta2, v -> b.beta2(v.doubleValue()));
        ifGiven(realLabel, v -> b.realLabel(v.doubleValue()));
        ifGiven(loss, b::loss);
        ifGiven(discriminatorWidth, v -> b.discriminatorWidth(v.doubleValue()));
        ifGiven(dropout, v -> b.dropout(v.doubleValue()));
        ifGiven(dataset, b::dataset); // before conditional(): the classes are the dataset's
        if (Boolean.TRUE.equals(conditional) || conditioning != null) {
            b.conditional(conditioning);
        }
        return b.seed(seed != null ? seed.longValue() : new SecureRandom().nextLong() & 0xFFFF_FFFFL).build();
    }

    private static <T> void ifGiven(T value, java.util.function.Consumer<T> setter) {
        if (value != null) {
            setter.accept(value);
        }
    }

    /** The value of {@code key} when it has the type, null when absent; else {@code message} is an error. */
    private static <T> T typed(Map<String, Object> o, String key, Class<T> type, List<String> errors, String message) {
        Object v = o.get(key);
        if (v == null) {
            return null;
        }
        if (type.isInstance(v)) {
            return type.cast(v);
        }
        errors.add(message);
        return null;
    }

    private static String text(Map<String, Object> o, String key) {
        Object v = o.get(key);
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException(key + " must be a string");
        }
        return s;
    }

    private static Number number(Map<String, Object> o, String key, List<String> errors) {
        Object v = o.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof Number n) {
            boolean integral = !DECIMAL.contains(key);
            if (integral && n.doubleValue() != Math.rint(n.doubleValue())) {
                errors.add(key + " must be a whole number, not " + v);
                return null;
            }
            return n;
        }
        errors.add(key + " must be a number, not " + (v instanceof String ? "'" + v + "'" : v));
        return null;
    }
}
