package io.digitgan.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.digitgan.events.CheckpointEvent;
import io.digitgan.events.RunEvent;
import io.digitgan.events.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The trainer's run-to-completion mode, as a sweep's Job pod runs it: the built jar, a real broker,
 * one entry of a sweep file chosen by index, trained to its end, then the process exits.
 */
class SweepEntryTest {

    static final String SWEEP = """
            name: e2e
            base: {profile: smoke, epochs: 1, maxImages: 512, conditional: true}
            grid:
              loss: [bce, hinge]
            """;

    @Test
    void aPodTrainsItsEntryToTheEndAndARepeatedOneSkipsItWhileWrongIndexesFailClearly() throws Exception {
        try (Services s = new Services("sweep")) {
            Path sweep = s.data.resolve("sweep.yaml");
            Files.writeString(sweep, SWEEP);

            assertEquals(0, exit(s.runSweepEntry(sweep, 1, "entry-1")), log(s, "entry-1"));
            JsonNode run = Services.JSON.readTree(s.data.resolve("checkpoints/e2e-001/run.json").toFile());
            assertEquals("COMPLETED", run.path("status").asText());
            assertEquals("e2e", run.path("sweep").asText());
            assertEquals("hinge", run.path("config").path("loss").asText(), "entry 1 is the grid's second value");
            assertEquals(1, run.path("config").path("seed").asLong(), "the sweep's default seed");
            assertTrue(Files.notExists(s.data.resolve("checkpoints/e2e-000")), "only its own entry");
            List<RunEvent> events = FaultInjectionTest.events(s, Topics.RUNS, RunEvent.class, "e2e-001");
            assertEquals(List.of("STARTED", "COMPLETED"), events.stream().map(RunEvent::type).toList(),
                    "its events reached Kafka before it exited");
            assertEquals(List.of("e2e", "e2e"), events.stream().map(RunEvent::sweep).toList(),
                    "each names its sweep: the dashboard's sweep filter");
            assertEquals(1, FaultInjectionTest.events(s, Topics.CHECKPOINTS, CheckpointEvent.class, "e2e-001").size());

            // the Job runs a pod again (a node lost after the run ended): nothing is trained twice
            assertEquals(0, exit(s.runSweepEntry(sweep, 1, "entry-1-again")), log(s, "entry-1-again"));
            assertTrue(log(s, "entry-1-again").contains("run e2e-001 is COMPLETED already"), log(s, "entry-1-again"));
            assertEquals(2, FaultInjectionTest.events(s, Topics.RUNS, RunEvent.class, "e2e-001").size());

            assertEquals(1, exit(s.runSweepEntry(sweep, 2, "entry-2")));
            assertTrue(log(s, "entry-2").contains("sweep e2e has runs 0..1, not 2"), log(s, "entry-2"));
            assertEquals(2, exit(s.runSweepEntry(sweep, null, "no-index")));
            assertTrue(log(s, "no-index").contains("JOB_COMPLETION_INDEX"), log(s, "no-index"));
        }
    }

    static int exit(Process p) throws InterruptedException {
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the trainer exits when its entry has ended");
        return p.exitValue();
    }

    static String log(Services s, String name) throws java.io.IOException {
        return Files.readString(s.data.resolve(name + ".log"));
    }
}
