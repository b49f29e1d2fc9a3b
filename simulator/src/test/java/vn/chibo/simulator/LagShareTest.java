package vn.chibo.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import vn.chibo.simulator.Rounds.Lag;

/** How much of a round's slowest lags was the read that saw the write, each lag with its own read. */
class LagShareTest {

    @Test
    void the_share_is_of_the_slowest_tenth_each_lag_with_its_own_read() {
        List<Lag> lags = new ArrayList<>();
        for (int i = 0; i < 18; i++) {
            // fast lags whose reads were all of them: they must not count
            lags.add(new Lag(100, 100));
        }
        // the slowest two of twenty: 1,000 ns of which 600 the read, 800 ns of which 100
        lags.add(new Lag(800, 100));
        lags.add(new Lag(1_000, 600));

        assertThat(Rounds.seenReadShareOfSlowest(lags)).isEqualTo(0.39);
    }

    @Test
    void a_read_counts_for_no_more_than_its_lag_and_no_samples_give_no_share() {
        assertThat(Rounds.seenReadShareOfSlowest(List.of(new Lag(50, 80)))).isEqualTo(1.0);
        assertThat(Rounds.seenReadShareOfSlowest(List.of())).isEqualTo(-1.0);
    }
}
