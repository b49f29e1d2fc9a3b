package vn.chibo.events.rating;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class RatingPeriodTest {
    @Test
    void a_month_a_quarter_and_a_year_are_read_with_their_first_and_last_days() {
        assertThat(RatingPeriod.parse("2026-02")).isEqualTo(new RatingPeriod(RatingPeriod.Kind.MONTH, "2026-02",
                LocalDate.of(2026, 2, 1), LocalDate.of(2026, 2, 28)));
        assertThat(RatingPeriod.parse("2028-02").end()).isEqualTo(LocalDate.of(2028, 2, 29));
        assertThat(RatingPeriod.parse("2026-12").end()).isEqualTo(LocalDate.of(2026, 12, 31));
        assertThat(RatingPeriod.parse("2026-Q4")).isEqualTo(new RatingPeriod(RatingPeriod.Kind.QUARTER, "2026-Q4",
                LocalDate.of(2026, 10, 1), LocalDate.of(2026, 12, 31)));
        assertThat(RatingPeriod.parse("2026-Q1").end()).isEqualTo(LocalDate.of(2026, 3, 31));
        assertThat(RatingPeriod.parse("2026")).isEqualTo(new RatingPeriod(RatingPeriod.Kind.YEAR, "2026",
                LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31)));
        assertThat(RatingPeriod.parse("2026").year()).isEqualTo(2026);
    }

    @Test
    void spaces_around_and_a_small_q_are_forgiven() {
        assertThat(RatingPeriod.parse(" 2026-q2 ").code()).isEqualTo("2026-Q2");
        assertThat(RatingPeriod.parse("2026-10\n").code()).isEqualTo("2026-10");
    }

    @Test
    void anything_else_is_refused_with_the_text_given() {
        for (String bad : new String[]{"2026-13", "2026-00"}) {
            assertThatThrownBy(() -> RatingPeriod.parse(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Not a month: " + bad);
        }
        for (String bad : new String[]{"", "202", "20261", "2026-1", "2026-Q5", "2026-Q0", "2026-QA", "2026/10",
                "2026-100", "২০২৬", "2026-１0", "x026-10", "2026-Q"}) {
            assertThatThrownBy(() -> RatingPeriod.parse(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("A period is 2026-10, 2026-Q4 or 2026, not " + bad);
        }
        assertThatThrownBy(() -> RatingPeriod.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
