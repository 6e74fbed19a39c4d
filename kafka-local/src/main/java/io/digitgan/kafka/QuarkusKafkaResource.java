package io.digitgan.kafka;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

/**
 * Starts one real broker for all {@code @QuarkusTest} classes of a module (one JVM) and points
 * {@code kafka.bootstrap.servers} at it. Use with
 * {@code @QuarkusTestResource(QuarkusKafkaResource.class)}. The broker stops when the JVM exits;
 * tests that need to stop and restart it use {@link #broker()}.
 */
public class QuarkusKafkaResource implements QuarkusTestResourceLifecycleManager {

    private static LocalKafka broker;
    /** Held so that the levels stick (java.util.logging keeps loggers weakly). */
    private static final java.util.List<java.util.logging.Logger> QUIET = new java.util.ArrayList<>();

    /** The module's shared broker, started on first use. */
    public static synchronized LocalKafka broker() {
        if (broker == null) {
            // the broker starts before Quarkus configures logging: keep its ~1,500 INFO lines out of test output
            for (String name : new String[] {"kafka", "org.apache.kafka", "state.change.logger"}) {
                java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
                logger.setLevel(java.util.logging.Level.WARNING);
                QUIET.add(logger);
            }
            try {
                broker = new LocalKafka(FreePorts.next(), Files.createTempDirectory("digitgan-kafka"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            broker.start();
            LocalKafka started = broker;
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "kafka-test-stop"));
        } else if (!broker.isRunning()) {
            broker.start();
        }
        return broker;
    }

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", broker().bootstrapServers());
    }

    @Override
    public void stop() {
        // shared by every test class of the module: stopped at JVM exit
    }
}
