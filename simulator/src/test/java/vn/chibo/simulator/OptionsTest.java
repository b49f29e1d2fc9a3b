package vn.chibo.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The simulator's command line: values, flags and the mode, in any order. */
class OptionsTest {

    @Test
    void a_flag_takes_no_value_wherever_it_stands() {
        Options first = Options.parse(new String[]{"--reuse", "bench", "--levels", "2,8"});
        assertThat(first.reuse()).isTrue();
        assertThat(first.mode()).as("the argument after the flag is the mode").isEqualTo("bench");
        assertThat(first.levels()).containsExactly(2, 8);

        Options middle = Options.parse(new String[]{"bench", "--reuse", "--levels", "32", "--profile", "province"});
        assertThat(middle.reuse()).isTrue();
        assertThat(middle.levels()).containsExactly(32);
        assertThat(middle.cells()).isEqualTo(8000);

        Options without = Options.parse(new String[]{"bench", "--db-password", "", "--seed", "9"});
        assertThat(without.reuse()).isFalse();
        assertThat(without.dbPassword()).as("an empty value is still a value").isEmpty();
        assertThat(without.seed()).isEqualTo(9L);
        assertThat(without.levels()).isEqualTo(List.of(1, 8, 32));
    }
}
