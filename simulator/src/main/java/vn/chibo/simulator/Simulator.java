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
 * [--concurrency N] [--seed N] [--command-url URL] [--query-url URL] [--user U] [--password P]}.
 * Builds a province through the public API and plays its months, then prints what was sent, accepted and refused,
 * the throughput, the command latency, the projection lag and the dashboard latency, as a table and as JSON
 * ({@code target/bench.json}).
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
        out.accept(String.format("chibo simulator: %s, profile %s: %d chi bộ, %d đảng viên, %d tháng, %d luồng, seed %d",
                options.mode(), options.profile(), options.cells(), options.members(), options.months(), options.concurrency(),
                options.seed()));
        Stats stats = new Stats();
        Simulation simulation = new Simulation(options, stats, out);
        long start = System.nanoTime();
        simulation.buildProvince();
        long built = System.nanoTime();
        simulation.playMonths();
        long end = System.nanoTime();
        double seconds = (end - start) / 1e9;

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("profile", options.profile());
        report.put("cells", options.cells());
        report.put("members", simulation.cells.stream().mapToInt(c -> c.members().size()).sum());
        report.put("months", options.months());
        report.put("concurrency", options.concurrency());
        report.put("seconds", round(seconds));
        report.put("setupSeconds", round((built - start) / 1e9));
        report.put("goodSent", stats.goodSent.get());
        report.put("goodAccepted", stats.goodAccepted.get());
        report.put("badSent", stats.badSent.get());
        report.put("badRefused", stats.badRefused.get());
        long unexpected = stats.unexpected.values().stream().mapToLong(java.util.concurrent.atomic.AtomicLong::get).sum();
        report.put("unexpected", unexpected);
        report.put("unexpectedByKind", new LinkedHashMap<>(stats.unexpected));
        report.put("acceptedByKind", new LinkedHashMap<>(stats.accepted));
        report.put("commandsPerSecond", round(stats.goodSent.get() / seconds));
        report.put("latencyP50Ms", round(stats.latencyMillis(50)));
        report.put("latencyP99Ms", round(stats.latencyMillis(99)));
        report.put("lagSamples", stats.lagSamples());
        report.put("lagP50Ms", round(stats.lagMillis(50)));
        report.put("lagP99Ms", round(stats.lagMillis(99)));
        if (options.mode().equals("bench")) {
            Simulation.Cell cell = simulation.cells.get(0);
            String month = java.time.YearMonth.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh")).minusMonths(1).toString();
            report.put("dashboardProvince", dashboard(simulation, simulation.province(), month));
            report.put("dashboardCommittee", dashboard(simulation, cell.committee(), month));
            report.put("dashboardCell", dashboard(simulation, cell.id(), month));
        }
        print(report, out);
        Path output = Path.of(options.output());
        Files.createDirectories(output.toAbsolutePath().getParent());
        Files.writeString(output, Http.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report));
        out.accept("JSON: " + output.toAbsolutePath());
        return report;
    }

    /** p50/p95 of 30 reads of the compliance dashboard for a unit. */
    private static Map<String, Object> dashboard(Simulation simulation, UUID unit, String month) {
        List<Long> nanos = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            Http.Answer answer = simulation.queries().get("/api/dashboard/compliance?unit=" + unit + "&month=" + month);
            if (i >= 5) {
                nanos.add(answer.nanos());
            }
        }
        return Map.of("p50Ms", round(Stats.percentile(nanos, 50)), "p95Ms", round(Stats.percentile(nanos, 95)));
    }

    private static void print(Map<String, Object> report, java.util.function.Consumer<String> out) {
        out.accept("");
        out.accept("| figure | value |");
        out.accept("|---|---|");
        report.forEach((key, value) -> out.accept("| " + key + " | " + value + " |"));
    }

    private static double round(double value) {
        return Double.isNaN(value) ? -1 : Math.round(value * 10) / 10.0;
    }
}
