package io.digitgan.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * How the local run ends, with real signals: Ctrl-C with the output piped through tee, a second
 * up while one runs, a service that dies, the launcher killed with SIGKILL, a closed terminal (HUP).
 * Each time no process and no port may be left. While it runs, only this machine reaches it.
 */
class LocalRunLifecycleTest {

    static final List<Integer> PORTS = List.of(9092, 8080, 8081, 8082);
    static final Path root = DataFolders.ROOT;
    /** This test's data folder: each test has its own, with no other test's runs in it. */
    Path data;

    @BeforeEach
    void dataFolder(TestInfo test) throws IOException {
        data = DataFolders.fresh("lifecycle-" + test.getTestMethod().orElseThrow().getName());
    }

    /** {@code ./digitgan up} in a session of its own (as a terminal would run it), output through {@code tee}. */
    Process up(Path out) throws Exception {
        return up(out, data, "--profile smoke");
    }

    /** As {@link #up(Path)}, with these run options and data folder. */
    static Process up(Path out, Path dataDir, String options) throws Exception {
        for (int port : PORTS) {
            assertTrue(!open(port), "port " + port + " must be free");
        }
        String command = "exec ./digitgan up " + options + " --data-dir '" + dataDir + "' 2>&1 | tee '" + out + "'";
        // --default-signal: a terminal's shell takes HUP and INT; one started under nohup, or in the
        // background of a shell without job control (a CI runner's), would hand the launcher an
        // ignored HUP or INT, which no trap of a non-interactive shell can undo
        ProcessBuilder b = new ProcessBuilder("setsid", "env", "--default-signal=HUP,INT", "bash", "-c", command)
                .directory(root.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        b.environment().put("DIGITGAN_QUALITY_EVALUATOR_DIR", root.resolve("data/evaluator").toString());
        Process p = b.start();
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            String printed = Files.exists(out) ? Files.readString(out) : "";
            if (!p.isAlive()) {
                throw new AssertionError("./digitgan up ended: " + printed);
            }
            return printed.contains("DigitGAN is running.");
        });
        return p;
    }

    static void signalGroup(Process session, String signal) throws Exception {
        // setsid made the shell a session and group leader: its pid is the group's id
        run("kill", "-" + signal, "--", "-" + session.pid());
    }

    long launcherPid() throws IOException {
        return Long.parseLong(Files.readString(data.resolve("run/run-local.pid")).trim());
    }

    static int run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), String.join(" ", command) + " ends");
        return p.exitValue();
    }

    void nothingLeft() {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> PORTS.stream().noneMatch(LocalRunLifecycleTest::open) && ours().isEmpty());
        assertEquals(List.of(), ours(), "no process left");
    }

    List<String> ours() {
        return LocalRunProcesses.of(data);
    }

    static boolean open(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** What a tool on a laptop owes its user: HTTP on the loopback only, the operator token readable by them alone. */
    void onlyThisMachineReachesIt() throws Exception {
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(data.resolve("trainer-token")), "the token file is 0600");
        Process ss = new ProcessBuilder("ss", "-ltnH").redirectErrorStream(true).start();
        String listening = new String(ss.getInputStream().readAllBytes());
        assertTrue(ss.waitFor(10, TimeUnit.SECONDS));
        for (int port : PORTS) {
            List<String> local = listening.lines().map(l -> l.trim().split("\\s+")).filter(f -> f.length >= 4)
                    .map(f -> f[3].replace("[::ffff:", "").replace("]", "")) // IPv4 in an IPv6 socket: the same address
                    .filter(address -> address.endsWith(":" + port)).toList();
            assertEquals(List.of("127.0.0.1:" + port), local, "port " + port + " listens on the loopback only");
        }
    }

    /**
     * One data folder's life, each launch ended a different way. A cpu run, a second {@code up} that
     * says it runs, Ctrl-C through tee. Then {@code up --profile smoke}: the smoke run is what trains,
     * the cpu run is kept (INTERRUPTED, on the trainer's and the dashboard's API) and the console says
     * how to resume it; the terminal is closed (HUP). Then {@code up} with that command resumes it; the
     * launcher is killed with SIGKILL and {@code down} stops what it left. Nothing left after each.
     */
    @Test
    void eachWayARunEndsLeavesNothingAndOnlyARunOfWhatWasAskedResumes() throws Exception {
        Path first = data.resolve("cpu.out");
        Process session = up(first, data, "--profile cpu");
        String cpuRun;
        try {
            Process second = new ProcessBuilder("./digitgan", "up", "--profile", "smoke", "--data-dir", data.toString())
                    .directory(root.toFile()).redirectErrorStream(true).start();
            assertTrue(second.waitFor(60, TimeUnit.SECONDS));
            String said = new String(second.getInputStream().readAllBytes());
            assertEquals(1, second.exitValue(), said);
            assertTrue(said.contains("already running"), said);
            onlyThisMachineReachesIt();
            await().atMost(Duration.ofMinutes(3)).until(() -> STARTING.matcher(Files.readString(first)).find());
            java.util.regex.Matcher started = STARTING.matcher(Files.readString(first));
            assertTrue(started.find());
            cpuRun = started.group(1);
        } finally {
            signalGroup(session, "INT"); // what Ctrl-C in the terminal sends: the launcher and tee alike
            assertTrue(session.waitFor(120, TimeUnit.SECONDS), "the pipeline ends");
            nothingLeft();
        }

        Path second = data.resolve("smoke.out");
        session = up(second, data, "--profile smoke --epochs 1");
        try {
            String how = "./digitgan up --profile cpu --epochs ";
            await().atMost(Duration.ofMinutes(2)).until(() -> Files.readString(second).contains("run " + cpuRun + " (profile cpu, not smoke"));
            String said = Files.readString(second);
            assertTrue(said.contains("is unfinished at epoch 0 of ") && said.contains("Resume it with " + how), said);
            java.util.regex.Matcher smoke = STARTING.matcher(said);
            assertTrue(smoke.find() && !smoke.group(1).equals(cpuRun), "a new run of what was asked: " + said);
            for (int port : List.of(8081, 8080)) { // the trainer's API and the dashboard's (what its page reads)
                await().atMost(Duration.ofSeconds(60)).until(() -> get(port, "/api/v1/runs/" + cpuRun).contains("\"INTERRUPTED\""));
                assertTrue(get(port, "/api/v1/runs/" + cpuRun).contains("resume with " + how), "port " + port);
            }
        } finally {
            signalGroup(session, "HUP"); // the terminal closed
            assertTrue(session.waitFor(120, TimeUnit.SECONDS), "the pipeline ends");
            nothingLeft();
        }

        String resumeCommand = Files.readString(second).replaceAll("(?s).*Resume it with \\./digitgan up (.*?), or POST.*", "$1");
        Path third = data.resolve("resumed.out");
        session = up(third, data, resumeCommand);
        try {
            await().atMost(Duration.ofMinutes(2)).until(() -> Files.readString(third).contains("run " + cpuRun + ": starting at epoch 1/"));
            assertTrue(Files.readString(third).contains("run " + cpuRun + " had no checkpoint yet"), Files.readString(third));
        } finally {
            run("kill", "-KILL", String.valueOf(launcherPid()));
            assertTrue(!ours().isEmpty(), "the services outlive a launcher killed with SIGKILL");
            assertEquals(0, run("./digitgan", "down", "--data-dir", data.toString()));
            nothingLeft();
        }
    }

    static final java.util.regex.Pattern STARTING = java.util.regex.Pattern.compile("run (\\S+): starting at epoch 1/");

    static String get(int port, String path) throws Exception {
        var r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + port + path)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        return r.body();
    }

    @Test
    void aServiceThatDiesStopsTheRest() throws Exception {
        Path out = data.resolve("dies.out");
        Process session = up(out);
        long dashboard = ours().stream().filter(p -> p.contains("dashboard-service/target/quarkus-app/quarkus-run.jar"))
                .mapToLong(p -> Long.parseLong(p.split(" ")[0])).findFirst().orElseThrow();
        run("kill", "-KILL", String.valueOf(dashboard));
        assertTrue(session.waitFor(120, TimeUnit.SECONDS), "the launcher ends");
        assertTrue(Files.readString(out).contains("dashboard exited"), Files.readString(out));
        nothingLeft();
    }

    /** The launcher's build check on a scratch tree: current jars run as they are, a newer source or a missing jar builds. */
    @Test
    void upBuildsWhenASourceIsNewerThanTheJarsAndOnlyThen() throws Exception {
        Path tree = Files.createTempDirectory("stale-build");
        List<String> artifacts = List.of("trainer-service/target/quarkus-app/quarkus-run.jar",
                "generator-service/target/quarkus-app/quarkus-run.jar", "dashboard-service/target/quarkus-app/quarkus-run.jar",
                "kafka-local/target/classpath.txt");
        Path source = tree.resolve("gan-core/src/main/java/A.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "class A {}");
        Files.writeString(tree.resolve("pom.xml"), "<project/>");
        java.nio.file.attribute.FileTime old = java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 60_000);
        Files.setLastModifiedTime(source, old);
        Files.setLastModifiedTime(tree.resolve("pom.xml"), old);
        assertTrue(needsBuild(tree).startsWith("first run"), "no jars yet");
        for (String a : artifacts) {
            Files.createDirectories(tree.resolve(a).getParent());
            Files.writeString(tree.resolve(a), "built");
        }
        assertEquals("", needsBuild(tree), "jars newer than every source: no build");
        Files.writeString(source, "class A { int edited; }");
        assertTrue(needsBuild(tree).contains("gan-core/src/main/java/A.java"), needsBuild(tree));
    }

    /** What scripts/lib/stale-build.sh says in {@code tree}: why it would build, or nothing. */
    static String needsBuild(Path tree) throws Exception {
        Process p = new ProcessBuilder("bash", "-c", "source '" + root.resolve("scripts/lib/stale-build.sh") + "'; needs_build")
                .directory(tree.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        p.waitFor();
        return out;
    }
}
