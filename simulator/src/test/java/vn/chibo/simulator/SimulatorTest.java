package vn.chibo.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.OS;

import vn.chibo.query.testing.BothServicesTestBase;

/**
 * The small profile at a reduced size (3 cells, 4 members each, one month, one short round of each sweep) against
 * both services: every bad request is refused as expected, every good one is accepted, the benchmark's figures are
 * there (raw baseline, sweeps, replay, RSS), and after the replay the read models show exactly what was sent.
 */
class SimulatorTest extends BothServicesTestBase {

    @Test
    @SuppressWarnings("unchecked")
    void every_bad_request_is_refused_and_every_good_one_is_visible_in_the_read_models() throws Exception {
        List<String> printed = new ArrayList<>();
        Options options = Options.parse(new String[]{"bench", "--profile", "small", "--cells", "3", "--members", "12",
                "--months", "1", "--concurrency", "2", "--bad-every", "3", "--seed", "7",
                "--command-url", commandApi().baseUrl(), "--query-url", queries().baseUrl(),
                "--levels", "2", "--repeats", "1", "--warmup", "1", "--warmup-max", "1", "--round-commands", "3",
                "--db-url", database.url(), "--db-user", database.username(), "--db-password", database.password(),
                "--command-pid", String.valueOf(ProcessHandle.current().pid()),
                "--output", "target/bench-test.json"});
        Map<String, Object> report = Simulator.run(options, printed::add);

        assertThat(report.get("unexpected")).as(String.join("\n", printed)).isEqualTo(0L);
        assertThat(report.get("goodAccepted")).isEqualTo(report.get("goodSent"));
        assertThat((Long) report.get("badSent")).isEqualTo(3L);
        assertThat(report.get("badRefused")).isEqualTo(report.get("badSent"));
        assertThat(printed).anyMatch(line -> line.startsWith("| commandsPerSecond |"));
        assertThat(printed).anyMatch(line -> line.startsWith("| single-event commands/s at 2 |"));

        Map<String, Object> single = figures(report, "singleEventCommands");
        assertThat(((List<?>) single.get("rounds"))).hasSize(1);
        assertThat(single.get("refused")).isEqualTo(0L);
        assertThat(figures(single, "eventsPerSecond").get("median")).isEqualTo(figures(single, "rate").get("median"));
        assertThat((Double) figures(single, "rawRowsPerSecond").get("median")).isPositive();
        assertThat((Double) single.get("ratioToRaw")).isPositive();
        assertThat((List<?>) report.get("warmupRounds")).as("one uncounted round of each kind first")
                .extracting(round -> ((Rounds.Result) round).kind() + "/" + ((Rounds.Result) round).repeat())
                .containsExactly("single-event/0", "bulk-ratings/0");
        assertThat(printed).anyMatch(line -> line.contains("2 luồng, khởi động:"));
        List<?> warmupJit = (List<?>) report.get("warmupJitPercent");
        assertThat(warmupJit).as("--warmup-max 1").hasSize(1);
        @SuppressWarnings("unchecked")
        Map<String, Double> jit = (Map<String, Double>) warmupJit.get(0);
        if (OS.LINUX.isCurrentOs()) {
            assertThat(jit.get("commandService")).as("this JVM's compilers are read from /proc").isBetween(0.0, 100.0);
        }
        assertThat(jit.get("queryService")).as("no query-service pid was given").isEqualTo(-1.0);
        Map<String, Double> cpu = (Map<String, Double>) single.get("cpu");
        if (OS.LINUX.isCurrentOs()) {
            assertThat(cpu.get("machineUs")).as("the machine's CPU a command, from /proc/stat").isPositive();
            assertThat(cpu.get("commandServiceUs")).as("the services run in this JVM, as does the simulator").isPositive();
            assertThat(cpu.get("simulatorUs")).isPositive();
            assertThat(cpu.get("machineBusyPercent")).isBetween(0.0, 100.0);
        }
        assertThat(cpu.get("queryServiceUs")).as("no query-service pid was given").isEqualTo(-1.0);
        assertThat(printed).anyMatch(line -> line.startsWith("|   µs CPU mỗi sự kiện: máy / ghi / đọc / PostgreSQL / trình mô phỏng / khác |"));
        Map<String, Object> reference = (Map<String, Object>) report.get("cpuReference");
        List<Map<String, Object>> readings = (List<Map<String, Object>>) reference.get("readings");
        assertThat(readings).extracting(r -> r.get("when")).as("before the rounds, after the one repeat, at the end")
                .containsExactly("before", "c2/1", "after");
        readings.forEach(speed -> {
            assertThat((Double) speed.get("javaShaMegabytesPerSecond")).isPositive();
            assertThat((Double) speed.get("memoryLoadNanos")).isPositive();
            assertThat((Double) speed.get("postgresRowsPerSecond")).as("MD5 of 400,000 numbers in the test's database").isPositive();
        });
        assertThat((Double) figures(reference, "postgresRowsPerSecond").get("min")).isPositive();
        assertThat(printed).anyMatch(line -> line.startsWith("(tốc độ một lõi qua các lần đo"));
        Map<String, Object> bulk = figures(report, "bulkRatings");
        assertThat(bulk.get("refused")).isEqualTo(0L);
        assertThat(((Rounds.Result) ((List<?>) bulk.get("rounds")).get(0)).events()).as("one rating per member").isEqualTo(12L);
        Map<String, Object> replay = figures(report, "replay");
        assertThat(replay).doesNotContainKey("error");
        assertThat(((Number) replay.get("events")).longValue()).as("at least the enrolments, sweeps and meetings sent")
                .isGreaterThanOrEqualTo(12 + 12 + 12 + 3 * 4);
        assertThat(((Number) replay.get("eventsPerSecond")).doubleValue()).isPositive();
        assertThat((List<?>) replay.get("runs")).as("one replay per repeat").hasSize(1);
        assertThat((Double) figures(report, "peakRss").get("commandServiceMb")).isPositive();
        assertThat(figures(report, "dashboardProvince").get("status")).isEqualTo(200);
        assertThat(figures(report, "dashboardProvinceBuilt").get("status")).isEqualTo(200);
        assertThat(figures(report, "auditHistoryBusyMember").get("status")).isEqualTo(200);
        Map<String, Object> kept = figures(report, "dashboardProvince");
        assertThat((Double) kept.get("headP50Ms")).as("the head comes before the last byte").isPositive()
                .isLessThanOrEqualTo((Double) kept.get("p50Ms"));
        assertThat((Double) kept.get("headP95Ms")).isLessThanOrEqualTo((Double) kept.get("p95Ms"));
        assertThat(kept.get("queryCpuMsPerRead")).as("no query-service pid was given").isEqualTo(-1.0);
        assertThat((Long) kept.get("simulatorGcMs")).isNotNegative();
        String month = YearMonth.now(ZoneId.of("Asia/Ho_Chi_Minh")).minusMonths(1).toString();
        assertThat(kept.get("bytes")).as("the page timed to its last byte, every byte of it")
                .isEqualTo((long) queries.get("/api/dashboard/compliance?unit=10000000-0000-4000-8000-000000000000&month="
                        + month, "application/json").body().getBytes(StandardCharsets.UTF_8).length);
        assertThat(kept.get("queryJitPercent")).as("no query-service pid was given").isEqualTo(-1.0);

        var province = awaitJson(queries, "/api/org-units/10000000-0000-4000-8000-000000000000", p -> p.get("memberCount").asInt() == 12);
        assertThat(province.get("children")).hasSize(1);
        var compliance = awaitJson(queries, "/api/dashboard/compliance?month=" + month,
                d -> d.get("total").get("ratingsSubmitted").asInt() == 12 && d.get("total").get("minutesFinal").asInt() == 3);
        assertThat(compliance.get("total").get("regularMeetingsHeld").asInt()).isEqualTo(3);
        assertThat(compliance.get("total").get("cells").asInt()).isEqualTo(3);
        Map<String, Object> accepted = (Map<String, Object>) report.get("acceptedByKind");
        long assigned = ((Number) accepted.get("task")).longValue();
        long completed = ((Number) accepted.get("task-complete")).longValue();
        assertThat(assigned).as("every member given the month's task at the meeting").isEqualTo(12);
        assertThat(compliance.get("total").get("overdueTasks").asLong())
                .as("every task was still open on the month's last day: the month is entered after the fact")
                .isEqualTo(assigned);
        long overdueToday = 0;
        for (var row : compliance.get("rows")) {
            overdueToday += queries.get("/api/cells/" + row.get("cellId").asText() + "/tasks?status=overdue").json().size();
        }
        assertThat(overdueToday).as("one task in ten left open past its deadline").isEqualTo(assigned - completed);
        boolean topicalMonth = YearMonth.parse(month).getMonthValue() % 3 == 2;
        assertThat(((Number) accepted.getOrDefault("topical meeting", 0L)).intValue()).as("month %s", month)
                .isEqualTo(topicalMonth ? 3 : 0);
        compliance.get("rows").forEach(row -> assertThat(row.get("topicalMeetingsThisQuarter").asInt()).as(row.toString())
                .isEqualTo(topicalMonth ? 1 : 0));
        var bulkMonth = awaitJson(queries, "/api/dashboard/ratings?month=2024-01",
                d -> d.get("totals").path("GOOD").asInt() + d.get("totals").path("EXCELLENT").asInt() == 12);
        assertThat(bulkMonth.get("totals").path("EXCELLENT").asInt()).as("every 7th member of a cell, from the first").isEqualTo(3);
        String cell = compliance.get("rows").get(0).get("cellId").asText();
        assertThat(queries.get("/api/cells/" + cell + "/ratings?period=2024-01").body())
                .as("a sheet the bulk round sent is seen complete by the lag sampler").contains(Rounds.SHEET_COMPLETE);
        assertThat(queries.get("/api/cells/" + cell + "/ratings?period=2023-12").body())
                .as("a month nobody rated is not").contains("\"missing\":[\"").doesNotContain(Rounds.SHEET_COMPLETE);
    }

    /** A figure of the report; for a sweep, its figures at 2 clients (the level these tests run). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> figures(Map<String, Object> report, String key) {
        Object value = report.get(key);
        if (value instanceof Map<?, ?> map && map.containsKey("c2")) {
            return (Map<String, Object>) map.get("c2");
        }
        return (Map<String, Object>) value;
    }
}
