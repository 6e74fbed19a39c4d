package io.digitgan.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Dockerfiles (no engine runs here to build them): each copies its own service's Quarkus
 * layout, runs as a non-root user, exposes and health-checks the port of its
 * application.properties; the GPU image is CUDA 12.6 with the {@code gpu} Maven profile's libtorch;
 * the manifests and the compose file name the images the build commands tag.
 */
class ImagesTest {

    static List<String> instructions(Path dockerfile) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(dockerfile)) {
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            String trimmed = line.strip();
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
            } else {
                lines.add(current.append(trimmed).toString());
                current.setLength(0);
            }
        }
        return lines;
    }

    static String only(List<String> instructions, String keyword) {
        List<String> found = instructions.stream().filter(i -> i.startsWith(keyword + " ")).toList();
        assertEquals(1, found.size(), keyword + " once: " + found);
        return found.get(0).substring(keyword.length() + 1).strip();
    }

    @Test
    void eachImageRunsItsOwnServiceAsNonRootOnItsPortWithAHealthCheck() throws IOException {
        Map<String, String> images = Map.of(
                "trainer", "trainer-service/src/main/docker/Dockerfile.jvm",
                "generator", "generator-service/src/main/docker/Dockerfile.jvm",
                "dashboard", "dashboard-service/src/main/docker/Dockerfile.jvm",
                "trainer-gpu", "trainer-service/src/main/docker/Dockerfile.gpu");
        for (var e : images.entrySet()) {
            String service = e.getKey().replace("-gpu", "");
            ServiceConfig config = ServiceConfig.of(service);
            List<String> in = instructions(Project.root().resolve(e.getValue()));
            String where = e.getValue() + ": ";
            assertEquals("1001", only(in, "USER"), where + "non-root user");
            assertEquals(Integer.toString(config.port()), only(in, "EXPOSE"), where + "port");
            assertTrue(only(in, "HEALTHCHECK").contains("http://localhost:" + config.port() + "/q/health/live"),
                    where + "health check");
            List<String> copies = in.stream().filter(i -> i.startsWith("COPY ")).toList();
            assertEquals(4, copies.size(), where + "lib/, the run jar, app/, quarkus/");
            for (String copy : copies) {
                assertTrue(copy.contains(" " + ServiceConfig.SERVICES.get(service) + "/target/quarkus-app/"),
                        where + copy);
            }
            assertTrue(only(in, "ENTRYPOINT").contains("quarkus-run.jar"), where + "runs the Quarkus jar");
            assertTrue(only(in, "ENV").contains("-Dai.djl.offline=true"), where + "libtorch never downloads");
        }
        List<String> gpu = instructions(Project.root().resolve(images.get("trainer-gpu")));
        assertTrue(only(gpu, "FROM").startsWith("nvidia/cuda:12.6"), "CUDA 12.6 base");
    }

    @Test
    void theTrainerImagesSetTheMallocThresholdsTheScriptsSet() throws IOException {
        String script = Files.readString(Project.root().resolve("scripts/lib/native-env.sh"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("DIGITGAN_MALLOC_TUNABLES=\"([^\"]+)\"").matcher(script);
        assertTrue(m.find(), "scripts/lib/native-env.sh names the tunables");
        String tunables = m.group(1);
        assertTrue(tunables.contains("glibc.malloc.mmap_threshold=") && tunables.contains("glibc.malloc.trim_threshold="),
                tunables);
        for (String image : List.of("trainer-service/src/main/docker/Dockerfile.jvm",
                "trainer-service/src/main/docker/Dockerfile.gpu")) {
            String env = only(instructions(Project.root().resolve(image)), "ENV");
            assertTrue(env.contains("GLIBC_TUNABLES=" + tunables + " "), image + ": " + env);
        }
    }

    @Test
    void theGpuProfileSwapsLibtorchForItsCuda126Build() throws IOException {
        String pom = Files.readString(Project.root().resolve("pom.xml"));
        assertTrue(pom.contains("<pytorch.version>2.7.1</pytorch.version>"), "libtorch 2.7.1, the version DJL 0.36 loads offline");
        int profile = pom.indexOf("<id>gpu</id>");
        assertTrue(profile > 0, "a Maven profile gpu");
        String rest = pom.substring(profile, pom.indexOf("</profile>", profile));
        assertTrue(rest.contains("<pytorch.native.artifact>pytorch-native-cu126</pytorch.native.artifact>"), rest);
        assertTrue(pom.contains("<artifactId>${pytorch.native.artifact}</artifactId>"),
                "the native artifact is the property the profile sets");
    }

    @Test
    void composeAndKubernetesUseTheImagesTheBuildCommandsTag() throws IOException {
        String compose = Files.readString(Project.root().resolve("docker-compose.yml"));
        String readme = Files.readString(Project.root().resolve("README.md"));
        Rendered cpu = Rendered.overlay("cpu");
        Rendered gpu = Rendered.overlay("gpu");
        for (String service : List.of("trainer", "generator", "dashboard")) {
            String image = "digitgan/" + ServiceConfig.SERVICES.get(service) + ":0.1.0";
            assertTrue(compose.contains("image: " + image + "\n"), "compose: " + image);
            assertTrue(readme.contains("-t " + image + " "), "README builds " + image);
            assertEquals(image, Rendered.container(cpu.pod(service), service).getImage(), "k8s cpu: " + service);
        }
        assertTrue(readme.contains("-t digitgan/trainer-service:0.1.0-gpu "), "README builds the GPU image");
        assertEquals("digitgan/trainer-service:0.1.0-gpu", Rendered.container(gpu.pod("trainer"), "trainer").getImage());
    }
}
