// Writes N synthetic training runs of a realistic size to a Kafka broker, as the trainer would:
// each a cpu-profile run of 6 epochs (1875 steps each, a PROGRESS event every 50 steps, quality
// figures every epoch, SYSTEM figures every 10 s over ten minutes, one sample grid per epoch from
// a real grid PNG, one checkpoint per epoch), then COMPLETED. Run by scripts/bench-dashboard-scale.sh:
//   java -cp <gan-events and kafka-clients> scripts/lib/ScaleEvents.java <bootstrap> <runs> <grid.png>
// Prints the events and bytes written per run, and the time it took.
import io.digitgan.events.CheckpointEvent;
import io.digitgan.events.EventJson;
import io.digitgan.events.GanEvent;
import io.digitgan.events.MetricsEvent;
import io.digitgan.events.Quality;
import io.digitgan.events.RunEvent;
import io.digitgan.events.SampleEvent;
import io.digitgan.events.SystemFigures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

public class ScaleEvents {

    static final int EPOCHS = 6;
    static final int STEPS = 1875;
    static final int PROGRESS_EVERY = 50;
    static final int SYSTEM_EVENTS = 60;

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        int runs = Integer.parseInt(args[1]);
        String png = Base64.getEncoder().encodeToString(Files.readAllBytes(Path.of(args[2])));
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("linger.ms", "20");
        p.put("batch.size", "1048576");
        p.put("max.request.size", "4194304");
        p.put("acks", "1");
        long bytes = 0;
        long events = 0;
        long start = System.nanoTime();
        Instant first = Instant.now().minus(Duration.ofDays(90));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (int r = 0; r < runs; r++) {
                String runId = String.format("scale-%05d", r);
                Random random = new Random(r);
                Instant started = first.plus(Duration.ofMinutes(12L * r)); // one run after another, newest last
                Map<String, Object> config = config(r);
                java.util.List<GanEvent> run = run(runId, started, config, random, png);
                for (int i = 0; i < run.size(); i++) {
                    // each event written when the trainer would have written it: the record's time is the event's
                    GanEvent e = timed(run.get(i), started.plusMillis(95_000L * EPOCHS * i / run.size()));
                    String json = EventJson.toJson(e);
                    producer.send(new ProducerRecord<>(e.topic(), null, writtenAt(e).toEpochMilli(), e.key(), json));
                    bytes += json.length();
                    events++;
                }
                if ((r + 1) % 500 == 0) {
                    System.err.printf("%d of %d runs written (%.0f MB, %.0f s)%n", r + 1, runs, bytes / 1e6,
                            (System.nanoTime() - start) / 1e9);
                }
            }
            producer.flush();
        }
        System.out.printf("{\"bench\":\"scale-events\",\"runs\":%d,\"events\":%d,\"megabytes\":%.1f,\"perRunKB\":%.0f,\"seconds\":%.1f}%n",
                runs, events, bytes / 1e6, bytes / 1e3 / runs, (System.nanoTime() - start) / 1e9);
    }

    /** A metrics event at {@code at} (the factories stamp the time of the call); the others carry their own times. */
    static GanEvent timed(GanEvent e, Instant at) {
        if (e instanceof MetricsEvent m) {
            return new MetricsEvent(m.schemaVersion(), m.type(), m.runId(), m.epoch(), m.step(), m.genLoss(), m.discLoss(),
                    m.dReal(), m.dFake(), m.noiseStd(), m.imagesPerSecond(), m.epochSeconds(), m.quality(), m.emaQuality(),
                    m.system(), at);
        }
        return e;
    }

    static Instant writtenAt(GanEvent e) {
        if (e instanceof MetricsEvent m) {
            return m.timestamp();
        } else if (e instanceof SampleEvent s) {
            return s.timestamp();
        } else if (e instanceof CheckpointEvent c) {
            return c.createdAt();
        }
        return ((RunEvent) e).timestamp();
    }

    static Map<String, Object> config(int r) {
        Map<String, Object> model = new LinkedHashMap<>(Map.of("architecture", "dcgan", "latentSize", 100, "width", 0.5));
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("model", model);
        c.put("epochs", 60);
        c.put("batchSize", 32);
        c.put("generatorLearningRate", r % 2 == 0 ? 5e-4 : 2e-4);
        c.put("discriminatorLearningRate", 5e-4);
        c.put("seed", r);
        c.put("loss", "bce");
        c.put("emaDecay", 0.999);
        c.put("maxMinutes", 9.5);
        c.put("dataset", r % 10 == 0 ? "fashion-mnist" : "mnist");
        return c;
    }

    static java.util.List<GanEvent> run(String runId, Instant started, Map<String, Object> config, Random random, String png) {
        java.util.List<GanEvent> out = new java.util.ArrayList<>();
        out.add(new RunEvent(1, "STARTED", runId, 0, config, "cpu()", null, started, "RUNNING", started));
        long step = 0;
        for (int epoch = 1; epoch <= EPOCHS; epoch++) {
            for (int s = PROGRESS_EVERY; s <= STEPS; s += PROGRESS_EVERY) {
                step = (long) (epoch - 1) * STEPS + s;
                out.add(MetricsEvent.training("PROGRESS", runId, epoch, step, 0.7 + random.nextDouble(), 1.2 + random.nextDouble() / 2,
                        0.6, 0.4, 0.0, 680, null, null));
            }
            for (int k = 0; k < SYSTEM_EVENTS / EPOCHS; k++) {
                out.add(MetricsEvent.system(runId, epoch, step, new SystemFigures("cpu()", 1.9, 300_000_000L, 1_000_000_000L,
                        900_000_000L, null)));
            }
            Map<String, Double> shares = new LinkedHashMap<>();
            for (int d = 0; d <= 9; d++) {
                shares.put(Integer.toString(d), 0.1);
            }
            double fid = 40.0 / epoch + random.nextDouble();
            Quality q = new Quality(fid, 8.5, shares, 10, 2000, 6.0, "lenet-v1", new Quality.Floor(1.6, 9.8, 10), fid);
            out.add(MetricsEvent.training("EPOCH", runId, epoch, step, 0.9, 1.3, 0.6, 0.4, 0.0, 680, 95.0, q, q));
            out.add(new SampleEvent(1, SampleEvent.TYPE, runId, epoch, png, started.plusSeconds(95L * epoch)));
            out.add(new CheckpointEvent(1, CheckpointEvent.TYPE, runId, epoch, runId + "/epoch-000" + epoch,
                    "ab".repeat(32), 5_300_000, new CheckpointEvent.ModelInfo("dcgan", 0.5, 100), q,
                    new CheckpointEvent.Best(epoch, runId + "/epoch-000" + epoch, fid), started.plusSeconds(95L * epoch),
                    "cd".repeat(32), q));
        }
        out.add(new RunEvent(1, "COMPLETED", runId, EPOCHS, config, "cpu()", null, started.plusSeconds(95L * EPOCHS),
                "COMPLETED", started));
        return out;
    }
}
