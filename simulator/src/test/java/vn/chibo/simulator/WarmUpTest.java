package vn.chibo.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The bench's warm-up: how long it goes on, and the JIT figures it goes by, read from /proc. */
class WarmUpTest {

    @Test
    void warms_up_at_least_the_rounds_asked_then_while_the_command_service_is_still_compiling_and_never_beyond_the_most() {
        List<Map<String, Double>> busy = List.of(Map.of("commandService", 30.0, "queryService", 2.0));
        List<Map<String, Double>> settled = List.of(Map.of("commandService", 5.9, "queryService", 1.0));
        List<Map<String, Double>> queryBusy = List.of(Map.of("commandService", 1.0, "queryService", 6.0));
        List<Map<String, Double>> unknown = List.of(Map.of("commandService", -1.0, "queryService", -1.0));

        assertThat(Bench.warmUpAgain(1, 2, 12, List.of())).as("the rounds asked, before any figure").isTrue();
        assertThat(Bench.warmUpAgain(2, 2, 12, settled)).as("the rounds asked even when settled").isTrue();
        assertThat(Bench.warmUpAgain(3, 2, 12, busy)).as("still compiling").isTrue();
        assertThat(Bench.warmUpAgain(3, 2, 12, queryBusy)).as("the query-service's compilers are not waited for").isFalse();
        assertThat(Bench.warmUpAgain(3, 2, 12, settled)).as("settled").isFalse();
        assertThat(Bench.warmUpAgain(3, 2, 12, unknown)).as("not measurable: the rounds asked only").isFalse();
        assertThat(Bench.warmUpAgain(13, 2, 12, busy)).as("never beyond the most").isFalse();
        assertThat(Bench.warmUpAgain(1, 0, 12, List.of())).as("--warmup 0: none at all").isFalse();
        assertThat(Bench.warmUpAgain(15, 20, 12, settled)).as("--warmup above --warmup-max: the rounds asked").isTrue();
    }

    @Test
    void cpu_ticks_are_read_after_the_thread_name_even_when_it_holds_spaces_and_parentheses() {
        String stat = "4242 (C2 Compiler) (x) S 1 4242 4242 0 -1 4194368 17 0 0 0 1500 250 0 0 20 0 1 0 99 0 0";
        assertThat(JitActivity.cpuTicks(stat)).isEqualTo(1750);
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void the_share_of_this_jvm_s_compilers_is_read_from_proc_and_lies_between_zero_and_one() {
        JitActivity.Reading before = JitActivity.read(ProcessHandle.current().pid());
        assertThat(before).isNotNull();
        assertThat(before.compilerTicks()).as("a JVM with tiered compilation has C1 and C2 compiler threads").isNotEmpty();
        long sum = 0;
        long until = System.nanoTime() + 300_000_000L;
        while (System.nanoTime() < until) {
            sum += Long.toString(sum).hashCode();
        }
        JitActivity.Reading after = JitActivity.read(ProcessHandle.current().pid());
        assertThat(after.processTicks()).as("300 ms of work: " + sum).isGreaterThan(before.processTicks());
        assertThat(JitActivity.share(before, after)).isBetween(0.0, 1.0);
        assertThat(JitActivity.share(null, after)).isEqualTo(-1.0);
        assertThat(JitActivity.cpuMillis(before, after)).as("ticks of 10 ms").isGreaterThan(0.0)
                .isEqualTo((after.processTicks() - before.processTicks()) * 10.0);
        assertThat(JitActivity.cpuMillis(before, null)).isEqualTo(-1.0);
        assertThat(JitActivity.read(0)).isNull();
    }
}
