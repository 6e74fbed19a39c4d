package io.digitgan.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SASL_PLAINTEXT listener logs in its SCRAM-SHA-512 user and refuses a wrong password. */
class LocalKafkaSaslTest {

    @TempDir
    Path dataDir;

    @Test
    void theSaslUserLogsInAndAWrongPasswordIsRefused() throws Exception {
        LocalKafka.SaslUser user = new LocalKafka.SaslUser("digitgan", "digitgan-test-secret");
        try (LocalKafka kafka = new LocalKafka(FreePorts.next(), dataDir).withSaslUser(user, FreePorts.next()).start()) {
            try (Admin admin = Admin.create(sasl(kafka, user))) {
                assertEquals(1, admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size());
            }
            LocalKafka.SaslUser wrong = new LocalKafka.SaslUser(user.name(), "not-the-password");
            try (Admin admin = Admin.create(sasl(kafka, wrong))) {
                ExecutionException e = assertThrows(ExecutionException.class,
                        () -> admin.describeCluster().nodes().get(30, TimeUnit.SECONDS));
                assertEquals(SaslAuthenticationException.class, e.getCause().getClass());
            }
        }
    }

    private static Map<String, Object> sasl(LocalKafka kafka, LocalKafka.SaslUser user) {
        return Map.of("bootstrap.servers", kafka.saslBootstrapServers(), "security.protocol", "SASL_PLAINTEXT",
                "sasl.mechanism", LocalKafka.SaslUser.MECHANISM, "sasl.jaas.config", user.jaasConfig(),
                "request.timeout.ms", 10_000, "default.api.timeout.ms", 20_000);
    }
}
