package io.digitgan.events;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventJsonTest {

    static final String SHA = "ab".repeat(32);

    static List<GanEvent> examples() {
        Quality quality = new Quality(12.5, 8.9, Map.of("0", 0.1, "1", 0.11));
        return List.of(
                RunEvent.started("run-1", Map.of("epochs", 3, "model", Map.of("width", 0.25)), "cpu()", 0),
                RunEvent.resumed("run-1", Map.of("epochs", 3), "cpu()", 1),
                RunEvent.failed("run-1", 2, "generator loss became NaN"),
                RunEvent.completed("run-1", 3),
                MetricsEvent.training("PROGRESS", "run-1", 1, 50, 0.9, 1.3, 0.6, 0.4, 0.1, 700.0, null, null),
                MetricsEvent.training("EPOCH", "run-1", 1, 468, 0.9, 1.3, 0.6, 0.4, 0.1, 700.0, 80.1, quality),
                MetricsEvent.system("run-1", 1, 100, new SystemFigures("cpu()", 0.93, 123_456_789L, 2_000_000_000L, 5_000_000_000L, null)),
                SampleEvent.of("run-1", 1, new byte[] {(byte) 0x89, 'P', 'N', 'G'}),
                new CheckpointEvent(1, "CHECKPOINT", "run-1", 1, "run-1/epoch-0001", SHA, 4096,
                        new CheckpointEvent.ModelInfo("dcgan", 0.25, 100), quality,
                        new CheckpointEvent.Best(1, "run-1/epoch-0001", 12.5), Instant.parse("2026-11-29T10:00:00Z")),
                RunEvent.of("STARTED", "lr-003", 0, Map.of("epochs", 3), "cpu()", Instant.parse("2026-11-29T09:00:00Z"), null,
                        "lr")); // a sweep's entry
    }

    @Test
    void roundTripsEveryType() {
        for (GanEvent event : examples()) {
            String json = EventJson.toJson(event);
            assertTrue(json.contains("\"schemaVersion\":1"), json);
            GanEvent back = EventJson.fromJson(json, event.getClass());
            if (event instanceof SampleEvent s) {
                assertArrayEquals(s.png(), ((SampleEvent) back).png());
            }
            assertEquals(event, back, json);
            assertEquals(event.dedupeKey(), back.dedupeKey());
        }
    }

    @Test
    void leavesAbsentOptionalFieldsOut() {
        String json = EventJson.toJson(RunEvent.completed("run-1", 3));
        assertFalse(json.contains("reason"), json);
        assertFalse(json.contains("config"), json);
        assertFalse(json.contains("sweep"), "a run of its own names no sweep: " + json);
    }

    @Test
    void ignoresUnknownFields() {
        String json = "{\"schemaVersion\":1,\"type\":\"COMPLETED\",\"runId\":\"r\",\"epoch\":4,"
                + "\"timestamp\":\"2026-11-29T10:00:00Z\",\"addedInVersion2\":{\"x\":[1,2]},\"flag\":true}";
        RunEvent event = EventJson.fromJson(json, RunEvent.class);
        assertEquals(4, event.epoch());
        assertEquals("r", event.runId());
    }

    @Test
    void rejectsAMissingRequiredField() {
        String json = "{\"schemaVersion\":1,\"type\":\"COMPLETED\",\"epoch\":4,\"timestamp\":\"2026-11-29T10:00:00Z\"}";
        InvalidEventException e = assertThrows(InvalidEventException.class, () -> EventJson.fromJson(json, RunEvent.class));
        assertTrue(e.getMessage().contains("runId"), e.getMessage());

        String noEpoch = "{\"schemaVersion\":1,\"type\":\"EPOCH\",\"runId\":\"r\",\"step\":4,\"genLoss\":1,\"discLoss\":1,"
                + "\"timestamp\":\"2026-11-29T10:00:00Z\"}";
        e = assertThrows(InvalidEventException.class, () -> EventJson.fromJson(noEpoch, MetricsEvent.class));
        assertTrue(e.getMessage().contains("epoch"), e.getMessage());

        String noLoss = "{\"schemaVersion\":1,\"type\":\"EPOCH\",\"runId\":\"r\",\"epoch\":1,\"step\":4,"
                + "\"timestamp\":\"2026-11-29T10:00:00Z\"}";
        e = assertThrows(InvalidEventException.class, () -> EventJson.fromJson(noLoss, MetricsEvent.class));
        assertTrue(e.getMessage().contains("genLoss"), e.getMessage());
    }

    @Test
    void rejectsAnotherSchemaVersion() {
        String json = EventJson.toJson(RunEvent.completed("run-1", 3)).replace("\"schemaVersion\":1", "\"schemaVersion\":2");
        InvalidEventException e = assertThrows(InvalidEventException.class, () -> EventJson.fromJson(json, RunEvent.class));
        assertTrue(e.getMessage().contains("schemaVersion 2 is not supported"), e.getMessage());
        String none = EventJson.toJson(RunEvent.completed("run-1", 3)).replace("\"schemaVersion\":1,", "");
        e = assertThrows(InvalidEventException.class, () -> EventJson.fromJson(none, RunEvent.class));
        assertTrue(e.getMessage().contains("schemaVersion"), e.getMessage());
    }

    @Test
    void rejectsBadValuesAndBadJson() {
        String wrongType = EventJson.toJson(RunEvent.completed("run-1", 3)).replace("COMPLETED", "EXPLODED");
        InvalidEventException e = assertThrows(InvalidEventException.class, () -> EventJson.fromJson(wrongType, RunEvent.class));
        assertTrue(e.getMessage().contains("EXPLODED"), e.getMessage());
        assertThrows(InvalidEventException.class, () -> EventJson.fromJson("{not json", RunEvent.class));
        assertThrows(InvalidEventException.class, () -> EventJson.fromJson("", RunEvent.class));
        String badSha = EventJson.toJson(examples().get(8)).replace(SHA, "xyz");
        e = assertThrows(InvalidEventException.class, () -> EventJson.fromJson(badSha, CheckpointEvent.class));
        assertTrue(e.getMessage().contains("sha256"), e.getMessage());
        String startedWithoutConfig = "{\"schemaVersion\":1,\"type\":\"STARTED\",\"runId\":\"r\",\"epoch\":0,"
                + "\"timestamp\":\"2026-11-29T10:00:00Z\"}";
        e = assertThrows(InvalidEventException.class, () -> EventJson.fromJson(startedWithoutConfig, RunEvent.class));
        assertTrue(e.getMessage().contains("config"), e.getMessage());
    }

    @Test
    void topicsMatchTheDesign() {
        assertEquals(List.of("gan.runs", "gan.training.metrics", "gan.samples", "gan.checkpoints"),
                Topics.ALL.stream().map(Topics.Topic::name).toList());
        assertEquals("compact", Topics.ALL.get(0).cleanupPolicy());
        assertEquals("compact", Topics.ALL.get(3).cleanupPolicy());
        assertEquals(-1L, Topics.ALL.get(1).retentionMs()); // issue 14: history as long as the checkpoints
    }
}
