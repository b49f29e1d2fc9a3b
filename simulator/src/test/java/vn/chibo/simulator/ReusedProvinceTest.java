package vn.chibo.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import vn.chibo.query.testing.BothServicesTestBase;

/**
 * {@code --reuse}: a second bench on the province a first one built and played (2 cells of 4 members, one month)
 * sends nothing to build it again, reads its members back in their register's order, and its rounds are all
 * accepted: their tasks are new ones, and its ratings go to months the first run's rounds left unrated.
 */
class ReusedProvinceTest extends BothServicesTestBase {

    @Test
    void a_second_bench_reuses_the_province_and_none_of_its_rounds_clashes_with_the_first() throws Exception {
        Map<String, Object> first = bench();
        assertThat(first.get("reused")).isEqualTo(false);
        assertThat(first.get("unexpected")).isEqualTo(0L);
        UUID cell = UUID.nameUUIDFromBytes("8:2:cell:0".getBytes());
        assertThat(rated(cell, "2024-02")).as("the first run's counted round").isEqualTo(4);
        assertThat(rated(cell, "2024-03")).isZero();

        List<String> printed = new ArrayList<>();
        Map<String, Object> second = bench(printed, "--reuse");

        assertThat(second.get("reused")).isEqualTo(true);
        assertThat(second.get("goodSent")).as("nothing built or played again").isEqualTo(0L);
        assertThat(second.get("members")).isEqualTo(8);
        assertThat(printed).anyMatch(line -> line.contains("dùng lại tỉnh đã có"));
        for (String sweep : List.of("singleEventCommands", "bulkRatings")) {
            Map<String, Object> figures = figures(second, sweep);
            assertThat(figures.get("refused")).as(sweep + " of the second run").isEqualTo(0L);
            assertThat(((Rounds.Result) ((List<?>) figures.get("rounds")).get(0)).commands()).as(sweep).isPositive();
        }
        assertThat(rated(cell, "2024-03")).as("the second run's warm-up round, after the first run's months").isEqualTo(4);
        assertThat(rated(cell, "2024-04")).as("its counted round").isEqualTo(4);
        JsonNode sheet = awaitJson(queries, "/api/cells/" + cell + "/ratings?period=2024-04", s -> s.get("rated").asInt() == 4);
        List<String> excellent = new ArrayList<>();
        sheet.get("ratings").forEach(r -> {
            if ("EXCELLENT".equals(r.get("rating").asText())) {
                excellent.add(r.get("memberId").asText());
            }
        });
        JsonNode members = queries.get("/api/cells/" + cell + "/members").json();
        String firstOfRegister = null;
        for (JsonNode member : members) {
            if (member.get("cardNumber").asText().endsWith("-0")) {
                firstOfRegister = member.get("id").asText();
            }
        }
        assertThat(excellent).as("every 7th member from the first of the register: the members read back in its order")
                .containsExactly(firstOfRegister);
    }

    private int rated(UUID cell, String period) {
        return queries.get("/api/cells/" + cell + "/ratings?period=" + period).json().get("rated").asInt();
    }

    private Map<String, Object> bench(String... more) throws Exception {
        return bench(new ArrayList<>(), more);
    }

    private Map<String, Object> bench(List<String> printed, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("bench", "--cells", "2", "--members", "8", "--months", "1",
                "--concurrency", "2", "--seed", "8",
                "--command-url", commandApi().baseUrl(), "--query-url", queries().baseUrl(),
                "--levels", "2", "--repeats", "1", "--warmup", "1", "--warmup-max", "1", "--round-commands", "2",
                "--output", "target/bench-reuse-test.json"));
        args.addAll(List.of(more));
        return Simulator.run(Options.parse(args.toArray(String[]::new)), printed::add);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> figures(Map<String, Object> report, String key) {
        return (Map<String, Object>) ((Map<String, Object>) report.get(key)).get("c2");
    }
}
