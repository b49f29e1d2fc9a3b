package vn.chibo.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.chibo.command.testing.Builders.committee;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import vn.chibo.command.testing.Api;
import vn.chibo.command.testing.Api.Reply;
import vn.chibo.command.testing.TestDatabase;

/**
 * The services as they are deployed and benchmarked: their packaged jars, which the build makes before this module's
 * tests, started as processes on a database of their own. The services' own tests run them in-process, where classes
 * load differently: an aggregate factory of Axon's passed those tests and refused to start from the jar (issue 7).
 */
class PackagedServicesTest {
    private static final String DEMO_PASSWORD = "chibo-demo-2026";
    private static final UUID PROVINCE = UUID.fromString("10000000-0000-4000-8000-000000000000");
    private static final Duration START_LIMIT = Duration.ofMinutes(3);

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        for (Process process : started) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void both_jars_start_on_a_database_of_their_own_and_serve_a_logged_in_user() throws Exception {
        TestDatabase.Database database = TestDatabase.fresh();
        int commandPort = freePort();
        int queryPort = freePort();
        // in run.sh's order: the command-service's migrations create the event store the query-service reads
        awaitReady(commandPort, start("command-service", commandPort, database));
        awaitReady(queryPort, start("query-service", queryPort, database));

        Api province = Api.at(commandPort).as("tinhuy", DEMO_PASSWORD);
        UUID committee = UUID.randomUUID();
        Reply created = province.post("/api/org-units", committee(committee, "Đảng bộ xã Thử Nghiệm", PROVINCE));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);

        Reply dashboard = Api.at(queryPort).withToken(province.tokenForTests()).get("/api/dashboard/compliance");
        assertThat(dashboard.status()).as(dashboard.toString()).isEqualTo(200);
    }

    /** Starts a service's exec jar as run.sh does (profile demo, no demo province), its output in target/. */
    private Started start(String service, int port, TestDatabase.Database database) throws IOException {
        Path jar = execJar(service);
        Path log = Path.of("target", service + "-packaged.log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-Dfile.encoding=UTF-8", "-jar", jar.toString(),
                "--spring.profiles.active=demo", "--server.port=" + port)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("CHIBO_DB_URL", database.url());
        builder.environment().put("CHIBO_DB_USER", database.username());
        builder.environment().put("CHIBO_DB_PASSWORD", database.password());
        builder.environment().put("CHIBO_DEMO_SEED", "false");
        builder.environment().put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        Process process = builder.start();
        started.add(process);
        return new Started(process, log);
    }

    private record Started(Process process, Path log) {
    }

    private static Path execJar(String service) throws IOException {
        Path target = Path.of("..", service, "target");
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(f -> f.getFileName().toString().matches(service + "-.*-exec\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("No exec jar in " + target.toAbsolutePath()
                            + ": run the build from the top (mvn verify), which packages the services first"));
        }
    }

    private static void awaitReady(int port, Started service) throws Exception {
        Process process = service.process();
        Path log = service.log();
        Instant limit = Instant.now().plus(START_LIMIT);
        while (Instant.now().isBefore(limit)) {
            if (!process.isAlive()) {
                throw new AssertionError("The jar stopped while starting (exit " + process.exitValue() + "):\n" + tail(log));
            }
            try {
                if (Api.at(port).get("/actuator/health/readiness").status() == 200) {
                    return;
                }
            } catch (RuntimeException notListeningYet) {
                // the port opens late in the start
            }
            Thread.sleep(500);
        }
        throw new AssertionError("The jar did not become ready within " + START_LIMIT + ":\n" + tail(log));
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
