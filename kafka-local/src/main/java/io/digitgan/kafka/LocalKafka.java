package io.digitgan.kafka;

import io.digitgan.events.Topics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import java.util.Collection;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node Apache Kafka broker in KRaft mode (broker and controller in one process), on
 * 127.0.0.1, storing its log under a data folder, with DigitGAN's topics created. The same broker
 * a cluster runs, just one of it: never an in-memory stand-in.
 */
public final class LocalKafka implements AutoCloseable {

    private final int port;
    private final int controllerPort;
    private final Path dataDir;
    private SaslUser saslUser;
    private int saslPort;
    private Tls tls;
    private int sslPort;

    /** The broker's TLS identity: a PKCS12 keystore and its password. */
    public record Tls(Path keystore, String password) {}
    private KafkaRaftServer server;

    /**
     * A SCRAM-SHA-512 user of the SASL listener, created when the storage is formatted. (A broker
     * inside a Quarkus test JVM refuses it: its SASL classes exist in two class loaders. Tests run
     * such a broker as a process of its own: {@link #main}.)
     */
    public record SaslUser(String name, String password) {

        public static final String MECHANISM = "SCRAM-SHA-512";

        /** The client setting {@code sasl.jaas.config} that logs in as this user. */
        public String jaasConfig() {
            return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + name
                    + "\" password=\"" + password + "\";";
        }

        /** {@code name:password}, as {@code --sasl-user} takes it. */
        public static SaslUser parse(String nameAndPassword) {
            int colon = nameAndPassword.indexOf(':');
            if (colon < 1) {
                throw new IllegalArgumentException("--sasl-user takes name:password");
            }
            return new SaslUser(nameAndPassword.substring(0, colon), nameAndPassword.substring(colon + 1));
        }
    }

    public LocalKafka(int port, Path dataDir) {
        this(port, FreePorts.next(), dataDir);
    }

    public LocalKafka(int port, int controllerPort, Path dataDir) {
        this.port = port;
        this.controllerPort = controllerPort;
        this.dataDir = dataDir.toAbsolutePath();
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /**
     * Adds a {@code SASL_PLAINTEXT} listener (SCRAM-SHA-512) on {@code port} beside the plaintext
     * one, with {@code user} created in the fresh storage: a secured cluster's login. Call before
     * the first {@link #start}.
     */
    public synchronized LocalKafka withSaslUser(SaslUser user, int port) {
        this.saslUser = user;
        this.saslPort = port;
        return this;
    }

    /** Adds an {@code SSL} listener on {@code port} with the broker's key from {@code tls}. Call before {@link #start}. */
    public synchronized LocalKafka withSslListener(Tls tls, int port) {
        this.tls = tls;
        this.sslPort = port;
        return this;
    }

    /** The SASL listener's address; only with {@link #withSaslUser}. */
    public String saslBootstrapServers() {
        if (saslUser == null) {
            throw new IllegalStateException("no SASL listener: call withSaslUser first");
        }
        return "127.0.0.1:" + saslPort;
    }

    public int port() {
        return port;
    }

    /** Formats the storage on first use, starts the broker, waits until it answers, creates the topics. */
    public synchronized LocalKafka start() {
        if (server != null) {
            return this;
        }
        try {
            Files.createDirectories(dataDir);
            Path logDir = dataDir.resolve("log");
            Properties props = serverProperties(logDir);
            Path propsFile = dataDir.resolve("server.properties");
            try (var out = Files.newOutputStream(propsFile)) {
                props.store(out, "single-node KRaft broker written by kafka-local");
            }
            if (!Files.exists(logDir.resolve("meta.properties"))) {
                format(propsFile);
            }
            server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
            server.startup();
            createTopics();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start Kafka in " + dataDir, e);
        }
    }

    /** Stops the broker and waits until it is down. */
    public synchronized void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    @Override
    public void close() {
        stop();
    }

    private Properties serverProperties(Path logDir) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        String secured = (saslUser == null ? "" : ",SASL_PLAINTEXT://127.0.0.1:" + saslPort)
                + (tls == null ? "" : ",SSL://127.0.0.1:" + sslPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + secured + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port + secured);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"
                + (saslUser == null ? "" : ",SASL_PLAINTEXT:SASL_PLAINTEXT") + (tls == null ? "" : ",SSL:SSL"));
        if (tls != null) {
            p.put("listener.name.ssl.ssl.keystore.location", tls.keystore().toAbsolutePath().toString());
            p.put("listener.name.ssl.ssl.keystore.type", "PKCS12");
            p.put("listener.name.ssl.ssl.keystore.password", tls.password());
            p.put("listener.name.ssl.ssl.key.password", tls.password());
        }
        if (saslUser != null) {
            p.put("sasl.enabled.mechanisms", SaslUser.MECHANISM);
            p.put("listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config",
                    "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        }
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        // one node: every internal topic has one replica, or consumers silently get nothing
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("num.partitions", "1");
        p.put("auto.create.topics.enable", "false");
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
        // the cleaner looks for work every 5 s (default 15 s): compaction can be watched in a test
        p.put("log.cleaner.backoff.ms", "5000");
        return p;
    }

    private void format(Path propsFile) {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of("format", "-t", Uuid.randomUuid().toString(), "-c", propsFile.toString(),
                "--ignore-formatted"));
        if (saslUser != null) {
            args.addAll(List.of("--add-scram", SaslUser.MECHANISM + "=[name=" + saslUser.name() + ",password="
                    + saslUser.password() + "]"));
        }
        int code;
        try (PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            code = StorageTool.execute(args.toArray(String[]::new), out);
        } catch (Exception e) {
            throw new IllegalStateException("formatting Kafka storage in " + dataDir + " failed: " + e.getMessage(), e);
        }
        if (code != 0) {
            throw new IllegalStateException("formatting Kafka storage in " + dataDir + " failed: " + captured);
        }
    }

    /** Creates DigitGAN's topics with their cleanup policies; existing ones are left as they are. */
    private void createTopics() {
        Map<String, Object> config = new HashMap<>();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        try (Admin admin = Admin.create(config)) {
            admin.describeCluster().clusterId().get(60, TimeUnit.SECONDS); // ready: it answers
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> topics = new ArrayList<>();
            Map<ConfigResource, Collection<AlterConfigOp>> updates = new HashMap<>();
            for (Topics.Topic t : Topics.ALL) {
                Map<String, String> topicConfig = new HashMap<>();
                topicConfig.put(TopicConfig.CLEANUP_POLICY_CONFIG, t.cleanupPolicy());
                if (t.retentionMs() != null) {
                    topicConfig.put(TopicConfig.RETENTION_MS_CONFIG, t.retentionMs().toString());
                }
                if (existing.contains(t.name())) {
                    // a data folder of an older version: its topics get today's policies
                    updates.put(new ConfigResource(ConfigResource.Type.TOPIC, t.name()), topicConfig.entrySet().stream()
                            .map(e -> new AlterConfigOp(new ConfigEntry(e.getKey(), e.getValue()), AlterConfigOp.OpType.SET))
                            .toList());
                } else {
                    topics.add(new NewTopic(t.name(), 1, (short) 1).configs(topicConfig));
                }
            }
            if (!topics.isEmpty()) {
                admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
            }
            if (!updates.isEmpty()) {
                admin.incrementalAlterConfigs(updates).all().get(60, TimeUnit.SECONDS);
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("could not create topics: " + e.getCause(), e);
            }
        } catch (Exception e) {
            throw new IllegalStateException("Kafka on " + bootstrapServers() + " did not answer: " + e, e);
        }
    }

    /**
     * Runs the broker as a process: {@code --port 9092 --data-dir data/kafka}. Prints
     * {@code Kafka ready on 127.0.0.1:9092} when it answers; stops cleanly on SIGTERM/Ctrl-C.
     */
    public static void main(String[] args) throws InterruptedException {
        int port = 9092;
        int controllerPort = 0;
        Path dataDir = Path.of("data", "kafka");
        int saslPort = 0;
        SaslUser saslUser = null;
        int sslPort = 0;
        Path keystore = null;
        String keystorePassword = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--controller-port" -> controllerPort = Integer.parseInt(args[i + 1]);
                case "--data-dir" -> dataDir = Path.of(args[i + 1]);
                case "--sasl-port" -> saslPort = Integer.parseInt(args[i + 1]);
                case "--sasl-user" -> saslUser = SaslUser.parse(args[i + 1]);
                case "--ssl-port" -> sslPort = Integer.parseInt(args[i + 1]);
                case "--ssl-keystore" -> keystore = Path.of(args[i + 1]);
                case "--ssl-password" -> keystorePassword = args[i + 1];
                default -> {
                    System.err.println("usage: LocalKafka [--port 9092] [--controller-port N] [--data-dir data/kafka]"
                            + " [--sasl-port N --sasl-user name:password] [--ssl-port N --ssl-keystore P12 --ssl-password P]");
                    System.exit(2);
                }
            }
        }
        LocalKafka kafka = new LocalKafka(port, controllerPort > 0 ? controllerPort : port + 1, dataDir);
        if (saslUser != null) {
            kafka.withSaslUser(saslUser, saslPort > 0 ? saslPort : FreePorts.next());
        }
        if (keystore != null) {
            kafka.withSslListener(new Tls(keystore, keystorePassword), sslPort > 0 ? sslPort : FreePorts.next());
        }
        Runtime.getRuntime().addShutdownHook(new Thread(kafka::stop, "kafka-stop"));
        kafka.start();
        System.out.println("Kafka ready on " + kafka.bootstrapServers() + (saslUser == null ? ""
                : ", SASL_PLAINTEXT on " + kafka.saslBootstrapServers()) + " (data in " + kafka.dataDir + ")");
        Thread.currentThread().join();
    }
}
