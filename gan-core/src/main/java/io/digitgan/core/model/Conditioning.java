package io.digitgan.core.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;

/** How a conditional discriminator is told the label. */
public enum Conditioning {
    /** The label's embedding dotted with the discriminator's features (Miyato and Koyama's projection). */
    PROJECTION("projection"),
    /** The label as ten constant input planes beside the image. */
    LABEL_MAPS("label-maps");

    /** The ids, as configs, options and the run API spell them. */
    public static final List<String> IDS = Arrays.stream(values()).map(Conditioning::id).toList();

    private final String id;

    Conditioning(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    /** @throws IllegalArgumentException naming the ids when {@code id} is none of them */
    @JsonCreator
    public static Conditioning of(String id) {
        return Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst().orElseThrow(
                () -> new IllegalArgumentException("conditioning must be one of " + IDS + ", not '" + id + "'"));
    }

    @Override
    public String toString() {
        return id;
    }
}
