package io.digitgan.service.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** When the start-up replay has read the history: every partition to where it ended when the replay began. */
class ReplayProgressTest {

    static final TopicPartition RUNS = new TopicPartition("gan.runs", 0);
    static final TopicPartition METRICS = new TopicPartition("gan.training.metrics", 0);
    static final TopicPartition EMPTY = new TopicPartition("gan.samples", 0);

    @Test
    void caughtUpOnceEveryPartitionReachedItsEndAtTheStartAndThenForGood() {
        ReplayProgress p = new ReplayProgress();
        assertFalse(p.caughtUp(), "the ends are not known yet");
        // gan.runs was compacted: its first record left is at offset 40
        p.target(Map.of(RUNS, 40L, METRICS, 0L, EMPTY, 7L), Map.of(RUNS, 50L, METRICS, 100L, EMPTY, 7L));
        assertEquals(110, p.total());
        p.applied(RUNS, 49);
        for (long offset = 0; offset < 98; offset++) {
            p.applied(METRICS, offset);
        }
        assertFalse(p.caughtUp(), "two metrics records to go");
        assertEquals(108, p.replayed());
        p.applied(METRICS, 99); // 98 was a transaction marker or compacted away: the offsets need not be dense
        assertTrue(p.caughtUp());
        p.target(Map.of(RUNS, 0L), Map.of(RUNS, 1000L));
        assertTrue(p.caughtUp(), "later targets are ignored; live records do not make it unready");
    }

    @Test
    void anAssignmentAgainResumesAfterTheLastRecordHandledOrWhereTheReplayStarted() {
        ReplayProgress p = new ReplayProgress();
        assertEquals(null, p.resumeAt(RUNS), "no target yet: the first assignment decides");
        p.target(Map.of(RUNS, 40L, METRICS, 100L), Map.of(RUNS, 50L, METRICS, 100L)); // metrics followed from its end
        p.applied(RUNS, 44);
        assertEquals(45L, p.resumeAt(RUNS));
        assertEquals(100L, p.resumeAt(METRICS), "nothing handled yet: where it started, not its beginning");
        p.applied(METRICS, 130);
        assertEquals(131L, p.resumeAt(METRICS));
        assertEquals(null, p.resumeAt(EMPTY), "a partition the target does not know");
    }

    @Test
    void anEmptyHistoryIsReadAtOnce() {
        ReplayProgress p = new ReplayProgress();
        p.target(Map.of(RUNS, 0L, EMPTY, 0L), Map.of(RUNS, 0L, EMPTY, 0L));
        assertTrue(p.caughtUp());
        assertEquals(0, p.total());
    }
}
