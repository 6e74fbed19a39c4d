package io.digitgan.kafka;

import io.digitgan.events.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./digitgan events}: prints every message of DigitGAN's topics (or those named) from the
 * beginning, one line each ({@code topic key json}), and stops after two seconds without one.
 * A debugging aid.
 */
@Command(name = "digitgan events", showDefaultValues = true,
        description = "Prints every event on DigitGAN's topics (or the topics named), from the beginning, one line each:"
                + " topic key json. Stops after two seconds without a new one.")
public final class TopicDump implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:9092}", description = "the broker")
    String bootstrap;

    @Parameters(paramLabel = "TOPIC", arity = "0..*", showDefaultValue = CommandLine.Help.Visibility.NEVER, description = "the topics to print (all of DigitGAN's when none)")
    List<String> topics = new ArrayList<>();

    public static void main(String[] args) {
        System.exit(new CommandLine(new TopicDump()).execute(args));
    }

    @Override
    public Integer call() {
        List<String> known = Topics.ALL.stream().map(Topics.Topic::name).toList();
        for (String topic : topics) {
            if (!known.contains(topic)) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "unknown topic '" + topic + "'; DigitGAN's are " + known);
            }
        }
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("group.id", "dump-" + System.nanoTime());
        p.put("auto.offset.reset", "earliest");
        p.put("enable.auto.commit", "false");
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(topics.isEmpty() ? known : topics);
            long quietSince = System.currentTimeMillis();
            while (System.currentTimeMillis() - quietSince < 2_000 || consumer.assignment().isEmpty()) {
                var records = consumer.poll(Duration.ofMillis(300));
                for (ConsumerRecord<String, String> r : records) {
                    System.out.println(r.topic() + " " + r.key() + " " + r.value());
                }
                if (!records.isEmpty() || consumer.assignment().isEmpty()) {
                    quietSince = System.currentTimeMillis();
                }
            }
        }
        return 0;
    }
}
