package io.digitgan.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The objects {@code kubectl kustomize <overlay>} renders, parsed into the Kubernetes model. */
final class Rendered {

    final String overlay;
    final List<HasMetadata> objects;

    private Rendered(String overlay, List<HasMetadata> objects) {
        this.overlay = overlay;
        this.objects = objects;
    }

    static Rendered overlay(String name) {
        return of("k8s/overlays/" + name);
    }

    /** What {@code kubectl kustomize <folder>} renders, the folder relative to the project. */
    static Rendered of(String folder) {
        String name = folder;
        String yaml = Project.run("kubectl", "kustomize", folder);
        Object parsed = new KubernetesSerialization().unmarshal(yaml);
        @SuppressWarnings("unchecked")
        List<HasMetadata> objects = parsed instanceof List<?> list ? (List<HasMetadata>) list : List.of((HasMetadata) parsed);
        return new Rendered(name, objects);
    }

    <T extends HasMetadata> Stream<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast);
    }

    <T extends HasMetadata> T one(Class<T> type, String name) {
        return all(type).filter(o -> o.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(overlay + ": no " + type.getSimpleName() + " named " + name));
    }

    Deployment deployment(String name) {
        return one(Deployment.class, name);
    }

    StatefulSet statefulSet(String name) {
        return one(StatefulSet.class, name);
    }

    Service service(String name) {
        return one(Service.class, name);
    }

    /** The pod spec of the Deployment or StatefulSet named {@code workload}. */
    PodSpec pod(String workload) {
        return all(HasMetadata.class).filter(o -> o.getMetadata().getName().equals(workload))
                .filter(o -> o instanceof Deployment || o instanceof StatefulSet).map(Rendered::podSpec).findFirst()
                .orElseThrow(() -> new AssertionError(overlay + ": no workload " + workload));
    }

    /** The pod spec of a Deployment, StatefulSet or Job; null for other objects. */
    static PodSpec podSpec(HasMetadata o) {
        if (o instanceof Deployment d) {
            return d.getSpec().getTemplate().getSpec();
        } else if (o instanceof StatefulSet s) {
            return s.getSpec().getTemplate().getSpec();
        } else if (o instanceof Job j) {
            return j.getSpec().getTemplate().getSpec();
        }
        return null;
    }

    static Container container(PodSpec pod, String name) {
        return pod.getContainers().stream().filter(c -> c.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no container " + name));
    }

    /**
     * A container's environment as it will be: envFrom ConfigMaps first, then env entries (a
     * value from a Secret shows as {@code <secret name>/<key>}).
     */
    Map<String, String> environment(Container c) {
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvFromSource from : c.getEnvFrom()) {
            if (from.getConfigMapRef() != null) {
                env.putAll(one(ConfigMap.class, from.getConfigMapRef().getName()).getData());
            } else if (from.getSecretRef() != null) {
                String name = from.getSecretRef().getName();
                if (all(io.fabric8.kubernetes.api.model.Secret.class).noneMatch(o -> o.getMetadata().getName().equals(name))) {
                    continue; // another rendering's Secret (a sweep reads the deployment's): see secretsOf
                }
                // a Secret's values as the container sees them (generated ones are base64-encoded)
                io.fabric8.kubernetes.api.model.Secret secret = one(io.fabric8.kubernetes.api.model.Secret.class, name);
                if (secret.getData() != null) {
                    secret.getData().forEach((k, v) -> env.put(k, new String(java.util.Base64.getDecoder().decode(v),
                            java.nio.charset.StandardCharsets.UTF_8)));
                }
                if (secret.getStringData() != null) {
                    env.putAll(secret.getStringData());
                }
            } else {
                throw new AssertionError(c.getName() + ": envFrom other than a ConfigMap or a Secret is not expected");
            }
        }
        for (EnvVar v : c.getEnv()) {
            if (v.getValueFrom() != null && v.getValueFrom().getSecretKeyRef() != null) {
                var ref = v.getValueFrom().getSecretKeyRef();
                env.put(v.getName(), "<secret " + ref.getName() + "/" + ref.getKey() + ">");
            } else {
                env.put(v.getName(), v.getValue());
            }
        }
        return env;
    }

    /** The Secrets a container takes its environment from (envFrom). */
    static List<String> secretsOf(Container c) {
        return c.getEnvFrom().stream().filter(f -> f.getSecretRef() != null).map(f -> f.getSecretRef().getName()).toList();
    }

    /** Every claim this rendering asks for: PersistentVolumeClaims and StatefulSets' claim templates. */
    List<io.fabric8.kubernetes.api.model.PersistentVolumeClaim> claims() {
        List<io.fabric8.kubernetes.api.model.PersistentVolumeClaim> claims = new java.util.ArrayList<>(
                all(io.fabric8.kubernetes.api.model.PersistentVolumeClaim.class).toList());
        all(StatefulSet.class).forEach(s -> claims.addAll(s.getSpec().getVolumeClaimTemplates()));
        return claims;
    }
}
