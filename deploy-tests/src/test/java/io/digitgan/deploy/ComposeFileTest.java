package io.digitgan.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Validates docker-compose.yml (and the GPU override) with Debian's {@code docker-compose config},
 * then checks what it resolved against the services' application.properties.
 */
class ComposeFileTest {

    static final Map<String, String> SERVICES = Map.of("trainer", "trainer", "generator", "generator",
            "dashboard", "dashboard");
    static JsonNode cpu;
    static JsonNode gpu;

    @BeforeAll
    static void resolve() throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        cpu = yaml.readTree(Project.run("docker-compose", "--env-file", ".env.example", "-f", "docker-compose.yml",
                "config")).path("services");
        gpu = yaml.readTree(Project.run("docker-compose", "--env-file", ".env.example", "-f", "docker-compose.yml",
                "-f", "docker-compose.gpu.yml", "config")).path("services");
    }

    static Map<String, String> environment(JsonNode service) {
        Map<String, String> env = new LinkedHashMap<>();
        JsonNode e = service.path("environment");
        if (e.isArray()) {
            e.forEach(v -> env.put(v.asText().split("=", 2)[0], v.asText().split("=", 2)[1]));
        } else {
            e.fields().forEachRemaining(f -> env.put(f.getKey(), f.getValue().asText()));
        }
        return env;
    }

    /** The three services take Kafka's address and security settings from .env, the same names as on Kubernetes. */
    @Test
    void kafkaSecurityComesFromTheEnvironmentFile() {
        for (String service : SERVICES.keySet()) {
            Map<String, String> env = environment(cpu.path(service));
            assertEquals("PLAINTEXT", env.get("KAFKA_SECURITY_PROTOCOL"), service);
            assertTrue(env.containsKey("KAFKA_SASL_JAAS_CONFIG"), service + " passes the JAAS settings on");
            assertEquals("kafka:9092", env.get("KAFKA_BOOTSTRAP_SERVERS"), service);
        }
    }

    /** (published, target) ports, from the short or the long syntax. */
    static List<int[]> ports(JsonNode service) {
        List<int[]> ports = new ArrayList<>();
        for (JsonNode p : service.path("ports")) {
            if (p.isTextual()) {
                String[] parts = p.asText().replace("/tcp", "").split(":");
                ports.add(new int[] {Integer.parseInt(parts[parts.length - 2]), Integer.parseInt(parts[parts.length - 1])});
            } else {
                ports.add(new int[] {p.path("published").asInt(), p.path("target").asInt()});
            }
        }
        return ports;
    }

    /** target path → (volume or source, read only) */
    static Map<String, String[]> mounts(JsonNode service) {
        Map<String, String[]> mounts = new LinkedHashMap<>();
        for (JsonNode v : service.path("volumes")) {
            if (v.isTextual()) {
                String[] parts = v.asText().split(":");
                mounts.put(parts[1], new String[] {parts[0], Boolean.toString(parts.length > 2 && parts[2].equals("ro"))});
            } else {
                mounts.put(v.path("target").asText(), new String[] {v.path("source").asText(),
                        Boolean.toString(v.path("read_only").asBoolean(false))});
            }
        }
        return mounts;
    }

    @Test
    void servicesPublishTheirPortsAndCheckTheirHealthWhereThePropertiesSay() {
        for (String service : SERVICES.keySet()) {
            ServiceConfig config = ServiceConfig.of(service);
            JsonNode s = cpu.path(service);
            assertFalse(s.isMissingNode(), "compose service " + service);
            List<int[]> ports = ports(s);
            assertEquals(1, ports.size(), service + " publishes one port");
            assertEquals(config.port(), ports.get(0)[0], service + " published port (its quarkus.http.port)");
            assertEquals(config.port(), ports.get(0)[1], service + " container port = quarkus.http.port");
            String check = String.join(" ", toList(s.path("healthcheck").path("test")));
            assertTrue(check.contains("http://localhost:" + config.port() + "/q/health/"), service + ": " + check);
            for (String name : environment(s).keySet()) {
                assertTrue(config.variables().containsKey(name) || ServiceConfig.RUNTIME_VARIABLES.contains(name),
                        service + ": " + name + " sets no property of its application.properties");
            }
        }
    }

    @Test
    void startOrderWaitsForAHealthyBrokerAndCreatedTopics() {
        for (String service : SERVICES.keySet()) {
            JsonNode deps = cpu.path(service).path("depends_on");
            assertEquals("service_healthy", deps.path("kafka").path("condition").asText(), service + " waits for Kafka");
            assertEquals("service_completed_successfully", deps.path("kafka-topics").path("condition").asText(),
                    service + " waits for the topics");
        }
        assertEquals("service_completed_successfully",
                cpu.path("trainer").path("depends_on").path("fetch-mnist").path("condition").asText());
        assertEquals("service_healthy", cpu.path("kafka-topics").path("depends_on").path("kafka").path("condition").asText());
        assertFalse(cpu.path("kafka").path("healthcheck").isMissingNode(), "Kafka has a health check");
    }

    @Test
    void theCheckpointVolumeIsSharedAndEveryFolderIsMounted() {
        Map<String, String[]> checkpointMount = new LinkedHashMap<>();
        for (String service : SERVICES.keySet()) {
            ServiceConfig config = ServiceConfig.of(service);
            Map<String, String> env = environment(cpu.path(service));
            Map<String, String[]> mounts = mounts(cpu.path(service));
            for (String variable : config.directoryVariables()) {
                String path = env.get(variable);
                if (path == null) {
                    continue;
                }
                assertTrue(mounts.containsKey(path), service + ": " + variable + "=" + path + " is a volume's mount path");
                if (variable.equals("DIGITGAN_CHECKPOINTS_DIR")) {
                    checkpointMount.put(service, mounts.get(path));
                }
            }
        }
        assertEquals(Set.of("trainer", "generator"), checkpointMount.keySet());
        assertEquals(checkpointMount.get("trainer")[0], checkpointMount.get("generator")[0], "one volume");
        assertEquals("false", checkpointMount.get("trainer")[1], "the trainer writes checkpoints");
        assertEquals("true", checkpointMount.get("generator")[1], "the generator only reads them");
        String mnist = environment(cpu.path("trainer")).get("DIGITGAN_DATA_DIR");
        assertEquals(mounts(cpu.path("trainer")).get(mnist)[0], mounts(cpu.path("fetch-mnist")).get(mnist)[0],
                "MNIST is fetched into the volume the trainer reads");
    }

    @Test
    void anEnvironmentFilePointsBothAtAnObjectStoreEachWithAFolderOfItsOwn() throws IOException {
        JsonNode s3 = new ObjectMapper(new YAMLFactory()).readTree(Project.run("docker-compose", "--env-file",
                "deploy-tests/src/test/resources/object-store.env", "-f", "docker-compose.yml", "config")).path("services");
        Map<String, String[]> folders = new LinkedHashMap<>();
        for (String service : List.of("trainer", "generator")) {
            Map<String, String> env = environment(s3.path(service));
            assertEquals("s3", env.get("DIGITGAN_CHECKPOINTS_STORE"), service);
            assertEquals("digitgan-checkpoints", env.get("DIGITGAN_CHECKPOINTS_S3_BUCKET"), service);
            assertEquals("http://object-store:8333", env.get("DIGITGAN_CHECKPOINTS_S3_ENDPOINT"), service);
            String dir = env.get("DIGITGAN_CHECKPOINTS_DIR");
            String[] mount = mounts(s3.path(service)).get(dir);
            assertNotNull(mount, service + ": " + dir + " is mounted");
            assertEquals("false", mount[1], service + " writes its staging or cache folder");
            folders.put(service, mount);
        }
        assertNotEquals(folders.get("trainer")[0], folders.get("generator")[0], "no volume shared for checkpoints");
        assertEquals("local", environment(cpu.path("generator")).get("DIGITGAN_CHECKPOINTS_STORE"),
                "without it, the checkpoints volume as before");
    }

    @Test
    void kafkaAddressesAndTopicsMatchTheBrokerAndGanEvents() {
        Map<String, String> kafka = environment(cpu.path("kafka"));
        int port = KustomizeManifestsTest.listenerPort(kafka.get("KAFKA_LISTENERS"), "PLAINTEXT");
        assertEquals("PLAINTEXT://kafka:" + port, kafka.get("KAFKA_ADVERTISED_LISTENERS"));
        for (String service : SERVICES.keySet()) {
            assertEquals("kafka:" + port, environment(cpu.path(service)).get("KAFKA_BOOTSTRAP_SERVERS"), service);
        }
        List<String> command = toList(cpu.path("kafka-topics").path("command"));
        assertEquals("kafka:" + port, command.get(2));
        assertEquals(KustomizeManifestsTest.topicArguments(), new TreeSet<>(command.subList(3, command.size())));
    }

    @Test
    void theGpuOverrideReservesAGpuForTheTrainerOnly() {
        JsonNode devices = gpu.path("trainer").path("deploy").path("resources").path("reservations").path("devices");
        assertEquals(1, devices.size());
        assertTrue(toList(devices.get(0).path("capabilities")).contains("gpu"));
        assertEquals("gpu", environment(gpu.path("trainer")).get("DIGITGAN_DEVICE"));
        assertTrue(gpu.path("trainer").path("image").asText().endsWith("-gpu"));
        assertTrue(cpu.path("trainer").path("deploy").isMissingNode(), "the plain file reserves nothing");
        for (String other : List.of("generator", "dashboard")) {
            assertTrue(gpu.path(other).path("deploy").isMissingNode(), other);
        }
        // the token comes from .env (the example's placeholder here), never written in the file
        assertEquals("change-me", environment(cpu.path("trainer")).get("DIGITGAN_TRAINER_API_TOKEN"));
        assertNotNull(environment(cpu.path("generator")).get("DIGITGAN_GENERATOR_API_TOKEN"));
    }

    static List<String> toList(JsonNode array) {
        List<String> list = new ArrayList<>();
        if (array.isTextual()) {
            list.add(array.asText());
        }
        array.forEach(n -> list.add(n.asText()));
        return list;
    }
}
