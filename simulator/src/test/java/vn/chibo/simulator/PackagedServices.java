package vn.chibo.simulator;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import vn.chibo.command.testing.Api;
import vn.chibo.command.testing.TestDatabase;

/**
 * The services as they are deployed: their packaged jars, which the build makes before this module's tests, started as
 * processes on one database, as run.sh starts them (profile demo, no demo province). A service can be killed as a
 * power cut or the kernel's OOM killer would (SIGKILL: no shutdown hook runs) and started again on the same port; its
 * output, every start of it, goes to {@code target/<service>-<port>.log}. The services' own tests run them in-process,
 * where classes load differently: an aggregate factory of Axon's passed those tests and refused to start from the jar
 * (issue 7), so the jars themselves are started here.
 */
final class PackagedServices implements AutoCloseable {
    static final String DEMO_PASSWORD = "chibo-demo-2026";
    private static final Duration START_LIMIT = Duration.ofMinutes(3);

    private final TestDatabase.Database database;
    private final List<Process> started = new ArrayList<>();

    PackagedServices(TestDatabase.Database database) {
        this.database = database;
    }

    /** A service running from its jar: the process of its latest start. */
    record Service(String name, int port, Process process, Path log) {
        Api api() {
            return Api.at(port);
        }
    }

    /** Starts a service on a free port and waits until it answers that it is ready. */
    Service start(String name) throws Exception {
        return start(name, freePort());
    }

    /** Starts a service on this port, with these settings more, and waits until it answers that it is ready. */
    Service start(String name, int port, String... settings) throws Exception {
        Path log = Path.of("target", name + "-" + port + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-Dfile.encoding=UTF-8", "-jar", execJar(name).toString(), "--spring.profiles.active=demo",
                "--server.port=" + port));
        command.addAll(List.of(settings));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("CHIBO_DB_URL", database.url());
        builder.environment().put("CHIBO_DB_USER", database.username());
        builder.environment().put("CHIBO_DB_PASSWORD", database.password());
        builder.environment().put("CHIBO_DEMO_SEED", "false");
        builder.environment().put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        Process process = builder.start();
        started.add(process);
        Service service = new Service(name, port, process, log);
        awaitReady(service);
        return service;
    }

    /** Kills the service at once, with no chance to finish what it was doing; waits until its process is gone. */
    static void kill(Service service) throws InterruptedException {
        service.process().destroyForcibly();
        if (!service.process().waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError(service.name() + " did not die within 30 s of SIGKILL");
        }
    }

    /**
     * Stops the service's process where it stands (SIGSTOP), so what it has done so far can be looked at from outside
     * before it is killed there, or let go on with {@link #thaw}.
     */
    static void freeze(Service service) throws Exception {
        signal(service, "STOP");
    }

    static void thaw(Service service) throws Exception {
        signal(service, "CONT");
    }

    private static void signal(Service service, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(service.process().pid())).start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new AssertionError("kill -" + signal + " of " + service.name() + " failed");
        }
    }

    /** Kills the service and starts it again on its port. */
    Service restart(Service service) throws Exception {
        kill(service);
        return start(service.name(), service.port());
    }

    /** Kills what is still running, frozen or not: nothing of a test's services outlives it. */
    @Override
    public void close() throws InterruptedException {
        for (Process process : started) {
            if (process.isAlive()) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private static Path execJar(String service) throws IOException {
        Path target = Path.of("..", service, "target");
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(f -> f.getFileName().toString().matches(service + "-.*-exec\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("No exec jar in " + target.toAbsolutePath()
                            + ": run the build from the top (mvn verify), which packages the services first"));
        }
    }

    private static void awaitReady(Service service) throws Exception {
        Instant limit = Instant.now().plus(START_LIMIT);
        while (Instant.now().isBefore(limit)) {
            if (!service.process().isAlive()) {
                throw new AssertionError(service.name() + " stopped while starting (exit " + service.process().exitValue()
                        + "):\n" + tail(service.log()));
            }
            try {
                if (service.api().get("/actuator/health/readiness").status() == 200) {
                    return;
                }
            } catch (RuntimeException notListeningYet) {
                // the port opens late in the start
            }
            Thread.sleep(250);
        }
        throw new AssertionError(service.name() + " did not become ready within " + START_LIMIT + ":\n" + tail(service.log()));
    }

    static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
