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
 * {@code --reuse}: a second bench on the province a first one built and played (2 cells of 12 members, one month)
 * sends nothing to build it again, reads its members back in their register's order, and its rounds are all
 * accepted: their tasks are new ones, and each of its bulk rounds rates a month that nothing rated before.
 */
class ReusedProvinceTest extends BothServicesTestBase {

    @Test
    void a_second_bench_reuses_the_province_and_none_of_its_rounds_clashes_with_the_first() throws Exception {
        Map<String, Object> first = bench();
        assertThat(first.get("reused")).isEqualTo(false);
        assertThat(first.get("unexpected")).isEqualTo(0L);
        UUID cell = UUID.nameUUIDFromBytes("8:2:cell:0".getBytes());
        assertThat(rated(cell, "2024-02")).as("the first run's counted round").isEqualTo(12);
        assertThat(rated(cell, "2024-03")).isZero();
        // a month after the first unrated one already rated, as a played month would be: the rounds must step over it
        List<Map<String, Object>> sheet2024April = new ArrayList<>();
        queries.get("/api/cells/" + cell + "/members").json()
                .forEach(member -> sheet2024April.add(Map.of("memberId", member.get("id").asText(), "rating", "GOOD")));
        assertThat(commands.put("/api/cells/" + cell + "/ratings/2024-04", Map.of("ratings", sheet2024April)).status()).isEqualTo(200);
        awaitJson(queries, "/api/cells/" + cell + "/ratings?period=2024-04", s -> s.get("rated").asInt() == 12);

        List<String> printed = new ArrayList<>();
        Map<String, Object> second = bench(printed, "--reuse");

        assertThat(second.get("reused")).isEqualTo(true);
        assertThat(second.get("goodSent")).as("nothing built or played again").isEqualTo(0L);
        assertThat(second.get("members")).isEqualTo(24);
        assertThat(printed).anyMatch(line -> line.contains("dùng lại tỉnh đã có"));
        for (String sweep : List.of("singleEventCommands", "bulkRatings")) {
            Map<String, Object> figures = SimulatorTest.figures(second, sweep);
            assertThat(figures.get("refused")).as(sweep + " of the second run").isEqualTo(0L);
            assertThat(((Rounds.Result) ((List<?>) figures.get("rounds")).get(0)).commands()).as(sweep).isPositive();
        }
        assertThat(rated(cell, "2024-03")).as("the second run's warm-up round, after the first run's months").isEqualTo(12);
        assertThat(rated(cell, "2024-05")).as("its counted round, after the month rated meanwhile").isEqualTo(12);
        JsonNode sheet = awaitJson(queries, "/api/cells/" + cell + "/ratings?period=2024-05", s -> s.get("rated").asInt() == 12);
        List<String> excellent = new ArrayList<>();
        sheet.get("ratings").forEach(r -> {
            if ("EXCELLENT".equals(r.get("rating").asText())) {
                excellent.add(r.get("memberId").asText());
            }
        });
        List<String> seventh = new ArrayList<>();
        for (JsonNode member : queries.get("/api/cells/" + cell + "/members").json()) {
            String card = member.get("cardNumber").asText();
            if (card.endsWith("-0") || card.endsWith("-7")) {
                seventh.add(member.get("id").asText());
            }
        }
        assertThat(excellent).as("every 7th member of the register (cards 0 and 7, not 0 and 5 as the text order of "
                + "0, 1, 10, 11, 2... would give): the members read back in its order").containsExactlyInAnyOrderElementsOf(seventh)
                .hasSize(2);
    }

    private int rated(UUID cell, String period) {
        return queries.get("/api/cells/" + cell + "/ratings?period=" + period).json().get("rated").asInt();
    }

    private Map<String, Object> bench(String... more) throws Exception {
        return bench(new ArrayList<>(), more);
    }

    private Map<String, Object> bench(List<String> printed, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("bench"));
        args.addAll(List.of(more)); // first: a flag followed by an option
        args.addAll(List.of("--cells", "2", "--members", "24", "--months", "1",
                "--concurrency", "2", "--seed", "8",
                "--command-url", commandApi().baseUrl(), "--query-url", queries().baseUrl(),
                "--levels", "2", "--repeats", "1", "--warmup", "1", "--warmup-max", "1", "--round-commands", "2",
                "--output", "target/bench-reuse-test.json"));
        return Simulator.run(Options.parse(args.toArray(String[]::new)), printed::add);
    }
}
