package vn.chibo.simulator;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Prints the sweeps as a table per concurrency level, then each target of issue 7 beside the figure reached. */
final class Targets {
    private Targets() {
    }

    @SuppressWarnings("unchecked")
    static void print(Map<String, Object> report, Options options, Consumer<String> out) {
        Map<String, Map<String, Object>> single = (Map<String, Map<String, Object>>) report.get("singleEventCommands");
        Map<String, Map<String, Object>> bulk = (Map<String, Map<String, Object>>) report.get("bulkRatings");
        List<String> levels = options.levels().stream().map(l -> "c" + l).toList();
        out.accept("");
        out.accept("| sweep (min / median / max of " + options.repeats() + ") | "
                + String.join(" | ", levels.stream().map(l -> l.substring(1) + " luồng").toList()) + " |");
        out.accept("|---" + "|---".repeat(levels.size()) + "|");
        row(out, "lệnh một sự kiện/s", single, levels, "rate");
        row(out, "  độ trễ lệnh p50 / p99 ms", single, levels, "latencyP50Ms", "latencyP99Ms");
        lagRows(out, single, levels);
        row(out, "  giới hạn thô 1 dòng/giao dịch, dòng/s", single, levels, "rawRowsPerSecond");
        row(out, "  tỉ lệ so với giới hạn thô", single, levels, "ratioToRaw");
        row(out, "  trang tuân thủ của đảng ủy p50 / p99 ms", single, levels, "committeeReadP50Ms", "committeeReadP99Ms");
        cpuRows(out, single, levels);
        row(out, "xếp loại hàng loạt, sự kiện/s", bulk, levels, "rate");
        row(out, "  độ trễ một bảng p50 / p99 ms", bulk, levels, "latencyP50Ms", "latencyP99Ms");
        lagRows(out, bulk, levels);
        row(out, "  giới hạn thô theo lô, dòng/s", bulk, levels, "rawRowsPerSecond");
        row(out, "  tỉ lệ so với giới hạn thô", bulk, levels, "ratioToRaw");
        row(out, "  trang tuân thủ của đảng ủy p50 / p99 ms", bulk, levels, "committeeReadP50Ms", "committeeReadP99Ms");
        cpuRows(out, bulk, levels);
        Map<String, Object> speed = (Map<String, Object>) report.get("cpuReference");
        out.accept("(tốc độ một lõi qua các lần đo, min / median / max: SHA-256 trong Java MB/s "
                + spreadOrDash(speed, "javaShaMegabytesPerSecond") + "; một lần đọc bộ nhớ ns "
                + spreadOrDash(speed, "memoryLoadNanos") + "; MD5 trong PostgreSQL dòng/s "
                + spreadOrDash(speed, "postgresRowsPerSecond") + ")");

        String top = levels.get(levels.size() - 1);
        Map<String, Object> singleTop = single.get(top);
        String bestBulk = levels.stream().max(java.util.Comparator.comparingDouble(l -> median(bulk.get(l), "rate"))).orElse(top);
        Map<String, Object> bulkBest = bulk.get(bestBulk);
        Map<String, Object> replay = (Map<String, Object>) report.get("replay");
        Map<String, Object> rss = (Map<String, Object>) report.get("peakRss");
        out.accept("");
        out.accept("| target (issue 7) | reached | goal | met |");
        out.accept("|---|---|---|---|");
        target(out, "single-event commands/s at " + top.substring(1), median(singleTop, "rate"), 1500, true);
        target(out, "  ratio to raw one-row-per-transaction", number(singleTop.get("ratioToRaw")), 0.3, true);
        target(out, "bulk ratings events/s (best level: " + bestBulk.substring(1) + ")", median(bulkBest, "rate"), 8000, true);
        target(out, "  ratio to raw batched", number(bulkBest.get("ratioToRaw")), 0.5, true);
        target(out, "projection lag p99 ms under single-event load at " + top.substring(1), number(singleTop.get("lagP99Ms")), 500, false);
        target(out, "  under bulk ratings at " + bestBulk.substring(1), number(bulkBest.get("lagP99Ms")), 500, false);
        Object replays = replay.get("eventsPerSecondSpread");
        target(out, "replay events/s (" + replay.get("events") + " events; median of " + options.repeats()
                + (replays == null ? "" : ", min / median / max " + spreadText(replays)) + ")",
                number(replay.get("eventsPerSecond")), 30000, true);
        target(out, "dashboard p95 ms, province (" + report.get("cells") + " cells)", p95(report, "dashboardProvince"), 100, false);
        target(out, "  the province page built (after a change)", p95(report, "dashboardProvinceBuilt"), 100, false);
        out.accept("  (province page kept / built: " + readParts(report, "dashboardProvince") + " / "
                + readParts(report, "dashboardProvinceBuilt") + ")");
        target(out, "dashboard p95 ms, committee", p95(report, "dashboardCommittee"), 30, false);
        target(out, "peak RSS MB, command-service", number(rss.get("commandServiceMb")), 768, false);
        target(out, "peak RSS MB, query-service", number(rss.get("queryServiceMb")), 768, false);
        out.accept("(audit history of a busy member p50/p95 ms: " + report.get("auditHistoryBusyMember")
                + "; dashboard at cell scope: " + report.get("dashboardCell") + ")");
    }

    /**
     * What a page's reads were made of: the head's p50/p95, the query-service's CPU a read and its JIT's share, this
     * process's GC.
     */
    @SuppressWarnings("unchecked")
    private static String readParts(Map<String, Object> report, String page) {
        Map<String, Object> figures = (Map<String, Object>) report.get(page);
        return figures == null ? "?" : "head p50/p95 " + figures.get("headP50Ms") + "/" + figures.get("headP95Ms")
                + " ms, query-service CPU " + figures.get("queryCpuMsPerRead") + " ms a read (JIT "
                + figures.get("queryJitPercent") + "%), simulator GC " + figures.get("simulatorGcMs") + " ms";
    }

    /** A sweep's projection lag, and how much of it was the read that saw the write. */
    private static void lagRows(Consumer<String> out, Map<String, Map<String, Object>> sweep, List<String> levels) {
        row(out, "  trễ dữ liệu đọc p50 / p99 ms", sweep, levels, "lagP50Ms", "lagP99Ms");
        row(out, "    trong đó lần đọc thấy nó p50 / p99 ms; phần của lần đọc trong 10% trễ nhất", sweep, levels,
                "lagSeenReadP50Ms", "lagSeenReadP99Ms", "slowLagsSeenReadShare");
    }

    /** Where a sweep's CPU went ({@link CpuUse}): µs of each part per event, and the machine's busy and stolen shares. */
    @SuppressWarnings("unchecked")
    private static void cpuRows(Consumer<String> out, Map<String, Map<String, Object>> sweep, List<String> levels) {
        Map<String, Map<String, Object>> cpu = new java.util.LinkedHashMap<>();
        for (String level : levels) {
            Object split = sweep.get(level).get("cpu");
            cpu.put(level, split instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of());
        }
        row(out, "  µs CPU mỗi sự kiện: máy / ghi / đọc / PostgreSQL / trình mô phỏng / khác", cpu, levels,
                "machineUs", "commandServiceUs", "queryServiceUs", "postgresUs", "simulatorUs", "otherUs");
        row(out, "  máy bận % / steal %", cpu, levels, "machineBusyPercent", "stealPercent");
    }

    private static void row(Consumer<String> out, String label, Map<String, Map<String, Object>> sweep, List<String> levels,
                            String... keys) {
        StringBuilder line = new StringBuilder("| " + label + " |");
        for (String level : levels) {
            Map<String, Object> figures = sweep.get(level);
            StringBuilder cell = new StringBuilder();
            for (String key : keys) {
                Object value = figures.get(key);
                if (cell.length() > 0) {
                    cell.append(" / ");
                }
                if (value instanceof Map<?, ?>) {
                    cell.append(spreadText(value));
                } else {
                    cell.append(value == null ? "–" : value);
                }
            }
            line.append(' ').append(cell).append(" |");
        }
        out.accept(line.toString());
    }

    private static void target(Consumer<String> out, String label, double reached, double goal, boolean atLeast) {
        boolean met = reached >= 0 && (atLeast ? reached >= goal : reached <= goal);
        out.accept("| " + label + " | " + (reached < 0 ? "not measured" : reached) + " | " + (atLeast ? "≥ " : "≤ ") + goal
                + " | " + (reached < 0 ? "–" : met ? "yes" : "no") + " |");
    }

    @SuppressWarnings("unchecked")
    private static double median(Map<String, Object> figures, String key) {
        Object value = figures == null ? null : figures.get(key);
        return value instanceof Map<?, ?> spread ? number(((Map<String, Object>) spread).get("median")) : -1;
    }

    @SuppressWarnings("unchecked")
    private static double p95(Map<String, Object> report, String key) {
        Object value = report.get(key);
        return value instanceof Map<?, ?> m ? number(((Map<String, Object>) m).get("p95Ms")) : -1;
    }

    /** A figure's spread in {@code figures}, or "–" when it was never measured. */
    private static String spreadOrDash(Map<String, Object> figures, String key) {
        return figures != null && figures.get(key) instanceof Map<?, ?> spread ? spreadText(spread) : "–";
    }

    /** A min/median/max spread as "min / **median** / max". */
    private static String spreadText(Object spread) {
        Map<?, ?> s = (Map<?, ?>) spread;
        return s.get("min") + " / **" + s.get("median") + "** / " + s.get("max");
    }

    private static double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : -1;
    }
}
