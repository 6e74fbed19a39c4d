package io.digitgan.dashboard.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.digitgan.dashboard.state.SeriesSource;
import io.digitgan.events.CheckpointEvent;
import io.digitgan.events.EventJson;
import io.digitgan.events.GanEvent;
import io.digitgan.events.MetricsEvent;
import io.digitgan.events.SampleEvent;
import io.digitgan.kafka.FreePorts;
import io.digitgan.kafka.LocalKafka;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Opening a run reads only its span of the topics, on a real broker of its own (the time index
 * needs record times that rise: the module's shared broker holds other tests' records).
 */
class SeriesReaderTest {

    static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
    static LocalKafka broker;
    static SeriesReader reader;

    @BeforeAll
    static void start() throws Exception {
        broker = new LocalKafka(FreePorts.next(), Files.createTempDirectory("series-reader-kafka")).start();
        Properties p = new Properties();
        p.put("bootstrap.servers", broker.bootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            // three runs one after another, ten minutes apart; the middle one's last event is its checkpoint
            for (String run : List.of("before", "middle", "after")) {
                Instant start = T0.plusSeconds(600L * List.of("before", "middle", "after").indexOf(run));
                for (int step = 1; step <= 3; step++) {
                    send(producer, progress(run, step), start.plusSeconds(10L * step));
                }
                send(producer, new SampleEvent(1, SampleEvent.TYPE, run, 1, "iVBORw0KGgo=", start.plusSeconds(40)),
                        start.plusSeconds(40));
                send(producer, checkpoint(run, start.plusSeconds(50)), start.plusSeconds(50));
            }
            producer.flush();
        }
        HistoryReplay replay = new HistoryReplay();
        replay.onPartitionsAssigned(new MockConsumer<>("earliest"), List.of()); // the live consumer is there
        Map<String, Object> kafka = Map.of("bootstrap.servers", broker.bootstrapServers(), "sasl.jaas.config", "");
        reader = new SeriesReader(kafka, replay);
    }

    @AfterAll
    static void stop() {
        reader.close();
        broker.stop();
    }

    static void send(KafkaProducer<String, String> producer, GanEvent e, Instant written) throws Exception {
        producer.send(new ProducerRecord<>(e.topic(), null, written.toEpochMilli(), e.key(), EventJson.toJson(e))).get();
    }

    static MetricsEvent progress(String runId, int step) {
        return MetricsEvent.training("PROGRESS", runId, 1, step, 1.0, 1.3, 0.6, 0.4, 0.1, 700, null, null);
    }

    static CheckpointEvent checkpoint(String runId, Instant at) {
        return new CheckpointEvent(1, CheckpointEvent.TYPE, runId, 1, runId + "/epoch-0001", "ab".repeat(32), 1000,
                new CheckpointEvent.ModelInfo("dcgan", 0.25, 100), null, null, at);
    }

    static List<String> read(String runId, Instant from, Instant to) {
        return reader.read(runId, from, to).stream().map(s -> s.event().runId() + ":" + s.event().topic() + "@"
                + Instant.ofEpochMilli(s.writtenMs())).toList();
    }

    @Test
    void aFinishedRunsSpanGivesItsOwnEventsEachTopicInTheOrderWritten() {
        Instant middle = T0.plusSeconds(600);
        List<String> events = read("middle", middle.minusSeconds(60), middle.plusSeconds(50 + 60));
        assertEquals(List.of("middle:gan.training.metrics@" + middle.plusSeconds(10),
                "middle:gan.training.metrics@" + middle.plusSeconds(20),
                "middle:gan.training.metrics@" + middle.plusSeconds(30)),
                events.stream().filter(e -> e.contains("metrics")).toList());
        assertEquals(List.of("middle:gan.training.metrics@" + middle.plusSeconds(10),
                "middle:gan.training.metrics@" + middle.plusSeconds(20),
                "middle:gan.training.metrics@" + middle.plusSeconds(30),
                "middle:gan.samples@" + middle.plusSeconds(40),
                "middle:gan.checkpoints@" + middle.plusSeconds(50)), events.stream().sorted(java.util.Comparator.comparing(e -> e.substring(e.indexOf('@')))).toList());
    }

    @Test
    void aSpanReadsNoFurtherThanItsEnd() {
        // the run's own events lie after where its span is said to end: none is read
        assertEquals(List.of(), read("after", T0.minusSeconds(60), T0.plusSeconds(700)));
        assertEquals(5, read("after", T0, null).size(), "to the topics' ends: all of them");
    }

    @Test
    void aRunWithNothingInItsSpanHasNoSeries() {
        assertEquals(List.of(), read("nobody", T0, null));
        assertEquals(List.of(), read("middle", T0.plusSeconds(5000), null), "a span after everything the topics hold");
    }

    @Test
    void eachReadFindsItsOwnSpanWithTheSameConsumer() {
        for (int i = 0; i < 3; i++) {
            assertEquals(5, reader.read("before", T0.minusSeconds(60), T0.plusSeconds(110)).size());
        }
        List<SeriesSource.Stored> first = reader.read("before", T0.minusSeconds(60), T0.plusSeconds(110));
        assertEquals("before", first.get(0).event().runId());
    }
}
