package vn.chibo.query.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

/** Counts are counted once per day and per change, never served from before one. */
class KeptByVersionTest {
    private final KeptByVersion<LocalDate, Map<UUID, Integer>> overdue = new KeptByVersion<>(16);
    private final UUID cell = UUID.randomUUID();
    private final LocalDate endOfOctober = LocalDate.of(2026, 10, 31);
    private final AtomicInteger counted = new AtomicInteger();

    private Supplier<Map<UUID, Integer>> count(int tasks) {
        return () -> {
            counted.incrementAndGet();
            return Map.of(cell, tasks);
        };
    }

    @Test
    void counts_are_kept_per_day_until_a_task_changes() {
        assertThat(overdue.get(endOfOctober, overdue.version(), count(3))).containsEntry(cell, 3);
        assertThat(overdue.get(endOfOctober, overdue.version(), count(99))).as("kept").containsEntry(cell, 3);
        assertThat(overdue.get(endOfOctober.minusMonths(1), overdue.version(), count(1))).as("another day").containsEntry(cell, 1);
        assertThat(counted).hasValue(2);

        overdue.changed();
        assertThat(overdue.get(endOfOctober, overdue.version(), count(2))).containsEntry(cell, 2);
        assertThat(counted).hasValue(3);
    }

    @Test
    void counts_taken_with_a_version_read_before_a_change_are_counted_again_after_it() {
        long readBefore = overdue.version();
        overdue.changed(); // a task committed while that page was being built
        overdue.get(endOfOctober, readBefore, count(3));
        assertThat(overdue.get(endOfOctober, overdue.version(), count(4))).containsEntry(cell, 4);
        assertThat(counted).hasValue(2);
    }

    @Test
    void counts_taken_under_an_older_version_do_not_replace_newer_ones() {
        long old = overdue.version();
        overdue.changed();
        overdue.get(endOfOctober, overdue.version(), count(5));
        overdue.get(endOfOctober, old, count(7)); // a slow reader that began before the change
        assertThat(overdue.get(endOfOctober, overdue.version(), count(99))).containsEntry(cell, 5);
        assertThat(counted).hasValue(2);
    }
}
