package io.digitgan.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.digitgan.events.Topics;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Renders both overlays with {@code kubectl kustomize} and checks the objects against the
 * services' application.properties, their ports and health paths and gan-events' topics.
 */
class KustomizeManifestsTest {

    static final List<String> SERVICES = List.of("trainer", "generator", "dashboard");
    static final String OBJECT_STORE_SECRET = "digitgan-object-store";
    static Map<String, Rendered> overlays;

    @BeforeAll
    static void render() {
        overlays = Map.of("cpu", Rendered.overlay("cpu"), "gpu", Rendered.overlay("gpu"),
                "in-cluster-store", Rendered.overlay("in-cluster-store"), "strimzi", Rendered.overlay("strimzi"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "gpu"})
    void everyNamespacedObjectIsInTheDigitganNamespace(String overlay) {
        Rendered r = overlays.get(overlay);
        assertTrue(r.objects.size() > 20, overlay + " rendered " + r.objects.size() + " objects");
        for (HasMetadata o : r.objects) {
            if (!o.getKind().equals("Namespace")) {
                assertEquals("digitgan", o.getMetadata().getNamespace(), o.getKind() + " " + o.getMetadata().getName());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "gpu", "in-cluster-store", "strimzi"})
    void containersMatchTheirServicesPortsProbesAndProperties(String overlay) {
        Rendered r = overlays.get(overlay);
        for (String service : SERVICES) {
            ServiceConfig config = ServiceConfig.of(service);
            Container c = Rendered.container(r.pod(service), service);
            String where = overlay + "/" + service + ": ";
            ContainerPort http = c.getPorts().stream().filter(p -> "http".equals(p.getName())).findFirst()
                    .orElseThrow(() -> new AssertionError(where + "no port named http"));
            assertEquals(config.port(), http.getContainerPort(), where + "containerPort vs quarkus.http.port");
            Service svc = r.service(service);
            assertEquals(config.port(), svc.getSpec().getPorts().get(0).getPort(), where + "Service port");
            assertEquals(r.deployment(service).getSpec().getSelector().getMatchLabels(), svc.getSpec().getSelector(),
                    where + "the Service selects the Deployment's pods");

            assertProbe(where + "liveness", c.getLivenessProbe(), "/q/health/live", config.port(), http);
            assertProbe(where + "readiness", c.getReadinessProbe(), "/q/health/ready", config.port(), http);

            Map<String, String> env = r.environment(c);
            Set<String> known = config.variables().keySet();
            for (String name : env.keySet()) {
                assertTrue(known.contains(name) || ServiceConfig.RUNTIME_VARIABLES.contains(name),
                        where + name + " sets no property of " + ServiceConfig.SERVICES.get(service)
                                + "'s application.properties");
            }
            Map<String, String> annotations = r.deployment(service).getSpec().getTemplate().getMetadata().getAnnotations();
            assertEquals("true", annotations.get("prometheus.io/scrape"), where + "scrape annotation");
            assertEquals(Integer.toString(config.port()), annotations.get("prometheus.io/port"), where + "scrape port");
            assertEquals(config.properties().get("quarkus.micrometer.export.prometheus.path"),
                    annotations.get("prometheus.io/path"), where + "scrape path");
        }
    }

    private static void assertProbe(String what, io.fabric8.kubernetes.api.model.Probe probe, String path, int port,
            ContainerPort http) {
        assertNotNull(probe, what + " probe");
        assertNotNull(probe.getHttpGet(), what + " probe is an HTTP GET");
        assertEquals(path, probe.getHttpGet().getPath(), what + " path");
        IntOrString p = probe.getHttpGet().getPort();
        int resolved = p.getIntVal() != null ? p.getIntVal()
                : p.getStrVal().equals(http.getName()) ? http.getContainerPort() : -1;
        assertEquals(port, resolved, what + " port");
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "gpu", "in-cluster-store", "strimzi"})
    void everyConfiguredFolderIsMountedAndNoPodSharesAVolumeForCheckpoints(String overlay) {
        Rendered r = overlays.get(overlay);
        Map<String, Location> checkpoints = folders(r, overlay);
        assertEquals(Set.of("trainer", "generator"), checkpoints.keySet(), "trainer and generator both name a folder");
        for (String service : List.of("trainer", "generator")) {
            Container c = Rendered.container(r.pod(service), service);
            Map<String, String> env = r.environment(c);
            assertEquals("s3", env.get("DIGITGAN_CHECKPOINTS_STORE"), overlay + "/" + service + ": the object store");
            assertTrue(Rendered.secretsOf(c).contains(OBJECT_STORE_SECRET), overlay + "/" + service
                    + ": bucket, endpoint and keys from the " + OBJECT_STORE_SECRET + " Secret");
            assertFalse(env.getOrDefault("DIGITGAN_CHECKPOINTS_S3_BUCKET", "").isBlank(), overlay + ": a bucket");
            Location own = checkpoints.get(service);
            assertNull(own.claim(), overlay + "/" + service + "'s staging and cache are on an emptyDir: " + own);
            Volume volume = r.pod(service).getVolumes().stream().filter(v -> v.getName().equals(own.volume()))
                    .findFirst().orElseThrow();
            assertNotNull(volume.getEmptyDir(), overlay + "/" + service + ": " + volume);
            assertNotNull(volume.getEmptyDir().getSizeLimit(), overlay + "/" + service + ": a bounded emptyDir");
        }
        assertEquals(env(r, "trainer").get("DIGITGAN_CHECKPOINTS_S3_PREFIX"), env(r, "generator")
                .get("DIGITGAN_CHECKPOINTS_S3_PREFIX"), "the generator reads where the trainer writes");
        for (PodSpec pod : List.of(r.pod("generator"), r.pod("dashboard"))) {
            assertTrue(pod.getVolumes().stream().noneMatch(v -> v.getPersistentVolumeClaim() != null),
                    overlay + ": a generator or dashboard pod mounts no claim, so it runs on any node");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "gpu", "in-cluster-store", "strimzi"})
    void everyServiceLogsJsonOnTheClusterAndPlainLinesLocally(String overlay) {
        for (String service : SERVICES) {
            assertEquals("true", env(overlays.get(overlay), service).get("QUARKUS_LOG_CONSOLE_JSON_ENABLED"), overlay + "/" + service);
            assertEquals("false", ServiceConfig.of(service).properties().get("quarkus.log.console.json.enabled"),
                    service + ": plain lines for ./digitgan up");
        }
    }

    @Test
    void theSingleNodeOverlayKeepsTheSharedFolderOnAReadWriteOnceClaimOnTheTrainersNode() {
        Rendered r = Rendered.overlay("single-node");
        Map<String, Location> checkpoints = folders(r, "single-node");
        Location trainer = checkpoints.get("trainer");
        Location generator = checkpoints.get("generator");
        assertEquals("local", env(r, "trainer").get("DIGITGAN_CHECKPOINTS_STORE"));
        assertEquals("local", env(r, "generator").get("DIGITGAN_CHECKPOINTS_STORE"));
        assertNotNull(trainer.claim(), "the store is on a claim: " + trainer);
        assertEquals(trainer.claim(), generator.claim(), "one claim holds the store for both");
        assertEquals(trainer.pathInVolume(), generator.pathInVolume(), "the same folder of that claim");
        assertTrue(generator.readOnly(), "the generator only reads checkpoints");
        var affinity = r.pod("generator").getAffinity().getPodAffinity()
                .getRequiredDuringSchedulingIgnoredDuringExecution().get(0);
        assertEquals("kubernetes.io/hostname", affinity.getTopologyKey());
        Map<String, String> trainerPods = r.deployment("trainer").getSpec().getTemplate().getMetadata().getLabels();
        assertTrue(trainerPods.entrySet().containsAll(affinity.getLabelSelector().getMatchLabels().entrySet()),
                "scheduled beside the trainer, whose node has the volume: " + affinity.getLabelSelector());
        assertTrue(r.pod("generator").getVolumes().stream().anyMatch(v -> v.getPersistentVolumeClaim() != null
                && Boolean.TRUE.equals(v.getPersistentVolumeClaim().getReadOnly())), "the claim mounted read-only");
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "gpu", "in-cluster-store", "strimzi", "single-node"})
    void noClaimAsksForReadWriteMany(String overlay) {
        Rendered r = Rendered.overlay(overlay);
        assertFalse(r.claims().isEmpty(), overlay + " has claims");
        for (var claim : r.claims()) {
            assertEquals(List.of("ReadWriteOnce"), claim.getSpec().getAccessModes(),
                    overlay + ": claim " + claim.getMetadata().getName());
        }
    }

    @Test
    void theInClusterStoreIsTheServersOwnAndItsKeysAreTheServicesKeys() throws Exception {
        Rendered r = Rendered.overlay("in-cluster-store");
        Map<String, String> env = env(r, "generator");
        Service store = r.service("object-store");
        assertEquals("http://object-store:" + store.getSpec().getPorts().get(0).getPort(),
                env.get("DIGITGAN_CHECKPOINTS_S3_ENDPOINT"), "the services reach the in-cluster server");
        assertEquals("true", env.get("DIGITGAN_CHECKPOINTS_S3_PATH_STYLE"));
        assertEquals("true", env.get("DIGITGAN_CHECKPOINTS_S3_CREATE_BUCKET"), "the bucket is made on first use");
        Secret identities = r.all(Secret.class).filter(s -> s.getMetadata().getName().startsWith("object-store-identities"))
                .findFirst().orElseThrow();
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(java.util.Base64.getMimeDecoder()
                .decode(identities.getData().get("s3.json")));
        var credentials = json.path("identities").get(0).path("credentials").get(0);
        assertEquals(env.get("DIGITGAN_CHECKPOINTS_S3_ACCESS_KEY_ID"), credentials.path("accessKey").asText());
        assertEquals(env.get("DIGITGAN_CHECKPOINTS_S3_SECRET_ACCESS_KEY"), credentials.path("secretKey").asText());
        Container server = Rendered.container(r.pod("object-store"), "seaweedfs");
        assertTrue(server.getArgs().contains("-s3.config=/etc/seaweedfs/s3.json"));
        assertTrue(server.getVolumeMounts().stream().anyMatch(m -> m.getName().equals("data") && m.getMountPath().equals("/data")),
                "its objects under /data");
        assertTrue(r.statefulSet("object-store").getSpec().getVolumeClaimTemplates().stream()
                .anyMatch(c -> c.getMetadata().getName().equals("data")), "/data is its own claim");
    }

    private static Map<String, String> env(Rendered r, String service) {
        return r.environment(Rendered.container(r.pod(service), service));
    }

    /** Each service's configured folders, checked to be mounted; the checkpoint folder's place by service. */
    private static Map<String, Location> folders(Rendered r, String overlay) {
        Map<String, Location> checkpoints = new java.util.HashMap<>();
        for (String service : SERVICES) {
            ServiceConfig config = ServiceConfig.of(service);
            PodSpec pod = r.pod(service);
            Container c = Rendered.container(pod, service);
            Map<String, String> env = r.environment(c);
            for (String variable : config.directoryVariables()) {
                String value = env.get(variable);
                if (value == null) {
                    continue; // not used by this deployment: its default stays inside the image
                }
                Location at = locate(pod, c, value).orElseThrow(() -> new AssertionError(overlay + "/" + service + ": "
                        + variable + "=" + value + " is not on a mounted volume (the root filesystem is read-only)"));
                if (variable.equals("DIGITGAN_CHECKPOINTS_DIR")) {
                    checkpoints.put(service, at);
                }
                if (service.equals("trainer")) {
                    assertFalse(at.readOnly(), overlay + "/trainer writes " + value);
                }
            }
        }
        return checkpoints;
    }

    /** Where a path of a container lands: a volume (its claim, if any) and the path inside it. */
    record Location(String volume, String claim, String pathInVolume, boolean readOnly) {}

    static Optional<Location> locate(PodSpec pod, Container c, String path) {
        Path p = Path.of(path).normalize();
        VolumeMount best = null;
        for (VolumeMount m : c.getVolumeMounts()) {
            if (p.startsWith(Path.of(m.getMountPath()))
                    && (best == null || m.getMountPath().length() > best.getMountPath().length())) {
                best = m;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        VolumeMount mount = best;
        Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst()
                .orElseThrow(() -> new AssertionError("mount " + mount.getName() + " names no volume"));
        String claim = volume.getPersistentVolumeClaim() == null ? null : volume.getPersistentVolumeClaim().getClaimName();
        Path inVolume = Path.of("/" + (mount.getSubPath() == null ? "" : mount.getSubPath()))
                .resolve(Path.of(mount.getMountPath()).relativize(p));
        boolean readOnly = Boolean.TRUE.equals(mount.getReadOnly()) || (volume.getPersistentVolumeClaim() != null
                && Boolean.TRUE.equals(volume.getPersistentVolumeClaim().getReadOnly()));
        return Optional.of(new Location(volume.getName(), claim, inVolume.normalize().toString(), readOnly));
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "gpu"})
    void kafkaBootstrapAddressesNameTheKafkaServiceAndItsBroker(String overlay) {
        Rendered r = overlays.get(overlay);
        StatefulSet kafka = r.statefulSet("kafka");
        Container broker = Rendered.container(kafka.getSpec().getTemplate().getSpec(), "kafka");
        Map<String, String> brokerEnv = r.environment(broker);
        Map<String, String> podLabels = kafka.getSpec().getTemplate().getMetadata().getLabels();
        int brokerPort = listenerPort(brokerEnv.get("KAFKA_LISTENERS"), "PLAINTEXT");

        List<String> bootstraps = new ArrayList<>();
        for (String service : SERVICES) {
            bootstraps.add(r.environment(Rendered.container(r.pod(service), service)).get("KAFKA_BOOTSTRAP_SERVERS"));
        }
        Job topics = r.one(Job.class, "kafka-topics");
        bootstraps.add(topics.getSpec().getTemplate().getSpec().getContainers().get(0).getCommand().get(2));
        for (String bootstrap : bootstraps) {
            assertNotNull(bootstrap, "every service and the topics Job name the brokers");
            String[] hostPort = bootstrap.split(":");
            Service svc = r.service(hostPort[0]);
            assertTrue(svc.getSpec().getPorts().stream().anyMatch(p -> p.getPort() == Integer.parseInt(hostPort[1])),
                    bootstrap + ": the Service has that port");
            assertTrue(podLabels.entrySet().containsAll(svc.getSpec().getSelector().entrySet()),
                    bootstrap + ": the Service selects the Kafka pods");
            assertEquals(brokerPort, Integer.parseInt(hostPort[1]), bootstrap + ": the broker's PLAINTEXT listener port");
        }
        // what the broker tells clients to connect to must resolve: <pod>.<headless service>
        String advertised = brokerEnv.get("KAFKA_ADVERTISED_LISTENERS").replace("PLAINTEXT://", "");
        assertEquals(kafka.getMetadata().getName() + "-0." + kafka.getSpec().getServiceName() + ":" + brokerPort, advertised);
        assertEquals("None", r.service(kafka.getSpec().getServiceName()).getSpec().getClusterIP());
        assertFalse(kafka.getSpec().getVolumeClaimTemplates().isEmpty(), "Kafka keeps its log on a volume");
    }

    /** Kafka's security settings reach every service from one Secret, so a secured cluster needs one change. */
    @ParameterizedTest
    @ValueSource(strings = {"cpu", "gpu"})
    void everyServiceTakesItsKafkaSecurityFromTheClientSecret(String overlay) {
        Rendered r = overlays.get(overlay);
        for (String service : SERVICES) {
            Container c = Rendered.container(r.pod(service), service);
            assertTrue(c.getEnvFrom().stream().anyMatch(f -> f.getSecretRef() != null
                    && f.getSecretRef().getName().startsWith("digitgan-kafka-client")), service + ": envFrom the Secret");
            assertEquals("PLAINTEXT", r.environment(c).get("KAFKA_SECURITY_PROTOCOL"), service);
        }
    }

    /** What create-topics.sh must be given for gan-events' topics: name:policy[:retention ms]. */
    static Set<String> topicArguments() {
        return Topics.ALL.stream().map(t -> t.name() + ":" + t.cleanupPolicy()
                + (t.retentionMs() == null ? "" : ":" + t.retentionMs())).collect(Collectors.toCollection(TreeSet::new));
    }

    static int listenerPort(String listeners, String name) {
        return Stream.of(listeners.split(",")).filter(l -> l.startsWith(name + "://"))
                .map(l -> Integer.parseInt(l.substring(l.lastIndexOf(':') + 1))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " listener in " + listeners));
    }

    @Test
    void theTopicsJobCreatesEveryTopicWithItsCleanupPolicy() {
        Job job = overlays.get("cpu").one(Job.class, "kafka-topics");
        List<String> command = job.getSpec().getTemplate().getSpec().getContainers().get(0).getCommand();
        assertEquals(topicArguments(), new TreeSet<>(command.subList(3, command.size())));
    }

    @Test
    void theGpuOverlayRequestsAGpuAndTheCpuOverlayNone() {
        String gpu = "nvidia.com/gpu";
        PodSpec gpuTrainer = overlays.get("gpu").pod("trainer");
        Container trainer = Rendered.container(gpuTrainer, "trainer");
        assertEquals(new Quantity("1"), trainer.getResources().getLimits().get(gpu));
        assertTrue(trainer.getImage().endsWith("-gpu"), trainer.getImage());
        assertEquals("gpu", overlays.get("gpu").environment(trainer).get("DIGITGAN_DEVICE"));
        assertFalse(gpuTrainer.getNodeSelector().isEmpty(), "a GPU node is selected");
        assertTrue(gpuTrainer.getTolerations().stream().anyMatch(t -> gpu.equals(t.getKey())), "GPU taints tolerated");
        for (HasMetadata o : overlays.get("cpu").objects) {
            for (Container c : containers(o)) {
                assertFalse(c.getResources().getLimits().containsKey(gpu), "cpu overlay: " + c.getName() + " asks no GPU");
                assertFalse(c.getResources().getRequests().containsKey(gpu));
                assertFalse(c.getImage().endsWith("-gpu"), c.getImage());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "gpu", "in-cluster-store", "strimzi"})
    void everyContainerRunsRestrictedWithRequestsAndLimits(String overlay) {
        int containers = 0;
        for (HasMetadata o : overlays.get(overlay).objects) {
            PodSpec pod = Rendered.podSpec(o);
            if (pod == null) {
                continue;
            }
            for (Container c : containers(o)) {
                containers++;
                String where = overlay + "/" + o.getMetadata().getName() + "/" + c.getName() + ": ";
                var sc = c.getSecurityContext();
                assertNotNull(sc, where + "securityContext");
                boolean nonRoot = Boolean.TRUE.equals(sc.getRunAsNonRoot())
                        || (pod.getSecurityContext() != null && Boolean.TRUE.equals(pod.getSecurityContext().getRunAsNonRoot()));
                assertTrue(nonRoot, where + "runAsNonRoot");
                assertEquals(Boolean.TRUE, sc.getReadOnlyRootFilesystem(), where + "read-only root filesystem");
                assertEquals(Boolean.FALSE, sc.getAllowPrivilegeEscalation(), where + "no privilege escalation");
                for (String resource : List.of("cpu", "memory")) {
                    assertNotNull(c.getResources().getRequests().get(resource), where + resource + " request");
                    assertNotNull(c.getResources().getLimits().get(resource), where + resource + " limit");
                }
            }
        }
        // kafka, the topics job, the fetch-mnist init step, trainer, generator, dashboard; with the in-cluster
        // store its server too; with Strimzi, whose operator runs Kafka, neither kafka nor the topics job
        int expected = Map.of("in-cluster-store", 7, "strimzi", 4).getOrDefault(overlay, 6);
        assertEquals(expected, containers, overlay + ": every container checked");
    }

    @Test
    void onlyTheDashboardAndTheGeneratorAreReachableFromOutsideTheNamespace() {
        Rendered r = overlays.get("cpu");
        List<NetworkPolicy> policies = r.all(NetworkPolicy.class).toList();
        assertTrue(policies.stream().anyMatch(p -> selectsAll(p.getSpec().getPodSelector())
                        && p.getSpec().getPolicyTypes().contains("Ingress")
                        && (p.getSpec().getIngress() == null || p.getSpec().getIngress().isEmpty())),
                "a default-deny policy for every pod");
        Map<String, Boolean> fromOutside = new java.util.TreeMap<>();
        for (String app : List.of("dashboard", "generator", "trainer", "kafka")) {
            Map<String, String> labels = app.equals("kafka")
                    ? r.statefulSet("kafka").getSpec().getTemplate().getMetadata().getLabels()
                    : r.deployment(app).getSpec().getTemplate().getMetadata().getLabels();
            List<NetworkPolicyIngressRule> rules = policies.stream()
                    .filter(p -> selectsAll(p.getSpec().getPodSelector())
                            || labels.entrySet().containsAll(p.getSpec().getPodSelector().getMatchLabels().entrySet()))
                    .flatMap(p -> p.getSpec().getIngress().stream()).toList();
            assertFalse(rules.isEmpty(), app + " is reachable by someone");
            fromOutside.put(app, rules.stream().anyMatch(KustomizeManifestsTest::admitsOutsiders));
        }
        assertEquals(Map.of("dashboard", true, "generator", true, "kafka", false, "trainer", false), fromOutside);

        Ingress ingress = r.one(Ingress.class, "digitgan");
        Set<String> backends = ingress.getSpec().getRules().stream().flatMap(rule -> rule.getHttp().getPaths().stream())
                .map(p -> p.getBackend().getService().getName()).collect(Collectors.toSet());
        assertEquals(Set.of("dashboard", "generator"), backends);
    }

    private static boolean selectsAll(io.fabric8.kubernetes.api.model.LabelSelector s) {
        return (s.getMatchLabels() == null || s.getMatchLabels().isEmpty())
                && (s.getMatchExpressions() == null || s.getMatchExpressions().isEmpty());
    }

    /** A rule without sources, or with a namespace selector or an IP block, admits pods of other namespaces. */
    private static boolean admitsOutsiders(NetworkPolicyIngressRule rule) {
        if (rule.getFrom() == null || rule.getFrom().isEmpty()) {
            return true;
        }
        for (NetworkPolicyPeer peer : rule.getFrom()) {
            if (peer.getNamespaceSelector() != null || peer.getIpBlock() != null) {
                return true;
            }
        }
        return false;
    }

    @Test
    void theGeneratorScalesAndSurvivesDisruptionTheTrainerIsASingleRecreatedReplica() {
        Rendered r = overlays.get("cpu");
        Deployment generator = r.deployment("generator");
        assertTrue(generator.getSpec().getReplicas() >= 2);
        PodDisruptionBudget pdb = r.one(PodDisruptionBudget.class, "generator");
        assertEquals(generator.getSpec().getSelector().getMatchLabels(), pdb.getSpec().getSelector().getMatchLabels());
        HorizontalPodAutoscaler hpa = r.one(HorizontalPodAutoscaler.class, "generator");
        assertEquals("generator", hpa.getSpec().getScaleTargetRef().getName());
        assertTrue(hpa.getSpec().getMinReplicas() >= 2);

        Deployment trainer = r.deployment("trainer");
        assertEquals(1, trainer.getSpec().getReplicas());
        assertEquals("Recreate", trainer.getSpec().getStrategy().getType());
        List<Container> init = trainer.getSpec().getTemplate().getSpec().getInitContainers();
        assertEquals(1, init.size());
        Map<String, String> trainerEnv = r.environment(Rendered.container(r.pod("trainer"), "trainer"));
        assertTrue(init.get(0).getCommand().contains(trainerEnv.get("DIGITGAN_DATA_DIR")),
                "the init step fetches MNIST where the trainer reads it: " + init.get(0).getCommand());
        assertTrue(trainerEnv.get("DIGITGAN_TRAINER_API_TOKEN").startsWith("<secret digitgan-api-token"),
                "the token comes from the Secret");
        Secret secret = r.all(Secret.class).filter(s -> s.getMetadata().getName().startsWith("digitgan-api-token"))
                .findFirst().orElseThrow();
        assertTrue(secret.getData().containsKey("token"));
    }

    static List<Container> containers(HasMetadata o) {
        PodSpec pod = Rendered.podSpec(o);
        if (pod == null) {
            return List.of();
        }
        List<Container> all = new ArrayList<>(pod.getContainers());
        all.addAll(pod.getInitContainers());
        return all;
    }
}
