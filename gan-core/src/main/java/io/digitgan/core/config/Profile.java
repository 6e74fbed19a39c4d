package io.digitgan.core.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The named recipes a run starts from ({@link GanConfig#profile(Profile)} gives their configs). */
public enum Profile {
    /** The report's recipe: 150 epochs at width 1.0. */
    ORIGINAL,
    /** Recognisable digits within ten minutes on two cores. */
    CPU,
    /** A tiny run of about a minute, for end-to-end checks. */
    SMOKE;

    /** The ids, as configs, options and the run API spell them. */
    public static final List<String> IDS = Arrays.stream(values()).map(Profile::id).toList();

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the ids when {@code id} is none of them */
    @JsonCreator
    public static Profile of(String id) {
        return Arrays.stream(values()).filter(p -> p.id().equalsIgnoreCase(id)).findFirst().orElseThrow(
                () -> new IllegalArgumentException("profile must be one of " + IDS + ", not '" + id + "'"));
    }

    @Override
    public String toString() {
        return id();
    }
}
