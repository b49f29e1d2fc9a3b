package vn.chibo.simulator;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;

/**
 * The benchmark (DESIGN §8, issue 7): after the simulation has built the province and played its months, timed
 * sweeps of single-event commands and of bulk ratings at each concurrency level, repeated; the raw JDBC insert
 * limit of the same machine measured in the same run; dashboard and audit latency; a replay of every read model
 * with the services up; the services' peak RSS. Figures are min/median/max over the repeats, and each target of
 * the issue is printed with the figure reached and its ratio to the raw limit.
 */
final class Bench {
    static final double JIT_SETTLED_PERCENT = 6;
    static final String COMMAND = "commandService";
    private static final String QUERY = "queryService";
    private static final int UNTIMED_READS = 30;
    private static final int TIMED_READS = 30;
    /** After a reference's PostgreSQL connection closes, until its backend has surely ended. */
    private static final long SETTLE_MS = 250;
    /** More months than the query-service keeps pages of ({@code DashboardVersion}: four). */
    private static final int MONTHS_IN_TURN = 6;
    private final Simulation simulation;
    private final Options options;
    private final Consumer<String> out;
    /** Where the next bulk round looks for a month that nothing has rated yet. */
    private YearMonth nextBulkMonth = YearMonth.of(2024, 1);

    Bench(Simulation simulation, Consumer<String> out) {
        this.simulation = simulation;
        this.options = simulation.options();
        this.out = out;
    }

    /** Runs the sweeps and measurements and adds their figures to {@code report}. */
    void run(Map<String, Object> report) throws Exception {
        report.put("machine", machine());
        List<Map<String, Object>> speeds = new ArrayList<>();
        speeds.add(cpuReference("before"));
        RawInserts raw = options.dbUrl().isBlank() ? null : new RawInserts(options.dbUrl(), options.dbUser(), options.dbPassword());
        try {
            if (raw != null) {
                report.put("rawRowBytes", Map.of("payload", raw.payloadBytes(), "metadata", raw.metadataBytes()));
            }
            Rounds rounds = new Rounds(simulation, out);
            Map<String, Object> single = new LinkedHashMap<>();
            Map<String, Object> bulk = new LinkedHashMap<>();
            // the services' JIT compiles the write path during the first tens of thousands of requests: the
            // command-service's commands then cost up to three times the CPU they cost warm, and a service runs warm
            // for months (issue 7); so warm up until the compilers are nearly idle, not for a fixed number of rounds
            int top = options.levels().stream().mapToInt(Integer::intValue).max().orElse(1);
            List<Rounds.Result> warmup = new ArrayList<>();
            List<Map<String, Double>> warmupJit = new ArrayList<>();
            for (int round = 1; warmUpAgain(round, options.warmup(), options.warmupMax(), warmupJit); round++) {
                JitWindow window = new JitWindow();
                warmup.add(rounds.singleEvents(top, 0, options.roundCommands()));
                warmup.add(bulkRound(rounds, top, 0));
                Map<String, Double> jit = window.percent();
                warmupJit.add(jit);
                out.accept(String.format("  khởi động lần %d: trình biên dịch JIT dùng %s CPU của dịch vụ ghi, %s của dịch vụ đọc",
                        round, percentText(jit.get(COMMAND)), percentText(jit.get(QUERY))));
            }
            report.put("warmupJitPercent", warmupJit);
            report.put("warmupRounds", warmup);
            for (int level : options.levels()) {
                List<Rounds.Result> singles = new ArrayList<>();
                List<Rounds.Result> bulks = new ArrayList<>();
                List<Double> rawSingle = new ArrayList<>();
                List<Double> rawBatched = new ArrayList<>();
                List<Map<String, Double>> jit = new ArrayList<>();
                for (int repeat = 1; repeat <= options.repeats(); repeat++) {
                    JitWindow window = new JitWindow();
                    Rounds.Result s = rounds.singleEvents(level, repeat, options.roundCommands());
                    singles.add(s);
                    Rounds.Result b = bulkRound(rounds, level, repeat);
                    bulks.add(b);
                    jit.add(window.percent());
                    if (raw != null) {
                        rawSingle.add(raw.oneRowPerTransaction(level, (int) Math.max(1000, s.events())));
                        rawBatched.add(raw.batched(level, (int) Math.max(5000, b.events()), sheetSize()));
                        out.accept(String.format("  giới hạn thô       %2d luồng, lần %d: %7.0f dòng/s (1 dòng/giao dịch), %7.0f dòng/s (lô %d)",
                                level, repeat, rawSingle.get(rawSingle.size() - 1), rawBatched.get(rawBatched.size() - 1), sheetSize()));
                    }
                    speeds.add(cpuReference("c" + level + "/" + repeat));
                }
                Map<String, Object> singleFigures = summary(singles, rawSingle, Rounds.Result::commandsPerSecond);
                singleFigures.put("jitPercent", jit);
                single.put("c" + level, singleFigures);
                bulk.put("c" + level, summary(bulks, rawBatched, Rounds.Result::eventsPerSecond));
            }
            report.put("singleEventCommands", single);
            report.put("bulkRatings", bulk);
        } finally {
            if (raw != null) {
                raw.close();
            }
        }
        report.put("catchUpSeconds", catchUp());
        speeds.add(cpuReference("after"));
        report.put("cpuReference", cpuReferenceSummary(speeds));
        String month = simulation.lastPlayedMonth().toString();
        Simulation.Cell cell = simulation.cells.get(0);
        report.put("dashboardProvince", latency("/api/dashboard/compliance?unit=" + simulation.province() + "&month=" + month));
        report.put("dashboardProvinceBuilt", latency(builtInTurn("/api/dashboard/compliance?unit=" + simulation.province(),
                YearMonth.parse(month))));
        report.put("dashboardCommittee", latency("/api/dashboard/compliance?unit=" + cell.committee() + "&month=" + month));
        report.put("dashboardCell", latency("/api/dashboard/compliance?unit=" + cell.id() + "&month=" + month));
        UUID busy = cell.members().get(0);
        report.put("auditHistoryBusyMember", latency("/api/audit/member/" + busy + "/history"));
        report.put("replay", replays());
        report.put("peakRss", Map.of("commandServiceMb", peakRssMb(options.commandPid()), "queryServiceMb", peakRssMb(options.queryPid())));
    }

    /**
     * The speed of one core of the machine now, in Java and in PostgreSQL ({@link CpuReference}), measured while no
     * round runs (the projections may still be applying the last one): before the first round, after each counted
     * repeat (beside the raw limit), and after the read models have caught up with the last; {@code when} says which.
     * A reference that fails is -1 and the bench goes on. It then waits {@value #SETTLE_MS} ms, so that the backend of
     * its connection has ended and been reaped before the next round's CPU is read: a backend reaped while
     * {@link CpuUse} walks {@code /proc} would be counted in neither reading, and its whole CPU in the next round.
     */
    private Map<String, Object> cpuReference(String when) throws InterruptedException {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("when", when);
        double java = CpuReference.javaShaMegabytesPerSecond();
        double memory = CpuReference.memoryLoadNanos();
        double postgres = -1;
        if (!options.dbUrl().isBlank()) {
            try {
                postgres = CpuReference.postgresRowsPerSecond(options.dbUrl(), options.dbUser(), options.dbPassword());
            } catch (SQLException | RuntimeException failed) {
                out.accept("  tốc độ một lõi: không đo được trong PostgreSQL (" + failed.getMessage() + ")");
            }
            Thread.sleep(SETTLE_MS);
        }
        figures.put("javaShaMegabytesPerSecond", java);
        figures.put("memoryLoadNanos", memory);
        figures.put("postgresRowsPerSecond", postgres);
        out.accept(String.format("  tốc độ một lõi (%s): SHA-256 trong Java %s MB/s, một lần đọc bộ nhớ %s ns, MD5 trong PostgreSQL %s dòng/s",
                when, figureText(java, "%.0f"), figureText(memory, "%.1f"), figureText(postgres, "%.0f")));
        return figures;
    }

    /** A figure as {@code format} gives it, or "–" when it was not measured (-1). */
    static String figureText(double figure, String format) {
        return figure < 0 ? "–" : String.format(format, figure);
    }

    /** Each measure of the core's speed over the run as min / median / max, with every reading. */
    static Map<String, Object> cpuReferenceSummary(List<Map<String, Object>> speeds) {
        Map<String, Object> summary = new LinkedHashMap<>();
        for (String figure : List.of("javaShaMegabytesPerSecond", "memoryLoadNanos", "postgresRowsPerSecond")) {
            List<Double> values = speeds.stream().map(s -> (Double) s.get(figure)).filter(v -> v >= 0).toList();
            if (!values.isEmpty()) {
                summary.put(figure, spread(values));
            }
        }
        summary.put("readings", speeds);
        return summary;
    }

    /**
     * A bulk round on the first month from {@link #nextBulkMonth} on that nothing has rated yet (neither a played month
     * nor an earlier run's round).
     */
    private Rounds.Result bulkRound(Rounds rounds, int concurrency, int repeat) {
        YearMonth month = simulation.firstUnratedMonth(nextBulkMonth);
        nextBulkMonth = month.plusMonths(1);
        return rounds.bulkRatings(concurrency, repeat, month);
    }

    /**
     * Whether to play warm-up round {@code round}: always up to {@code least}, never beyond {@code most} (or
     * {@code least} when it is more), and in
     * between while the last round found the command-service's JIT compilers busy: at {@value #JIT_SETTLED_PERCENT}%
     * of its CPU or more (a share that could not be read counts as settled). Warm, they took 0-5% of its CPU here;
     * still compiling, 8-42%, and a command up to three times the CPU. The query-service's share is reported, not waited
     * for: its compilers stayed at 23-44% of its (small) CPU in every round under this load on two cores.
     */
    static boolean warmUpAgain(int round, int least, int most, List<Map<String, Double>> jitSoFar) {
        if (round > Math.max(least, most)) {
            return false;
        }
        return round <= least || !jitSoFar.isEmpty() && jitSoFar.get(jitSoFar.size() - 1).get(COMMAND) >= JIT_SETTLED_PERCENT;
    }

    /** Both services' JIT compilers' share of their CPU, in percent, from its creation until {@link #percent()}. */
    private final class JitWindow {
        private final JitActivity.Reading command = JitActivity.read(options.commandPid());
        private final JitActivity.Reading query = JitActivity.read(options.queryPid());

        Map<String, Double> percent() {
            Map<String, Double> percent = new LinkedHashMap<>();
            percent.put(COMMAND, Bench.percent(JitActivity.share(command, JitActivity.read(options.commandPid()))));
            percent.put(QUERY, Bench.percent(JitActivity.share(query, JitActivity.read(options.queryPid()))));
            return percent;
        }
    }

    private static double percent(double share) {
        return share < 0 ? -1 : round(100 * share);
    }

    private static String percentText(double percent) {
        return percent < 0 ? "(không đo được)" : String.format("%.0f%%", percent);
    }

    /** The members of the first cell: the size of one ratings sheet, used as the raw batch size. */
    private int sheetSize() {
        return Math.max(1, simulation.cells.get(0).members().size());
    }

    /** The median over the rounds of one of their figures. */
    private static double medianOf(List<Rounds.Result> rounds, ToDoubleFunction<Rounds.Result> figure) {
        return median(rounds.stream().map(figure::applyAsDouble).toList());
    }

    /**
     * min/median/max of the rounds' rate, their latency, lag and committee page reads, the raw limit and the ratio of
     * the medians.
     */
    private static Map<String, Object> summary(List<Rounds.Result> rounds, List<Double> raw, ToDoubleFunction<Rounds.Result> rate) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("rate", spread(rounds.stream().map(rate::applyAsDouble).toList()));
        figures.put("eventsPerSecond", spread(rounds.stream().map(Rounds.Result::eventsPerSecond).toList()));
        figures.put("latencyP50Ms", medianOf(rounds, Rounds.Result::latencyP50Ms));
        figures.put("latencyP99Ms", medianOf(rounds, Rounds.Result::latencyP99Ms));
        if (rounds.stream().anyMatch(r -> r.lagSamples() > 0)) {
            figures.put("lagP50Ms", medianOf(rounds, Rounds.Result::lagP50Ms));
            figures.put("lagP99Ms", medianOf(rounds, Rounds.Result::lagP99Ms));
            figures.put("lagSeenReadP50Ms", medianOf(rounds, Rounds.Result::lagSeenReadP50Ms));
            figures.put("lagSeenReadP99Ms", medianOf(rounds, Rounds.Result::lagSeenReadP99Ms));
            figures.put("slowLagsSeenReadShare", medianOf(rounds, Rounds.Result::slowLagsSeenReadShare));
            figures.put("lagSamples", rounds.stream().mapToInt(Rounds.Result::lagSamples).sum());
        }
        if (rounds.stream().anyMatch(r -> r.readSamples() > 0)) {
            figures.put("committeeReadP50Ms", medianOf(rounds, Rounds.Result::readP50Ms));
            figures.put("committeeReadP99Ms", medianOf(rounds, Rounds.Result::readP99Ms));
            figures.put("committeeReads", rounds.stream().mapToInt(Rounds.Result::readSamples).sum());
            figures.put("committeeReadFailures", rounds.stream().mapToInt(Rounds.Result::readFailures).sum());
        }
        figures.put("cpu", cpuMedians(rounds));
        figures.put("refused", rounds.stream().mapToLong(Rounds.Result::refused).sum());
        if (!raw.isEmpty()) {
            figures.put("rawRowsPerSecond", spread(raw));
            figures.put("ratioToRaw", Math.round(medianOf(rounds, rate) / median(raw) * 1000) / 1000.0);
        }
        figures.put("rounds", rounds);
        return figures;
    }

    /** Each part of the rounds' CPU split ({@link CpuUse}), the median over the rounds that read it. */
    static Map<String, Double> cpuMedians(List<Rounds.Result> rounds) {
        Map<String, Double> medians = new LinkedHashMap<>();
        rounds.stream().filter(r -> r.cpu() != null).flatMap(r -> r.cpu().keySet().stream()).distinct().forEach(part ->
                medians.put(part, round(median(rounds.stream().filter(r -> r.cpu() != null && r.cpu().containsKey(part))
                        .map(r -> r.cpu().get(part)).toList()))));
        return medians;
    }

    /**
     * p50/p95 of {@value #TIMED_READS} reads after {@value #UNTIMED_READS} not timed. The months never read the
     * dashboards, so their first reads compile the code that writes a page: at province scope (8,000 rows, 4.9 MB)
     * reads 2-9 took 105-127 ms after a start, the 10th-30th 21-83 ms, the 31st-100th 19-39 ms. With five untimed
     * reads the p95 measured that compiling (120 ms after twelve months), not the page the department reads all day.
     */
    private Map<String, Object> latency(String path) {
        return latency(List.of(path));
    }

    /**
     * The same page for {@value #MONTHS_IN_TURN} months read in turn: the query-service keeps the last four big pages,
     * so each read builds its page, as every read does after a change (the department's first read of the morning,
     * or any read while cells are writing).
     */
    private static List<String> builtInTurn(String page, YearMonth last) {
        List<String> paths = new ArrayList<>();
        for (int back = MONTHS_IN_TURN - 1; back >= 0; back--) {
            paths.add(page + "&month=" + last.minusMonths(back));
        }
        return paths;
    }

    /**
     * As {@link #latency(String)}, reading {@code paths} in turn. Beside the time to the last byte, what tells a slow
     * page from slow conditions: the time to the answer's head (the page built and its first bytes sent), the
     * query-service's CPU per read (the page's cost, and anything else the service did meanwhile) and its JIT
     * compilers' share of that CPU, and the time this process spent collecting garbage while it read. The pages are
     * received to their last byte and counted, not kept ({@link Http#timed(String)}): {@code bytes} is the largest.
     * The untimed reads are a fixed number, not "until the compilers settle" as for the
     * writes: under reads alone the query-service's compilers kept 18-62% of its small CPU after 80-300 reads in the
     * small bench, so that share is reported, not waited for.
     */
    private Map<String, Object> latency(List<String> paths) {
        int status = 0;
        for (int i = 0; i < UNTIMED_READS; i++) {
            status = worst(status, simulation.queries().timed(paths.get(i % paths.size())).status());
        }
        List<Long> nanos = new ArrayList<>();
        List<Long> headNanos = new ArrayList<>();
        long bytes = 0;
        long gcMillis = ownGcMillis();
        JitActivity.Reading queryBefore = JitActivity.read(options.queryPid());
        for (int i = 0; i < TIMED_READS; i++) {
            Http.Answer answer = simulation.queries().timed(paths.get((UNTIMED_READS + i) % paths.size()));
            status = worst(status, answer.status());
            bytes = Math.max(bytes, answer.length());
            nanos.add(answer.nanos());
            headNanos.add(answer.headNanos());
        }
        JitActivity.Reading queryAfter = JitActivity.read(options.queryPid());
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("p50Ms", round(Stats.percentile(nanos, 50)));
        figures.put("p95Ms", round(Stats.percentile(nanos, 95)));
        figures.put("status", status);
        figures.put("bytes", bytes);
        figures.put("headP50Ms", round(Stats.percentile(headNanos, 50)));
        figures.put("headP95Ms", round(Stats.percentile(headNanos, 95)));
        double queryCpuMillis = JitActivity.cpuMillis(queryBefore, queryAfter);
        figures.put("queryCpuMsPerRead", queryCpuMillis < 0 ? -1 : round(queryCpuMillis / TIMED_READS));
        figures.put("queryJitPercent", percent(JitActivity.share(queryBefore, queryAfter)));
        figures.put("simulatorGcMs", ownGcMillis() - gcMillis);
        return figures;
    }

    /** The first status that is not 200 stays: with several pages in turn, one failing must show. */
    private static int worst(int sofar, int status) {
        return sofar != 0 && sofar != 200 ? sofar : status;
    }

    /** Milliseconds this JVM's collectors have spent since it started, as they count them. */
    private static long ownGcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).filter(t -> t > 0).sum();
    }

    /**
     * Waits until every read model has applied the whole log (after the bulk rounds the projections are behind),
     * so the dashboards are measured as the department reads them, not while the query-service catches up; answers
     * how long that took.
     */
    private double catchUp() throws InterruptedException {
        long start = System.nanoTime();
        long lastPrint = start;
        while (System.nanoTime() - start < 1_800_000_000_000L) {
            long behind = simulation.queries().get("/api/admin/replay").json().path("behind").asLong(-1);
            if (behind == 0) {
                double seconds = round((System.nanoTime() - start) / 1e9);
                out.accept(String.format("  dữ liệu đọc đã theo kịp sau %.1f s", seconds));
                return seconds;
            }
            if (System.nanoTime() - lastPrint > 5_000_000_000L) {
                lastPrint = System.nanoTime();
                out.accept(String.format("  chờ dữ liệu đọc theo kịp: còn %d sự kiện", behind));
            }
            Thread.sleep(200);
        }
        return -1;
    }

    /**
     * Rebuilds every read model as many times as each round is repeated (the first of {@code runs} is the one a service
     * newly started would see: less of its code compiled yet), and answers the median events/s with every replay's
     * figures.
     */
    private Map<String, Object> replays() throws InterruptedException {
        List<Map<String, Object>> runs = new ArrayList<>();
        for (int repeat = 1; repeat <= Math.max(1, options.repeats()); repeat++) {
            Map<String, Object> run = replay();
            if (run.containsKey("error")) {
                return Map.of("error", run.get("error"), "runs", runs);
            }
            runs.add(run);
        }
        List<Double> rates = runs.stream().map(run -> (Double) run.get("eventsPerSecond")).toList();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("events", runs.get(runs.size() - 1).get("events"));
        figures.put("eventsPerSecond", round(median(rates)));
        figures.put("eventsPerSecondSpread", spread(rates));
        figures.put("runs", runs);
        return figures;
    }

    /** Rebuilds every read model with the services up and waits until it is over. */
    private Map<String, Object> replay() throws InterruptedException {
        Http.Answer started = simulation.queries().post("/api/admin/replay", Map.of());
        if (started.status() != 202) {
            return Map.of("error", started.status() + " " + started.body());
        }
        long deadline = System.nanoTime() + 3_600_000_000_000L;
        long lastPrint = System.nanoTime();
        while (System.nanoTime() < deadline) {
            Thread.sleep(200);
            var progress = simulation.queries().get("/api/admin/replay").json();
            if (!progress.path("running").asBoolean(true)) {
                Map<String, Object> figures = new LinkedHashMap<>();
                figures.put("events", progress.path("events").asLong());
                figures.put("seconds", progress.path("seconds").asDouble());
                figures.put("eventsPerSecond", progress.path("eventsPerSecond").asDouble());
                out.accept(String.format("  dựng lại dữ liệu đọc: %d sự kiện trong %.1f s, %.0f sự kiện/s",
                        progress.path("events").asLong(), progress.path("seconds").asDouble(), progress.path("eventsPerSecond").asDouble()));
                return figures;
            }
            if (System.nanoTime() - lastPrint > 5_000_000_000L) {
                lastPrint = System.nanoTime();
                long slowest = Long.MAX_VALUE;
                for (var processor : progress.path("processors")) {
                    slowest = Math.min(slowest, processor.path("position").asLong());
                }
                out.accept(String.format("  dựng lại dữ liệu đọc... %.0f s, chậm nhất ở sự kiện %d/%d", progress.path("seconds").asDouble(),
                        slowest, progress.path("headIndex").asLong()));
            }
        }
        return Map.of("error", "not over within an hour");
    }

    /** VmHWM of a process (Linux), in MB; -1 when unknown. */
    static double peakRssMb(long pid) {
        return pid <= 0 ? -1 : round(kilobytes(Path.of("/proc/" + pid + "/status"), "VmHWM:") / 1024.0);
    }

    /** The number of kB on the line starting with {@code label} of a /proc file; -1024 when there is none. */
    private static long kilobytes(Path file, String label) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(label)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1024;
        }
        return -1024;
    }

    private static Map<String, Object> machine() {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("date", LocalDate.now(Simulation.VIETNAM).toString());
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("memoryGb", round(kilobytes(Path.of("/proc/meminfo"), "MemTotal:") / 1024.0 / 1024.0));
        machine.put("java", System.getProperty("java.version"));
        return machine;
    }

    static Map<String, Double> spread(List<Double> values) {
        List<Double> sorted = values.stream().sorted(Comparator.naturalOrder()).toList();
        Map<String, Double> spread = new LinkedHashMap<>();
        spread.put("min", round(sorted.get(0)));
        spread.put("median", round(median(sorted)));
        spread.put("max", round(sorted.get(sorted.size() - 1)));
        return spread;
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().filter(v -> !Double.isNaN(v) && v >= 0).sorted().toList();
        if (sorted.isEmpty()) {
            return -1;
        }
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static double round(double value) {
        return Double.isNaN(value) ? -1 : Math.round(value * 10) / 10.0;
    }
}
