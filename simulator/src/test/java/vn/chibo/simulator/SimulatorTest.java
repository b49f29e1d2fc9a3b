package vn.chibo.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import vn.chibo.query.testing.BothServicesTestBase;

/**
 * The small profile at a reduced size (3 cells, 4 members each, one month) against both services: every bad
 * request is refused as expected, every good one is accepted, and the read models show exactly what was sent.
 */
class SimulatorTest extends BothServicesTestBase {

    @Test
    void every_bad_request_is_refused_and_every_good_one_is_visible_in_the_read_models() throws Exception {
        List<String> printed = new ArrayList<>();
        Options options = Options.parse(new String[]{"bench", "--profile", "small", "--cells", "3", "--members", "12",
                "--months", "1", "--concurrency", "2", "--bad-every", "3", "--seed", "7",
                "--command-url", commandApi().baseUrl(), "--query-url", queries().baseUrl(),
                "--output", "target/bench-test.json"});
        Map<String, Object> report = Simulator.run(options, printed::add);

        assertThat(report.get("unexpected")).as(String.join("\n", printed)).isEqualTo(0L);
        assertThat(report.get("goodAccepted")).isEqualTo(report.get("goodSent"));
        assertThat((Long) report.get("badSent")).isEqualTo(3L);
        assertThat(report.get("badRefused")).isEqualTo(report.get("badSent"));
        assertThat(printed).anyMatch(line -> line.startsWith("| commandsPerSecond |"));

        String month = YearMonth.now(ZoneId.of("Asia/Ho_Chi_Minh")).minusMonths(1).toString();
        var province = awaitJson(queries, "/api/org-units/10000000-0000-4000-8000-000000000000", p -> p.get("memberCount").asInt() == 12);
        assertThat(province.get("children")).hasSize(1);
        var compliance = awaitJson(queries, "/api/dashboard/compliance?month=" + month,
                d -> d.get("total").get("ratingsSubmitted").asInt() == 12 && d.get("total").get("minutesFinal").asInt() == 3);
        assertThat(compliance.get("total").get("regularMeetingsHeld").asInt()).isEqualTo(3);
        assertThat(compliance.get("total").get("cells").asInt()).isEqualTo(3);
    }
}
