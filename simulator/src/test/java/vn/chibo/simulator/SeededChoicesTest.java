package vn.chibo.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** The records a month sends follow from the seed alone, not from how soon the query-service answered a read. */
class SeededChoicesTest {

    @Test
    void sampling_the_lag_draws_the_same_whether_or_not_a_meeting_page_was_read_yet() {
        Random beforeFirstRead = new Random(2026);
        Random afterIt = new Random(2026);

        assertThat(Simulation.measuresLag(beforeFirstRead, false)).as("every month samples until a page was read").isTrue();
        Simulation.measuresLag(afterIt, true);

        assertThat(beforeFirstRead.nextInt(10)).as("the month's next choice, its meeting's score")
                .isEqualTo(afterIt.nextInt(10));
        assertThat(beforeFirstRead.nextLong()).isEqualTo(afterIt.nextLong());
    }

    @Test
    void once_a_page_was_read_one_month_in_twenty_samples() {
        Random random = new Random(7);
        int sampled = 0;
        for (int i = 0; i < 20_000; i++) {
            sampled += Simulation.measuresLag(random, true) ? 1 : 0;
        }
        assertThat(sampled).isBetween(900, 1_100);
    }
}
