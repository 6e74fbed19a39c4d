package io.digitgan.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.digitgan.core.sweep.SweepFile;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Renders {@code k8s/sweep} (CPU pods) and {@code k8s/sweep/gpu} and checks the Indexed Job
 * against the trainer's properties, the sweep file it mounts and the deployment it runs beside
 * ({@code k8s/overlays/cpu}): its claim, its Kafka, its security settings.
 */
class SweepManifestsTest {

    static final String JOB = "digitgan-sweep";
    static Map<String, Rendered> sweeps;
    static Rendered deployment;

    @BeforeAll
    static void render() {
        sweeps = Map.of("cpu", Rendered.of("k8s/sweep"), "gpu", Rendered.of("k8s/sweep/gpu"));
        deployment = Rendered.overlay("cpu");
    }

    static Job job(Rendered r) {
        return r.one(Job.class, JOB);
    }

    static Container trainer(Rendered r) {
        return Rendered.container(job(r).getSpec().getTemplate().getSpec(), "trainer");
    }

    /** The sweep file as the pods read it: the ConfigMap's entry at DIGITGAN_SWEEP_FILE. */
    static SweepFile mountedSweep(Rendered r) {
        PodSpec pod = job(r).getSpec().getTemplate().getSpec();
        Container c = trainer(r);
        Path file = Path.of(r.environment(c).get("DIGITGAN_SWEEP_FILE"));
        var mount = c.getVolumeMounts().stream().filter(m -> file.startsWith(m.getMountPath())).findFirst()
                .orElseThrow(() -> new AssertionError(file + " is on no mounted volume"));
        Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst().orElseThrow();
        assertNotNull(volume.getConfigMap(), "the sweep file comes from a ConfigMap");
        ConfigMap map = r.one(ConfigMap.class, volume.getConfigMap().getName());
        String key = Path.of(mount.getMountPath()).relativize(file).toString();
        String text = map.getData().get(key);
        assertNotNull(text, "the ConfigMap has " + key);
        return SweepFile.parse(text, key);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "gpu"})
    void theJobIsIndexedWithOnePodPerRunOfTheMountedSweep(String variant) {
        Rendered r = sweeps.get(variant);
        Job job = job(r);
        assertEquals("Indexed", job.getSpec().getCompletionMode());
        SweepFile sweep = mountedSweep(r);
        List<SweepFile.Entry> entries = sweep.expand();
        assertEquals(entries.size(), job.getSpec().getCompletions(), "completions = the sweep's runs");
        int parallelism = job.getSpec().getParallelism();
        assertTrue(parallelism >= 1 && parallelism <= entries.size(), "parallelism " + parallelism);
        // the index a pod is given is the entry it trains, the same every time
        for (int index = 0; index < job.getSpec().getCompletions(); index++) {
            SweepFile.Entry entry = sweep.entry(index);
            assertEquals(index, entry.index());
            assertEquals(String.format("%s-%03d", sweep.name(), index), entry.runId());
        }
        assertEquals(4, entries.stream().map(e -> e.varying().toString()).distinct().count(), "four different configs");
        assertTrue(Set.of("OnFailure", "Never").contains(job.getSpec().getTemplate().getSpec().getRestartPolicy()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "gpu"})
    void eachPodTakesItsEntryFromJobCompletionIndexAndSetsOnlyTrainerProperties(String variant) {
        Rendered r = sweeps.get(variant);
        ServiceConfig config = ServiceConfig.of("trainer");
        assertEquals("${JOB_COMPLETION_INDEX:-1}", config.properties().get("digitgan.sweep.index"),
                "the trainer reads the Job's index as digitgan.sweep.index");
        Map<String, String> env = r.environment(trainer(r));
        assertNull(env.get("DIGITGAN_SWEEP_INDEX"), "no fixed index: every pod would train the same run");
        assertNotNull(env.get("DIGITGAN_SWEEP_FILE"), "run-to-completion mode");
        assertFalse("true".equals(env.get("DIGITGAN_TRAINING_AUTOSTART")), "a sweep pod trains its entry only");
        for (String name : env.keySet()) {
            assertTrue(config.variables().containsKey(name) || ServiceConfig.RUNTIME_VARIABLES.contains(name),
                    variant + ": " + name + " sets no property of trainer-service");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "gpu"})
    void thePodsWriteToTheDeploymentsObjectStoreAndShareNoVolume(String variant) {
        Rendered r = sweeps.get(variant);
        PodSpec pod = job(r).getSpec().getTemplate().getSpec();
        Container c = trainer(r);
        Map<String, String> env = r.environment(c);
        Container deployedTrainer = Rendered.container(deployment.pod("trainer"), "trainer");
        Map<String, String> deployedEnv = deployment.environment(deployedTrainer);
        for (String variable : List.of("DIGITGAN_CHECKPOINTS_STORE", "DIGITGAN_CHECKPOINTS_S3_PREFIX")) {
            assertEquals(deployedEnv.get(variable), env.get(variable), variable + ": as the deployment's trainer");
        }
        assertTrue(Rendered.secretsOf(c).contains(KustomizeManifestsTest.OBJECT_STORE_SECRET),
                "bucket, endpoint and keys from the deployment's Secret");
        assertTrue(deployment.all(Secret.class).anyMatch(
                s -> s.getMetadata().getName().equals(KustomizeManifestsTest.OBJECT_STORE_SECRET)),
                "the deployment renders that Secret under that very name (no hash suffix)");
        for (String variable : List.of("DIGITGAN_CHECKPOINTS_DIR", "DIGITGAN_DATA_DIR", "DIGITGAN_QUALITY_EVALUATOR_DIR")) {
            var at = KustomizeManifestsTest.locate(pod, c, env.get(variable))
                    .orElseThrow(() -> new AssertionError(variable + " is not on a mounted volume"));
            assertNull(at.claim(), variable + " is on the pod's own volume, no claim: " + at);
            assertFalse(at.readOnly(), variable + " writable");
        }
        assertTrue(pod.getVolumes().stream().noneMatch(v -> v.getPersistentVolumeClaim() != null), "no claim at all");
        Container fetch = pod.getInitContainers().stream().filter(i -> i.getName().equals("fetch-mnist")).findFirst()
                .orElseThrow(() -> new AssertionError("an init container fetches MNIST"));
        assertEquals(env.get("DIGITGAN_DATA_DIR"), fetch.getCommand().get(fetch.getCommand().size() - 1),
                "into the folder the trainer reads");
        // libtorch unpacks into its cache and the JVM writes /tmp: the root filesystem is read-only
        for (String path : List.of("/var/cache/djl", "/tmp")) {
            assertTrue(KustomizeManifestsTest.locate(pod, c, path).isPresent(), path + " mounted");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "gpu"})
    void thePodsPublishToTheDeploymentsKafkaWithTheSameSecuritySettings(String variant) {
        Rendered r = sweeps.get(variant);
        Map<String, String> env = r.environment(trainer(r));
        Map<String, String> deployedEnv = deployment.environment(Rendered.container(deployment.pod("trainer"), "trainer"));
        assertEquals(deployedEnv.get("KAFKA_BOOTSTRAP_SERVERS"), env.get("KAFKA_BOOTSTRAP_SERVERS"));
        assertTrue(trainer(r).getEnvFrom().stream().anyMatch(f -> f.getSecretRef() != null), "Kafka security from a Secret");
        Secret client = deployment.all(Secret.class).filter(s -> s.getMetadata().getName().startsWith("digitgan-kafka-client"))
                .findFirst().orElseThrow();
        for (String key : client.getData().keySet()) {
            assertEquals(deployedEnv.get(key), env.get(key), key + " as the deployment's services have it");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "gpu"})
    void thePodsRunRestrictedWithRequestsAndLimits(String variant) {
        Rendered r = sweeps.get(variant);
        for (HasMetadata o : r.objects) {
            assertEquals("digitgan", o.getMetadata().getNamespace(), o.getKind() + " " + o.getMetadata().getName());
        }
        PodSpec pod = job(r).getSpec().getTemplate().getSpec();
        Container c = trainer(r);
        assertEquals(Boolean.TRUE, pod.getSecurityContext().getRunAsNonRoot());
        assertEquals(Boolean.TRUE, c.getSecurityContext().getReadOnlyRootFilesystem());
        assertEquals(Boolean.FALSE, c.getSecurityContext().getAllowPrivilegeEscalation());
        assertEquals(List.of("ALL"), c.getSecurityContext().getCapabilities().getDrop());
        for (String resource : List.of("cpu", "memory")) {
            assertNotNull(c.getResources().getRequests().get(resource), resource + " request");
            assertNotNull(c.getResources().getLimits().get(resource), resource + " limit");
        }
    }

    @Test
    void theGpuVariantRequestsOneGpuPerPodAndTheCpuVariantNone() {
        String gpu = "nvidia.com/gpu";
        Container onGpu = trainer(sweeps.get("gpu"));
        assertEquals(new Quantity("1"), onGpu.getResources().getRequests().get(gpu));
        assertEquals(new Quantity("1"), onGpu.getResources().getLimits().get(gpu));
        assertTrue(onGpu.getImage().endsWith("-gpu"), "the CUDA image: " + onGpu.getImage());
        assertEquals("gpu", sweeps.get("gpu").environment(onGpu).get("DIGITGAN_DEVICE"));
        Container onCpu = trainer(sweeps.get("cpu"));
        assertNull(onCpu.getResources().getRequests().get(gpu));
        assertFalse(onCpu.getImage().endsWith("-gpu"));
        assertEquals(mountedSweep(sweeps.get("cpu")).expand().size(), mountedSweep(sweeps.get("gpu")).expand().size());
    }
}
