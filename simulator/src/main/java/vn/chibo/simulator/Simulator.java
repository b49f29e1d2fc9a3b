package vn.chibo.simulator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code java -jar simulator.jar run|bench [--profile small|province] [--cells N] [--members N] [--months N]
 * [--concurrency N] [--seed N] [--command-url URL] [--query-url URL] [--user U] [--password P]} and, for the
 * benchmark, {@code [--levels 1,8,32] [--repeats 3] [--round-commands 200] [--db-url JDBC-URL] [--command-pid PID]
 * [--query-pid PID] [--reuse]} (see {@link Options}). Builds a province through the public API and plays its months, then
 * prints what was sent, accepted and refused, the throughput, the command latency and the projection lag; in
 * {@code bench} mode also the sweeps, the raw limit, dashboards, audit, replay and RSS ({@link Bench}) and how each
 * target of issue 7 stands ({@link Targets}). Everything also goes to {@code target/bench.json}.
 */
public final class Simulator {
    private Simulator() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Map<String, Object> report = run(options, System.out::println);
        System.exit(((Number) report.get("unexpected")).longValue() == 0 ? 0 : 1);
    }

    /** Runs the simulation and returns its report (also printed and written to the output file). */
    static Map<String, Object> run(Options options, java.util.function.Consumer<String> out) throws Exception {
        out.accept(String.format("chibo simulator: %s, profile %s: %d chi bộ, %d đảng viên, %d tháng, %d luồng, seed %d%s",
                options.mode(), options.profile(), options.cells(), options.members(), options.months(), options.concurrency(),
                options.seed(), options.reuse() ? ", dùng lại tỉnh đã có (--reuse)" : ""));
        Stats stats = new Stats();
        Simulation simulation = new Simulation(options, stats, out);
        long start = System.nanoTime();
        if (options.reuse()) {
            simulation.loadProvince();
        } else {
            simulation.buildProvince();
        }
        long built = System.nanoTime();
        if (!options.reuse()) {
            simulation.playMonths();
        }
        long end = System.nanoTime();
        double seconds = (end - start) / 1e9;

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("profile", options.profile());
        report.put("reused", options.reuse());
        report.put("cells", options.cells());
        report.put("members", simulation.cells.stream().mapToInt(c -> c.members().size()).sum());
        report.put("months", options.months());
        report.put("concurrency", options.concurrency());
        report.put("seconds", Bench.round(seconds));
        report.put("setupSeconds", Bench.round((built - start) / 1e9));
        report.put("goodSent", stats.goodSent.get());
        report.put("goodAccepted", stats.goodAccepted.get());
        report.put("badSent", stats.badSent.get());
        report.put("badRefused", stats.badRefused.get());
        long unexpected = stats.unexpected.values().stream().mapToLong(java.util.concurrent.atomic.AtomicLong::get).sum();
        report.put("unexpected", unexpected);
        report.put("unexpectedByKind", new LinkedHashMap<>(stats.unexpected));
        report.put("acceptedByKind", new LinkedHashMap<>(stats.accepted));
        report.put("commandsPerSecond", Bench.round(stats.goodSent.get() / seconds));
        report.put("latencyP50Ms", Bench.round(stats.latencyMillis(50)));
        report.put("latencyP99Ms", Bench.round(stats.latencyMillis(99)));
        report.put("lagSamples", stats.lagSamples());
        report.put("lagP50Ms", Bench.round(stats.lagMillis(50)));
        report.put("lagP99Ms", Bench.round(stats.lagMillis(99)));
        print(report, out);
        if (options.mode().equals("bench")) {
            new Bench(simulation, out).run(report);
            Targets.print(report, options, out);
        }
        Path output = Path.of(options.output());
        Files.createDirectories(output.toAbsolutePath().getParent());
        Files.writeString(output, Http.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report));
        out.accept("JSON: " + output.toAbsolutePath());
        return report;
    }

    private static void print(Map<String, Object> report, java.util.function.Consumer<String> out) {
        out.accept("");
        out.accept("| figure | value |");
        out.accept("|---|---|");
        report.forEach((key, value) -> out.accept("| " + key + " | " + value + " |"));
        out.accept("");
    }

}
