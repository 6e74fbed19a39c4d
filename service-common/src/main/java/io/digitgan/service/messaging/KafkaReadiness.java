package io.digitgan.service.messaging;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

/**
 * The state of every Kafka client of the service's channels, from the clients' own metrics.
 * A broker that is merely unreachable leaves the service ready (it serves what it has, the
 * trainer buffers and trains on) and is reported; a broker that refuses the credentials is a
 * configuration error: DOWN, and one log line that says which setting to fix. (SmallRye's own
 * channel health is off: it would turn liveness DOWN on a broker outage and restart the pod.)
 */
@Readiness
@ApplicationScoped
public class KafkaReadiness implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(KafkaReadiness.class);

    private final KafkaClientService clients;
    private final String bootstrapServers;
    private final String securityProtocol;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    private final Set<String> gauged = ConcurrentHashMap.newKeySet();

    private final MeterRegistry meters;

    public KafkaReadiness(KafkaClientService clients, MeterRegistry meters,
            @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092") String bootstrapServers,
            @ConfigProperty(name = "kafka.security.protocol", defaultValue = "PLAINTEXT") String securityProtocol) {
        this.clients = clients;
        this.meters = meters;
        this.bootstrapServers = bootstrapServers;
        this.securityProtocol = securityProtocol;
    }

    /** What one client's metrics say. */
    public enum State { CONNECTED, UNREACHABLE, CREDENTIALS_REFUSED }

    /** Says so in the log even when nobody probes readiness (a local run, a first deployment). */
    @Scheduled(every = "10s", delay = 5, delayUnit = java.util.concurrent.TimeUnit.SECONDS)
    void reportRefusals() {
        call();
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("kafka").up()
                .withData("bootstrapServers", bootstrapServers).withData("securityProtocol", securityProtocol);
        states().forEach((channel, state) -> {
            connectedGauge(channel);
            response.withData(channel, state.name().toLowerCase().replace('_', ' '));
            if (state == State.CREDENTIALS_REFUSED) {
                response.down();
                if (reported.add(channel)) {
                    LOG.errorf("Kafka at %s refused the credentials of channel %s (%s): check kafka.sasl.mechanism "
                            + "and kafka.sasl.jaas.config (KAFKA_SASL_JAAS_CONFIG)", bootstrapServers, channel,
                            securityProtocol);
                }
            }
        });
        return response.build();
    }

    /** {@code digitgan_kafka_connected{channel}}: 1 while the channel's client has a connection (the "Kafka unreachable" alert). */
    private void connectedGauge(String channel) {
        if (gauged.add(channel)) {
            Gauge.builder("digitgan.kafka.connected", this, r -> r.states().get(channel) == State.CONNECTED ? 1 : 0)
                    .tag("channel", channel).description("1 while the channel's Kafka client has a broker connection")
                    .register(meters);
        }
    }

    /** Each channel's client state, consumers and producers. */
    public Map<String, State> states() {
        Map<String, State> states = new LinkedHashMap<>();
        for (String channel : clients.getConsumerChannels()) {
            clients.getConsumers(channel).forEach(c -> states.put(channel, state(c.unwrap().metrics())));
        }
        for (String channel : clients.getProducerChannels()) {
            states.put(channel, state(clients.getProducer(channel).unwrap().metrics()));
        }
        return states;
    }

    static State state(Map<MetricName, ? extends Metric> metrics) {
        double connections = 0;
        double failed = 0;
        double succeeded = 0;
        for (Map.Entry<MetricName, ? extends Metric> e : metrics.entrySet()) {
            String group = e.getKey().group();
            if (!group.equals("consumer-metrics") && !group.equals("producer-metrics")) {
                continue;
            }
            switch (e.getKey().name()) {
                case "connection-count" -> connections += value(e.getValue());
                case "failed-authentication-total" -> failed += value(e.getValue());
                case "successful-authentication-total" -> succeeded += value(e.getValue());
                default -> { }
            }
        }
        if (failed > 0 && succeeded == 0) {
            return State.CREDENTIALS_REFUSED;
        }
        return connections > 0 ? State.CONNECTED : State.UNREACHABLE;
    }

    private static double value(Metric metric) {
        return metric.metricValue() instanceof Number n ? n.doubleValue() : 0;
    }
}
