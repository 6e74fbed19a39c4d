package io.digitgan.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A service's {@code application.properties}, as the manifests must match it: its HTTP port and
 * the environment variables that set its properties (Quarkus maps {@code DIGITGAN_DATA_DIR} to
 * {@code digitgan.data.dir}: upper case, every other character an underscore).
 */
record ServiceConfig(String name, int port, Map<String, String> properties) {

    static final Map<String, String> SERVICES = Map.of(
            "trainer", "trainer-service", "generator", "generator-service", "dashboard", "dashboard-service");

    /** Variables any container may carry besides its properties: the JVM's options and libtorch's cache. */
    static final Set<String> RUNTIME_VARIABLES = Set.of("JAVA_OPTS", "DJL_CACHE_DIR");

    static ServiceConfig of(String service) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(
                Project.root().resolve(SERVICES.get(service)).resolve("src/main/resources/application.properties"))) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> props = new TreeMap<>();
        // %test., %dev. ...: profiles a deployment does not run
        p.stringPropertyNames().stream().filter(k -> !k.startsWith("%")).forEach(k -> props.put(k, p.getProperty(k)));
        return new ServiceConfig(service, Integer.parseInt(props.get("quarkus.http.port")), props);
    }

    static String envName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /** Environment variable → the property it sets. */
    Map<String, String> variables() {
        return properties.keySet().stream().collect(Collectors.toMap(ServiceConfig::envName, k -> k, (a, b) -> a));
    }

    /** The properties that name a folder (…​.dir): the paths a container must have mounted. */
    Set<String> directoryVariables() {
        return properties.keySet().stream().filter(k -> k.matches("digitgan\\..*[.-]dir"))
                .map(ServiceConfig::envName).collect(Collectors.toSet());
    }
}
