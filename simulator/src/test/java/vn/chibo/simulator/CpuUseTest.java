package vn.chibo.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import vn.chibo.simulator.CpuUse.MachineTicks;
import vn.chibo.simulator.CpuUse.Reading;

/** Where a round's CPU went: /proc's counters read, and split into µs per event for each part. */
class CpuUseTest {

    @Test
    void the_machine_line_gives_busy_idle_and_stolen_ticks() {
        String stat = "cpu  10186401 17338 1306101 4168224 56890 0 252575 110645 0 0\ncpu0 5096543 8391 631616 2130651 7529 0 122085 54213 0 0\n";

        MachineTicks ticks = CpuUse.machine(stat);

        assertThat(ticks.busy()).as("user + nice + system + irq + softirq").isEqualTo(10186401L + 17338 + 1306101 + 0 + 252575);
        assertThat(ticks.idle()).as("idle + iowait").isEqualTo(4168224L + 56890);
        assertThat(ticks.steal()).isEqualTo(110645L);
        assertThat(CpuUse.machine("intr 1 2 3")).isNull();
        assertThat(CpuUse.machine(null)).isNull();
    }

    @Test
    void a_postgres_process_counts_its_own_ticks_and_its_reaped_children_s() {
        String postmaster = "812 (postgres) S 800 812 812 0 -1 4194560 900 5000 0 3 120 30 4000 700 20 0 1 0 55 0 0";

        assertThat(CpuUse.ownAndReapedTicks(postmaster)).isEqualTo(120 + 30 + 4000 + 700);
    }

    @Test
    void the_split_is_each_part_s_microseconds_a_event_and_the_rest_of_the_busy_time_is_other() {
        // 2 cores for 1 s = 200 ticks: 150 busy, 40 idle, 10 stolen; 1,000 events written
        Reading before = new Reading(new MachineTicks(1_000, 5_000, 100), 300, 200, 900, 50);
        Reading after = new Reading(new MachineTicks(1_150, 5_040, 110), 360, 215, 960, 55);

        Map<String, Double> split = CpuUse.split(before, after, 1_000);

        assertThat(split).containsEntry("machineBusyPercent", 75.0).containsEntry("stealPercent", 5.0)
                .containsEntry("commandServiceUs", 600.0).containsEntry("queryServiceUs", 150.0)
                .containsEntry("postgresUs", 600.0).containsEntry("simulatorUs", 50.0)
                .containsEntry("otherUs", 100.0).containsEntry("machineUs", 1_500.0);
    }

    @Test
    void a_part_not_found_is_minus_one_and_its_time_stays_in_other() {
        Reading before = new Reading(new MachineTicks(1_000, 5_000, 0), 300, -1, -1, 50);
        Reading after = new Reading(new MachineTicks(1_100, 5_100, 0), 360, -1, -1, 60);

        Map<String, Double> split = CpuUse.split(before, after, 100);

        assertThat(split).containsEntry("queryServiceUs", -1.0).containsEntry("postgresUs", -1.0)
                .containsEntry("commandServiceUs", 6_000.0).containsEntry("simulatorUs", 1_000.0)
                .containsEntry("otherUs", 3_000.0).containsEntry("machineUs", 10_000.0);
        assertThat(CpuUse.split(null, after, 100)).isEmpty();
        assertThat(CpuUse.split(before, after, 0)).as("nothing written: no per-event figure").isEmpty();
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void this_jvm_s_work_shows_in_its_own_ticks_and_in_the_machine_s_busy_time() {
        long self = ProcessHandle.current().pid();
        // a first read loads the classes and walks /proc once, so the readings below are alike in cost
        CpuUse.read(self, self);
        Reading before = CpuUse.read(self, 0);
        // 300 ms of this thread's CPU, however long a loaded machine takes to give them
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long until = threads.getCurrentThreadCpuTime() + 300_000_000L;
        long sum = 0;
        while (threads.getCurrentThreadCpuTime() < until) {
            sum += Long.toString(sum).hashCode();
        }
        Reading after = CpuUse.read(self, 0);

        assertThat(after.commandService()).as("300 ms of work: " + sum).isGreaterThan(before.commandService());
        assertThat(after.machine().busy()).isGreaterThan(before.machine().busy());
        assertThat(after.queryService()).as("no such process").isEqualTo(-1);
        Map<String, Double> split = CpuUse.split(before, after, 1);
        assertThat(split.get("machineBusyPercent")).isBetween(0.0, 100.0);
        // the same process given as the service and as the simulator: each at least the thread's 300 ms, in ticks
        // of 10 ms (one event, so µs of CPU in all), whatever the other threads did between the two reads
        assertThat(split.get("commandServiceUs")).isGreaterThanOrEqualTo(280_000.0);
        assertThat(split.get("simulatorUs")).isGreaterThanOrEqualTo(280_000.0);
        assertThat(split.get("machineUs")).isGreaterThanOrEqualTo(280_000.0);
    }

    @Test
    void the_java_references_hash_some_megabytes_a_second_and_time_a_load_from_memory() {
        assertThat(CpuReference.javaShaMegabytesPerSecond()).isPositive();
        assertThat(CpuReference.memoryLoadNanos()).isPositive();
    }

    @Test
    void the_memory_walk_is_one_cycle_through_every_index() {
        int[] next = CpuReference.cycle(1_000, new SplittableRandom(7));
        boolean[] seen = new boolean[next.length];
        int at = 0;
        for (int step = 0; step < next.length; step++) {
            assertThat(seen[at]).as("index %d seen twice before every index was", at).isFalse();
            seen[at] = true;
            assertThat(next[at]).as("no index is its own successor").isNotEqualTo(at);
            at = next[at];
        }
        assertThat(at).as("back at the start after all of them").isZero();
    }
}
