package io.digitgan.generator;

import io.digitgan.events.CheckpointEvent;
import io.digitgan.events.EventJson;
import io.digitgan.events.Topics;
import io.digitgan.generator.messaging.ReplayTracker;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * The fast tier's channel: {@code checkpoints} on SmallRye's in-memory connector, no broker. The
 * test hands the listener records as the Kafka connector would ({@code ConsumerRecord}s of
 * {@code gan.checkpoints}), and tells the replay tracker what the connector's rebalance listener
 * call would: where the topic ended at start.
 */
public class InMemoryCheckpoints implements QuarkusTestResourceLifecycleManager {

    static final TopicPartition PARTITION = new TopicPartition(Topics.CHECKPOINTS, 0);
    private static final AtomicLong OFFSET = new AtomicLong();

    @Override
    public Map<String, String> start() {
        return InMemoryConnector.switchIncomingChannelsToInMemory("checkpoints");
    }

    @Override
    public void stop() {
        InMemoryConnector.clear();
    }

    static void announce(InMemoryConnector connector, CheckpointEvent event) {
        announceRaw(connector, event.runId(), EventJson.toJson(event));
    }

    /** Any record, also a malformed one or a tombstone ({@code json} null). */
    static void announceRaw(InMemoryConnector connector, String key, String json) {
        connector.source("checkpoints").send(new ConsumerRecord<>(PARTITION.topic(), PARTITION.partition(),
                OFFSET.getAndIncrement(), key, json));
    }

    /**
     * The partition assigned, as the Kafka connector reports it to {@code checkpoint-replay}: the
     * replay ends once the records before the topic's present end were handled (none: at once).
     */
    static void assigned(ReplayTracker replay) {
        MockConsumer<String, String> consumer = new MockConsumer<>("earliest");
        consumer.assign(List.of(PARTITION));
        consumer.updateBeginningOffsets(Map.of(PARTITION, OFFSET.get()));
        consumer.updateEndOffsets(Map.of(PARTITION, OFFSET.get()));
        replay.onPartitionsAssigned(consumer, List.of(PARTITION));
    }
}
