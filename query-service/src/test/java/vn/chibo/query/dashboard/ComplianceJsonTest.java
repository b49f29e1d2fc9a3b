package vn.chibo.query.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import vn.chibo.query.dashboard.DashboardViews.Compliance;
import vn.chibo.query.dashboard.DashboardViews.ComplianceRow;
import vn.chibo.query.dashboard.DashboardViews.Totals;

/**
 * The page written field by field is, byte for byte, the page the mapper writes from the records: the same as
 * Spring Boot's (Java time module, dates as text), so a client reads exactly what it read before.
 */
class ComplianceJsonTest {
    private final ObjectMapper mapper = Jackson2ObjectMapperBuilder.json()
            .featuresToDisable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
    private final UUID province = UUID.fromString("10000000-0000-4000-8000-000000000000");

    @Test
    void every_field_set_and_every_field_null_is_written_as_the_mapper_writes_it() throws IOException {
        UUID unit = UUID.fromString("ffffffff-ffff-ffff-ffff-ffffffffffff");
        ComplianceRow whole = new ComplianceRow(UUID.fromString("00000000-0000-0000-0000-000000000000"),
                "Chi bộ \"Ấp 3\" \\ xã Tân Hòa\t😀", unit, "Đảng ủy xã Tân Hòa 😀", LocalDate.of(2026, 10, 3),
                UUID.fromString("0a1b2c3d-4e5f-6789-abcd-ef0123456789"), 5, true, "Trùng lịch bầu cử", false, 0.8333,
                95L, 87, "Tốt", true, 3L, 1, 24, 25, 2, List.of("off-regular-day", "minutes-late", "cờ 😀\"/"), true);
        ComplianceRow empty = new ComplianceRow(UUID.randomUUID(), "Chi bộ 1", unit, "Đảng ủy xã Tân Hòa", null, null,
                null, null, null, null, null, null, null, null, null, null, 0, 0, 0, 0, List.of(), false);
        ComplianceRow nothing = new ComplianceRow(null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, 0, 0, 0, 0, null, false);
        Map<String, Integer> flags = new LinkedHashMap<>();
        flags.put("minutes-late", 1);
        flags.put("overdue-tasks", 1);
        flags.put("no-topical-meeting", null);
        Totals total = new Totals(province, "Tỉnh ủy Đồng Tháp", 3, 1, 0, 1, 1, 0.8333, 24, 50, 2, flags);
        Totals none = new Totals(null, null, 0, 0, 0, 0, 0, null, 0, 0, 0, null);
        Compliance page = new Compliance(province, "Tỉnh ủy Đồng Tháp", "2026-10", List.of(whole, empty, nothing),
                total, List.of(total, none));

        assertSameBytes(page);
        assertThat(new String(ComplianceJson.write(page, mapper), StandardCharsets.UTF_8))
                .contains("\"regularMeetingOn\":\"2026-10-03\"", "\"meetingId\":null", "\"attendanceRate\":0.8333",
                        "\"cellId\":\"00000000-0000-0000-0000-000000000000\"", "Chi bộ \\\"Ấp 3\\\" \\\\ xã Tân Hòa\\t\\uD83D\\uDE00");
        assertSameBytes(new Compliance(null, null, null, null, null, null));
    }

    @Test
    void a_province_of_random_rows_is_written_as_the_mapper_writes_it() throws IOException {
        Random random = new Random(2026);
        List<String> units = List.of("Đảng ủy xã Mỹ An", "Đảng ủy phường 1", "Đảng bộ Quân sự tỉnh", "Chi bộ cơ sở \"Y tế\"");
        List<String> flags = List.of("no-regular-meeting", "off-regular-day", "minutes-late", "no-topical-meeting",
                "ratings-missing", "overdue-tasks", "notice-short");
        List<ComplianceRow> rows = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            boolean held = random.nextInt(10) > 0;
            List<String> raised = new ArrayList<>();
            for (String flag : flags) {
                if (random.nextInt(6) == 0) {
                    raised.add(flag);
                }
            }
            rows.add(new ComplianceRow(new UUID(random.nextLong(), random.nextLong()), "Chi bộ ấp " + i,
                    new UUID(random.nextLong(), random.nextLong()), units.get(random.nextInt(units.size())),
                    held ? LocalDate.of(900 + random.nextInt(9200), 1 + random.nextInt(12), 1 + random.nextInt(28)) : null,
                    held ? new UUID(random.nextLong(), random.nextLong()) : null, held ? random.nextInt(30) - 5 : null,
                    held ? random.nextBoolean() : null, held && random.nextBoolean() ? "Lý do " + i : null,
                    held ? random.nextBoolean() : null,
                    held ? Math.round(random.nextDouble() * 10000) / 10000.0 : null,
                    held ? (long) random.nextInt(300) : null, held ? random.nextInt(101) : null,
                    held ? "Khá" : null, held ? random.nextBoolean() : null, held ? (long) random.nextInt(40) : null,
                    random.nextInt(3), random.nextInt(40), random.nextInt(40), random.nextInt(5), raised,
                    held && random.nextBoolean()));
        }
        Compliance page = new Compliance(province, "Tỉnh ủy Đồng Tháp", "2026-11", rows,
                new Totals(province, "Tỉnh ủy Đồng Tháp", rows.size(), 1, 1, 1, 1, random.nextDouble(), 1, 1, 1,
                        Map.of("minutes-late", 7)), List.of());

        assertSameBytes(page);
    }

    @Test
    void the_service_mapper_is_written_field_by_field_and_a_mapper_set_otherwise_writes_the_page_itself() throws IOException {
        assertThat(ComplianceJson.setAsAssumed(mapper)).isTrue();
        ObjectMapper nonNull = Jackson2ObjectMapperBuilder.json()
                .featuresToDisable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .serializationInclusion(JsonInclude.Include.NON_NULL).build();
        assertThat(ComplianceJson.setAsAssumed(nonNull)).isFalse();
        Compliance page = new Compliance(province, "Tỉnh ủy Đồng Tháp", "2026-10", List.of(), new Totals(province,
                "Tỉnh ủy Đồng Tháp", 0, 0, 0, 0, 0, null, 0, 0, 0, Map.of()), List.of());

        assertThat(new String(ComplianceJson.write(page, nonNull), StandardCharsets.UTF_8))
                .isEqualTo(nonNull.writeValueAsString(page)).doesNotContain("averageAttendance");
    }

    private void assertSameBytes(Compliance page) throws IOException {
        assertThat(ComplianceJson.setAsAssumed(mapper)).isTrue();
        byte[] expected = mapper.writeValueAsBytes(page);
        byte[] written = ComplianceJson.write(page, mapper);
        assertThat(new String(written, StandardCharsets.UTF_8)).isEqualTo(new String(expected, StandardCharsets.UTF_8));
        assertThat(written).isEqualTo(expected);
    }
}
