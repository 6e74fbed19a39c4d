package io.digitgan.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.digitgan.events.RunEvent;
import io.digitgan.events.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code ./digitgan sweep} on a real broker: the runs one after another, Ctrl-C in the middle
 * (INT to the terminal's process group), and the same command again skipping nothing that is
 * unfinished and training nothing twice.
 */
class LocalSweepTest {

    static final String SWEEP = """
            name: local
            base: {profile: smoke, epochs: 3, maxImages: 1024, conditional: true}
            grid:
              loss: [bce, hinge]
            """;

    @Test
    void aSweepStoppedWithCtrlCResumesWhereItStoppedWhenRunAgain() throws Exception {
        try (Services s = new Services("local-sweep")) {
            Path sweep = s.data.resolve("sweep.yaml");
            Files.writeString(sweep, SWEEP);
            Path checkpoints = s.data.resolve("checkpoints");

            Process first = sweep(s, sweep, "first");
            await().atMost(Duration.ofMinutes(4)).until(() -> Files.isDirectory(checkpoints.resolve("local-000/epoch-0001")));
            // Ctrl-C: INT to the whole group, as a terminal sends it
            assertEquals(0, new ProcessBuilder("kill", "-INT", "--", "-" + first.pid()).start().waitFor());
            assertTrue(first.waitFor(2, TimeUnit.MINUTES), "Ctrl-C stops the sweep");
            String out = Files.readString(s.data.resolve("first.out"));
            assertEquals(130, first.exitValue(), out);
            assertTrue(out.contains("Run the same command again to resume"), out);
            JsonNode stopped = run(checkpoints, "local-000");
            assertEquals("RUNNING", stopped.path("status").asText(), "left to resume, not failed");
            int stoppedAfter = stopped.path("lastEpoch").asInt();
            assertTrue(stoppedAfter >= 1 && stoppedAfter < 3, "stopped mid-run: " + stoppedAfter);
            assertTrue(Files.notExists(checkpoints.resolve("local-001")), "the second run had not begun");

            Process second = sweep(s, sweep, "second");
            assertTrue(second.waitFor(6, TimeUnit.MINUTES), "the sweep ends");
            String again = Files.readString(s.data.resolve("second.out"));
            assertEquals(0, second.exitValue(), again);
            assertTrue(again.contains("local-000 resuming"), again);
            assertTrue(again.contains("local-001 starting"), again);
            assertTrue(again.contains("[2/2]"), again);
            for (String id : List.of("local-000", "local-001")) {
                JsonNode done = run(checkpoints, id);
                assertEquals("COMPLETED", done.path("status").asText(), id);
                assertEquals(3, done.path("lastEpoch").asInt(), id);
                assertEquals("local", done.path("sweep").asText(), id);
            }
            assertEquals("hinge", run(checkpoints, "local-001").path("config").path("loss").asText());
            List<RunEvent> lifecycle = FaultInjectionTest.events(s, Topics.RUNS, RunEvent.class, "local-000");
            RunEvent resumed = lifecycle.stream().filter(e -> e.type().equals("RESUMED")).findFirst().orElseThrow();
            assertEquals(stoppedAfter, resumed.epoch(), "resumed after the epoch it had checkpointed");

            // a third call has nothing left to do
            Process third = sweep(s, sweep, "third");
            assertTrue(third.waitFor(1, TimeUnit.MINUTES));
            assertEquals(0, third.exitValue());
            assertEquals(2, Files.readString(s.data.resolve("third.out")).split("COMPLETED before: skipped", -1).length - 1);
        }
    }

    /** {@code ./digitgan sweep} as a terminal starts it: its own process group, INT not ignored. */
    static Process sweep(Services s, Path sweep, String name) throws IOException {
        ProcessBuilder b = new ProcessBuilder("setsid", "env", "--default-signal=INT", "./digitgan", "sweep",
                sweep.toString(), "--data-dir", s.data.toString())
                .directory(s.root.toFile()).redirectErrorStream(true)
                .redirectOutput(s.data.resolve(name + ".out").toFile());
        b.environment().put("KAFKA_BOOTSTRAP_SERVERS", s.kafka.bootstrapServers());
        b.environment().put("DIGITGAN_QUALITY_EVERY_EPOCHS", "-1");
        return b.start();
    }

    static JsonNode run(Path checkpoints, String id) throws IOException {
        return Services.JSON.readTree(checkpoints.resolve(id).resolve("run.json").toFile());
    }
}
