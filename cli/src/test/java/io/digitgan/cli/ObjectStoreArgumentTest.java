package io.digitgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.digitgan.core.checkpoint.Checkpoint;
import io.digitgan.core.checkpoint.CheckpointStore;
import io.digitgan.core.checkpoint.S3CheckpointStore;
import io.digitgan.core.checkpoint.S3Location;
import io.digitgan.core.config.GanConfig;
import io.digitgan.s3.LocalS3;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What evaluate, export and train --resume take: s3://bucket/prefix/<run>[/epoch-NNNN], found on a real S3 server. */
class ObjectStoreArgumentTest {

    @TempDir
    Path dir;

    @Test
    void aRunOrOneCheckpointInABucketIsFetchedWithTheEnvironmentsEndpointAndKeys() throws Exception {
        try (LocalS3 s3 = LocalS3.onFreePort(dir.resolve("server")).start().createBucket("models")) {
            CheckpointStore writer = new S3CheckpointStore(
                    S3Location.of("models", "team/a", s3.endpoint(), s3.accessKey(), s3.secretKey()), dir.resolve("w"));
            for (int epoch = 1; epoch <= 2; epoch++) {
                int e = epoch;
                writer.write("r1", epoch, epoch, GanConfig.profile(io.digitgan.core.config.Profile.SMOKE), Map.of("a.bin", out -> out.writeInt(e)));
            }
            Map<String, String> env = Map.of("DIGITGAN_CHECKPOINTS_S3_ENDPOINT", s3.endpoint(),
                    "DIGITGAN_CHECKPOINTS_S3_ACCESS_KEY_ID", s3.accessKey(),
                    "DIGITGAN_CHECKPOINTS_S3_SECRET_ACCESS_KEY", s3.secretKey(),
                    "DIGITGAN_CHECKPOINTS_DIR", dir.resolve("cli").toString());

            Checkpoint newest = DigitGanCli.findCheckpoint("s3://models/team/a/r1", env);
            assertEquals(2, newest.epoch());
            assertTrue(Files.isRegularFile(newest.dir().resolve("a.bin")), "downloaded: " + newest.dir());
            assertTrue(newest.dir().startsWith(dir.resolve("cli")), "into DIGITGAN_CHECKPOINTS_DIR: " + newest.dir());
            newest.verify();
            assertEquals(1, DigitGanCli.findCheckpoint("s3://models/team/a/r1/epoch-0001/", env).verify().epoch());
            assertThrows(IllegalArgumentException.class, () -> DigitGanCli.findCheckpoint("s3://models/team/a/r9", env));
        }
    }
}
