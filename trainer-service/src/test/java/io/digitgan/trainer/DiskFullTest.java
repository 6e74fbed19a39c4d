package io.digitgan.trainer;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.digitgan.core.checkpoint.Checkpoint;
import io.digitgan.events.CheckpointEvent;
import io.digitgan.kafka.QuarkusKafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The checkpoint store on a 7 MB tmpfs mounted for the test: a checkpoint of the tiny run is about
 * 4.8 MB, so the first fits and the second fills the disk. The run stops as FAILED saying the disk
 * is full, epoch 1 stays intact and verifiable, nothing of epoch 2 is left or announced.
 */
@QuarkusTest
@TestProfile(DiskFullTest.SmallDisk.class)
@QuarkusTestResource(QuarkusKafkaResource.class)
class DiskFullTest {

    static Path mount;
    static boolean mounted;

    /** Mounts the tmpfs (root only: without it the test is skipped, and says so). */
    public static class SmallDisk implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                mount = Files.createTempDirectory("digitgan-small-disk");
                Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=7m", "tmpfs", mount.toString())
                        .redirectErrorStream(true).start();
                mounted = p.waitFor() == 0;
                if (mounted) {
                    Path m = mount;
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                        try {
                            new ProcessBuilder("umount", "-l", m.toString()).start().waitFor();
                        } catch (Exception e) {
                            // the JVM ends anyway
                        }
                    }));
                }
            } catch (IOException | InterruptedException e) {
                mounted = false;
            }
            return Map.of("digitgan.checkpoints.dir", mount.toString(), "digitgan.checkpoints.keep", "5");
        }
    }

    @Test
    void aFullDiskStopsTheRunSayingSoAndKeepsTheEarlierCheckpoint() throws Exception {
        assumeTrue(mounted, "mounting a tmpfs needs root (CI runs as root)");
        String runId = "disk-full";
        TrainerServiceTest.start(TrainerServiceTest.tiny(runId, 3, 64));
        TrainerServiceTest.awaitStatus(runId, "FAILED");
        String reason = given().get("/api/v1/runs/" + runId).path("reason");
        assertTrue(reason.contains("the disk is full"), reason);

        Path run = mount.resolve(runId);
        try (Stream<Path> left = Files.list(run)) {
            List<String> names = left.map(p -> p.getFileName().toString()).sorted().toList();
            assertTrue(names.contains("epoch-0001"), names.toString());
            assertTrue(names.stream().noneMatch(n -> n.startsWith("epoch-0002") || n.startsWith(".tmp-")),
                    "nothing half-written is left: " + names);
        }
        Checkpoint.open(run.resolve("epoch-0001")).verify(); // every file matches its manifest's sha256
        List<Integer> announced = EventLog.checkpoints(runId).stream().map(CheckpointEvent::epoch).distinct().toList();
        assertEquals(List.of(1), announced, "only the complete checkpoint is announced");
        assertEquals("FAILED", EventLog.runs(runId).get(EventLog.runs(runId).size() - 1).type());
    }
}
