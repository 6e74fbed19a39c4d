package io.digitgan.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.charset.StandardCharsets;

/**
 * The JSON form of events: UTF-8, ISO-8601 instants, unknown fields ignored, missing required
 * fields and wrong versions rejected with an {@link InvalidEventException} that says what.
 */
public final class EventJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private EventJson() {}

    public static String toJson(GanEvent event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + event, e);
        }
    }

    public static byte[] toBytes(GanEvent event) {
        return toJson(event).getBytes(StandardCharsets.UTF_8);
    }

    public static <T extends GanEvent> T fromJson(String json, Class<T> type) {
        if (json == null || json.isBlank()) {
            throw new InvalidEventException(name(type) + ": empty message");
        }
        try {
            return MAPPER.readValue(json, type);
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause();
            if (cause instanceof InvalidEventException invalid) {
                throw invalid;
            }
            throw new InvalidEventException(name(type) + ": " + e.getOriginalMessage(), e);
        } catch (MismatchedInputException e) {
            String field = e.getPath().isEmpty() ? "" : " (field '" + e.getPath().get(e.getPath().size() - 1).getFieldName() + "')";
            throw new InvalidEventException(name(type) + ": " + firstLine(e.getOriginalMessage()) + field, e);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException(name(type) + ": not valid JSON: " + firstLine(e.getOriginalMessage()), e);
        }
    }

    public static <T extends GanEvent> T fromBytes(byte[] json, Class<T> type) {
        return fromJson(json == null ? null : new String(json, StandardCharsets.UTF_8), type);
    }

    /** For callers that need the same mapper settings (e.g. to turn a config into a map). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    private static String name(Class<?> type) {
        return type.getSimpleName();
    }

    private static String firstLine(String message) {
        int nl = message == null ? -1 : message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
