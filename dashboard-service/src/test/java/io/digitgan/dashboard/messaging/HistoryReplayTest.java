package io.digitgan.dashboard.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.digitgan.events.Topics;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * Where the dashboard's consumer reads from: runs and checkpoints from their beginning, metrics and
 * samples from their end, and after a rebalance on from where it was (kafka-clients' MockConsumer
 * keeps the positions; the real broker's part is DashboardApiTest's and FaultInjectionTest's).
 */
class HistoryReplayTest {

    static final TopicPartition RUNS = new TopicPartition(Topics.RUNS, 0);
    static final TopicPartition CHECKPOINTS = new TopicPartition(Topics.CHECKPOINTS, 0);
    static final TopicPartition METRICS = new TopicPartition(Topics.METRICS, 0);
    static final TopicPartition SAMPLES = new TopicPartition(Topics.SAMPLES, 0);
    static final List<TopicPartition> ALL = List.of(RUNS, CHECKPOINTS, METRICS, SAMPLES);

    @Test
    void theCompactedTopicsAreReplayedAndTheOthersFollowedFromTheirEndThenResumedAfterARebalance() {
        MockConsumer<String, String> consumer = new MockConsumer<>("earliest");
        consumer.assign(ALL);
        consumer.updateBeginningOffsets(Map.of(RUNS, 0L, CHECKPOINTS, 0L, METRICS, 0L, SAMPLES, 0L));
        consumer.updateEndOffsets(Map.of(RUNS, 3L, CHECKPOINTS, 6L, METRICS, 900L, SAMPLES, 30L));
        HistoryReplay replay = new HistoryReplay();

        replay.onPartitionsAssigned(consumer, ALL);
        assertEquals(0, consumer.position(RUNS));
        assertEquals(0, consumer.position(CHECKPOINTS));
        assertEquals(900, consumer.position(METRICS), "metrics: a run's series are read when it is opened");
        assertEquals(30, consumer.position(SAMPLES));
        assertEquals(9, replay.total(), "ready after the runs' and checkpoints' nine records");
        for (long offset = 0; offset < 3; offset++) {
            replay.applied(Topics.RUNS, 0, offset);
        }
        assertFalse(replay.caughtUp());
        for (long offset = 0; offset < 6; offset++) {
            replay.applied(Topics.CHECKPOINTS, 0, offset);
        }
        assertTrue(replay.caughtUp());
        replay.applied(Topics.METRICS, 0, 904); // live

        consumer.seek(METRICS, 0); // what a rebalance with no committed offsets would do: the beginning
        consumer.seek(RUNS, 0);
        replay.onPartitionsAssigned(consumer, ALL);
        assertEquals(905, consumer.position(METRICS), "on after the last record handled");
        assertEquals(30, consumer.position(SAMPLES), "nothing handled: where it started");
        assertEquals(3, consumer.position(RUNS));
    }
}
