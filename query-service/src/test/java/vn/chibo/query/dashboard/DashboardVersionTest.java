package vn.chibo.query.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import vn.chibo.query.dashboard.DashboardVersion.Asked;
import vn.chibo.query.dashboard.DashboardViews.Compliance;

/** A province-sized compliance page is built once per change of the dashboard and per day, never served stale. */
class DashboardVersionTest {
    private final DashboardVersion version = new DashboardVersion(new ObjectMapper());
    private final UUID province = UUID.randomUUID();
    private final YearMonth october = YearMonth.of(2026, 10);
    private final LocalDate today = LocalDate.of(2026, 11, 24);
    private final AtomicInteger built = new AtomicInteger();

    private Supplier<Compliance> page(int rows) {
        return () -> {
            built.incrementAndGet();
            return new Compliance(province, "Tỉnh ủy", october.toString(), Collections.nCopies(rows, null), null, List.of());
        };
    }

    @Test
    void a_big_page_is_built_again_only_after_the_dashboard_changed_or_on_another_day() {
        CompliancePage first = version.compliance(new Asked(province, october, today), page(8000));
        assertThat(version.compliance(new Asked(province, october, today), page(8000))).isSameAs(first);
        assertThat(built).hasValue(1);
        assertThat(first.rows()).isEqualTo(8000);
        assertThat(new String(first.json(), java.nio.charset.StandardCharsets.UTF_8)).startsWith("{\"unitId\":\"" + province);

        version.changed();
        CompliancePage second = version.compliance(new Asked(province, october, today), page(8000));
        assertThat(second).isNotSameAs(first);
        assertThat(built).hasValue(2);

        version.compliance(new Asked(province, october, today.plusDays(1)), page(8000));
        assertThat(built).as("overdue tasks depend on the day").hasValue(3);
    }

    @Test
    void a_page_keeps_its_tag_until_the_dashboard_changes_and_each_unit_month_and_day_has_its_own() {
        CompliancePage page = version.compliance(new Asked(province, october, today), page(20));
        assertThat(page.etag()).startsWith("W/\"").endsWith("\"")
                .isEqualTo(version.etag(new Asked(province, october, today)));
        assertThat(version.etag(new Asked(UUID.randomUUID(), october, today))).as("another unit").isNotEqualTo(page.etag());
        assertThat(version.etag(new Asked(province, october.plusMonths(1), today))).as("another month").isNotEqualTo(page.etag());
        assertThat(version.etag(new Asked(province, october, today.plusDays(1)))).as("another day").isNotEqualTo(page.etag());
        assertThat(new DashboardVersion(new ObjectMapper()).etag(new Asked(province, october, today))).as("another start of the service")
                .isNotEqualTo(page.etag());

        version.changed();
        assertThat(version.etag(new Asked(province, october, today))).isNotEqualTo(page.etag());
        assertThat(version.compliance(new Asked(province, october, today), page(20)).etag())
                .isEqualTo(version.etag(new Asked(province, october, today)));
    }

    @Test
    void small_pages_are_always_built() {
        version.compliance(new Asked(province, october, today), page(20));
        version.compliance(new Asked(province, october, today), page(20));
        assertThat(built).hasValue(2);
    }
}
