package vn.chibo.query.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import vn.chibo.query.dashboard.DashboardViews.Compliance;
import vn.chibo.query.dashboard.DashboardViews.Totals;

/**
 * A page is written out once, as the mapper it is given writes it ({@link ComplianceJson}; the service gives Spring
 * Boot's own, and that the page served is its writing is checked end to end in {@code MeetingMonthHttpTest}), and
 * gzips back to the very same bytes.
 */
class CompliancePageTest {
    private final ObjectMapper mapper = new ObjectMapper();
    private final UUID province = UUID.fromString("10000000-0000-4000-8000-000000000000");
    private final Compliance compliance = new Compliance(province, "Tỉnh ủy Đồng Tháp", "2026-10", List.of(),
            new Totals(province, "Tỉnh ủy Đồng Tháp", 0, 0, 0, 0, 0, null, 0, 0, 0, Map.of()), List.of());

    @Test
    void the_json_is_written_once_and_is_the_page() throws IOException {
        CompliancePage page = CompliancePage.of(compliance, "W/\"t\"", mapper);
        byte[] json = page.json();
        assertThat(page.json()).isSameAs(json);
        assertThat(json).isEqualTo(mapper.writeValueAsBytes(compliance));
        assertThat(page.rows()).isZero();
        assertThat(page.etag()).isEqualTo("W/\"t\"");
        assertThat(new String(json, StandardCharsets.UTF_8)).contains("Tỉnh ủy Đồng Tháp");
    }

    @Test
    void the_gzipped_page_unzips_to_its_json() throws IOException {
        CompliancePage page = CompliancePage.of(compliance, "W/\"t\"", mapper);
        byte[] gzipped = page.gzipped();
        assertThat(page.gzipped()).isSameAs(gzipped);
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
            assertThat(in.readAllBytes()).isEqualTo(page.json());
        }
    }
}
