package io.digitgan.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.digitgan.events.Topics;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.KafkaAuthorizationSimple;
import io.strimzi.api.kafka.model.kafka.listener.GenericKafkaListener;
import io.strimzi.api.kafka.model.kafka.listener.KafkaListenerAuthenticationScramSha512;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.nodepool.ProcessRoles;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserAuthorizationSimple;
import io.strimzi.api.kafka.model.user.KafkaUserScramSha512ClientAuthentication;
import io.strimzi.api.kafka.model.user.acl.AclRule;
import io.strimzi.api.kafka.model.user.acl.AclRuleGroupResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTopicResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * k8s/overlays/strimzi, read with Strimzi's own model of its custom resources: a KRaft cluster,
 * the topics of gan-events' Topics, and one user per service with exactly the ACLs its channels
 * need (from its application.properties).
 */
class StrimziOverlayTest {

    static final String OVERLAY = "k8s/overlays/strimzi";
    static List<JsonNode> documents;
    static Rendered rendered;
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @BeforeAll
    static void render() throws Exception {
        documents = new ArrayList<>();
        for (String doc : Project.run("kubectl", "kustomize", OVERLAY).split("(?m)^---\\s*$")) {
            if (!doc.isBlank()) {
                documents.add(YAML.readTree(doc));
            }
        }
        rendered = Rendered.of(OVERLAY);
    }

    static <T> List<T> all(String kind, Class<T> type) {
        return documents.stream().filter(d -> kind.equals(d.path("kind").asText()))
                .map(d -> YAML.convertValue(d, type)).toList();
    }

    @Test
    void aKraftClusterOfNodePoolsWithScramOverTlsAndAcls() {
        List<Kafka> clusters = all("Kafka", Kafka.class);
        assertEquals(1, clusters.size());
        Kafka kafka = clusters.get(0);
        assertEquals("enabled", kafka.getMetadata().getAnnotations().get("strimzi.io/kraft"));
        assertEquals("enabled", kafka.getMetadata().getAnnotations().get("strimzi.io/node-pools"));
        assertTrue(kafka.getSpec().getKafka().getAuthorization() instanceof KafkaAuthorizationSimple, "ACLs enforced");
        GenericKafkaListener listener = kafka.getSpec().getKafka().getListeners().get(0);
        assertTrue(listener.isTls(), "TLS");
        assertTrue(listener.getAuth() instanceof KafkaListenerAuthenticationScramSha512, "SCRAM-SHA-512 logins");

        List<KafkaNodePool> pools = all("KafkaNodePool", KafkaNodePool.class);
        assertEquals(1, pools.size());
        KafkaNodePool pool = pools.get(0);
        assertEquals(kafka.getMetadata().getName(), pool.getMetadata().getLabels().get("strimzi.io/cluster"));
        assertEquals(Set.of(ProcessRoles.CONTROLLER, ProcessRoles.BROKER), Set.copyOf(pool.getSpec().getRoles()));
        int minIsr = Integer.parseInt(kafka.getSpec().getKafka().getConfig().get("min.insync.replicas").toString());
        assertTrue(pool.getSpec().getReplicas() > minIsr, "one node may be down and writes go on");

        // every service reaches that listener, by the bootstrap Service Strimzi makes
        String bootstrap = kafka.getMetadata().getName() + "-kafka-bootstrap:" + listener.getPort();
        for (String service : KustomizeManifestsTest.SERVICES) {
            Map<String, String> env = env(service);
            assertEquals(bootstrap, env.get("KAFKA_BOOTSTRAP_SERVERS"), service);
            assertEquals("SASL_SSL", env.get("KAFKA_SECURITY_PROTOCOL"), service);
            assertEquals("SCRAM-SHA-512", env.get("KAFKA_SASL_MECHANISM"), service);
        }
        assertTrue(rendered.all(StatefulSet.class).noneMatch(s -> s.getMetadata().getName().equals("kafka")),
                "no plain Kafka StatefulSet beside Strimzi's");
        assertTrue(rendered.all(Job.class).noneMatch(j -> j.getMetadata().getName().equals("kafka-topics")),
                "no topics Job: the Topic Operator makes them");
    }

    @Test
    void oneKafkaTopicPerTopicWithTheSameCleanupAndRetention() {
        List<KafkaTopic> topics = all("KafkaTopic", KafkaTopic.class);
        assertEquals(Topics.ALL.size(), topics.size());
        for (Topics.Topic expected : Topics.ALL) {
            KafkaTopic topic = topics.stream().filter(t -> expected.name().equals(t.getSpec().getTopicName()))
                    .findFirst().orElseThrow(() -> new AssertionError("no KafkaTopic for " + expected.name()));
            assertEquals(all("Kafka", Kafka.class).get(0).getMetadata().getName(),
                    topic.getMetadata().getLabels().get("strimzi.io/cluster"), "the Topic Operator of our cluster");
            Map<String, Object> config = topic.getSpec().getConfig();
            assertEquals(expected.cleanupPolicy(), config.get("cleanup.policy"), expected.name());
            assertEquals(expected.retentionMs() == null ? null : expected.retentionMs().toString(),
                    config.get("retention.ms") == null ? null : config.get("retention.ms").toString(), expected.name());
            assertEquals(1, topic.getSpec().getPartitions(), expected.name() + ": one partition keeps a run's events in order");
        }
    }

    @Test
    void eachServiceLogsInAsItsOwnUserWithOnlyTheAclsItsChannelsNeed() {
        List<KafkaUser> users = all("KafkaUser", KafkaUser.class);
        assertEquals(KustomizeManifestsTest.SERVICES.size(), users.size(), "one user per service");
        for (String service : KustomizeManifestsTest.SERVICES) {
            String name = "digitgan-" + service;
            KafkaUser user = users.stream().filter(u -> u.getMetadata().getName().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError("no KafkaUser " + name));
            assertTrue(user.getSpec().getAuthentication() instanceof KafkaUserScramSha512ClientAuthentication, name);
            List<AclRule> acls = ((KafkaUserAuthorizationSimple) user.getSpec().getAuthorization()).getAcls();
            assertEquals(expectedAcls(service), granted(acls), name + "'s ACLs against its channels");

            Map<String, String> env = env(service);
            assertEquals("<secret " + name + "/sasl.jaas.config>", env.get("KAFKA_SASL_JAAS_CONFIG"),
                    service + " logs in with the Secret Strimzi's User Operator writes");
            String caSecret = all("Kafka", Kafka.class).get(0).getMetadata().getName() + "-cluster-ca-cert";
            assertEquals("<secret " + caSecret + "/ca.password>", env.get("KAFKA_SSL_TRUSTSTORE_PASSWORD"));
            Container c = Rendered.container(rendered.pod(service), service);
            var truststore = KustomizeManifestsTest.locate(rendered.pod(service), c, env.get("KAFKA_SSL_TRUSTSTORE_LOCATION"))
                    .orElseThrow(() -> new AssertionError(service + ": the truststore is not mounted"));
            String secret = rendered.pod(service).getVolumes().stream().filter(v -> v.getName().equals(truststore.volume()))
                    .findFirst().orElseThrow().getSecret().getSecretName();
            assertEquals(caSecret, secret, service + ": the cluster CA's Secret, as Strimzi names it");
            assertEquals(all("Kafka", Kafka.class).get(0).getMetadata().getName(),
                    user.getMetadata().getLabels().get("strimzi.io/cluster"), name + ": the User Operator of our cluster");
        }
    }

    /** What a service's channels do, as "topic NAME OPERATION" and "group PREFIX* Read". */
    static Set<String> expectedAcls(String service) {
        Map<String, String> p = ServiceConfig.of(service).properties();
        Set<String> acls = new TreeSet<>();
        p.forEach((key, value) -> {
            if (key.matches("mp\\.messaging\\.incoming\\.[^.]+\\.topics?")) {
                for (String topic : value.split(",")) {
                    acls.add("topic " + topic.strip() + " Read");
                    acls.add("topic " + topic.strip() + " Describe");
                }
            }
            if (key.matches("mp\\.messaging\\.incoming\\.[^.]+\\.group\\.id")) {
                // per-replica groups (<name>-${quarkus.uuid}): a prefix
                acls.add("group " + value.replaceAll("\\$\\{.*$", "") + "* Read");
            }
            if (key.matches("mp\\.messaging\\.outgoing\\.[^.]+\\.connector")) {
                // the trainer's one channel sends each event to its own topic (record metadata): all of them
                Topics.ALL.forEach(t -> {
                    acls.add("topic " + t.name() + " Write");
                    acls.add("topic " + t.name() + " Describe");
                });
            }
        });
        assertTrue(!acls.isEmpty(), service + " uses Kafka");
        return acls;
    }

    static Set<String> granted(List<AclRule> acls) {
        Set<String> granted = new TreeSet<>();
        for (AclRule rule : acls) {
            for (var operation : rule.getOperations()) {
                String op = operation.toValue();
                if (rule.getResource() instanceof AclRuleTopicResource t) {
                    assertEquals("literal", t.getPatternType().toValue(), "topics by name, not by prefix: " + t.getName());
                    granted.add("topic " + t.getName() + " " + op);
                } else if (rule.getResource() instanceof AclRuleGroupResource g) {
                    granted.add("group " + g.getName() + ("prefix".equals(g.getPatternType().toValue()) ? "*" : "") + " " + op);
                } else {
                    granted.add(rule.getResource().getType() + " " + op);
                }
            }
        }
        return granted;
    }

    private static Map<String, String> env(String service) {
        Container c = Rendered.container(rendered.pod(service), service);
        return rendered.environment(c);
    }

    static {
        assertNotNull(Topics.ALL);
    }
}
