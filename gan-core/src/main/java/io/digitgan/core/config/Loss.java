package io.digitgan.core.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The adversarial loss of a run. */
public enum Loss {
    /** Non-saturating cross-entropy, the report's. */
    BCE,
    /** Hinge: D pushes real above +1 and fake below -1. */
    HINGE,
    /** Least squares (LSGAN). */
    LSGAN;

    /** The ids, as configs, options and the run API spell them. */
    public static final List<String> IDS = Arrays.stream(values()).map(Loss::id).toList();

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the ids when {@code id} is none of them */
    @JsonCreator
    public static Loss of(String id) {
        return Arrays.stream(values()).filter(l -> l.id().equalsIgnoreCase(id)).findFirst().orElseThrow(
                () -> new IllegalArgumentException("loss must be one of " + IDS + ", not '" + id + "'"));
    }

    @Override
    public String toString() {
        return id();
    }
}
