package vn.chibo.query.dashboard;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A count per cell on a day for the province's compliance page, kept until an event that changes it commits (see
 * {@link ProvinceCounts}). Each month's page counts on its own day (its last day, or today), so a few days are kept.
 */
final class KeptCounts {
    private static final int KEPT_DAYS = 16;

    private record Kept(long version, Map<UUID, Integer> perCell) {
    }

    private final AtomicLong version = new AtomicLong();
    private final Map<LocalDate, Kept> days = new LinkedHashMap<>(32, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<LocalDate, Kept> eldest) {
            return size() > KEPT_DAYS;
        }
    };

    /** An event that changes these counts has committed. */
    void changed() {
        version.incrementAndGet();
    }

    /**
     * How many times the counts have changed. Read it before the transaction that would count takes its snapshot
     * (its first statement): a change committed after that reading, seen or not by the count, then makes the next
     * page count again, whereas a reading taken after the snapshot could keep counts older than it says.
     */
    long version() {
        return version.get();
    }

    /** The counts on {@code day}: kept ones if nothing changed since {@code version}, else {@code count}'s. */
    Map<UUID, Integer> on(LocalDate day, long version, Supplier<Map<UUID, Integer>> count) {
        synchronized (days) {
            Kept kept = days.get(day);
            if (kept != null && kept.version() == version) {
                return kept.perCell();
            }
        }
        Map<UUID, Integer> counted = Map.copyOf(count.get());
        synchronized (days) {
            // a reader that counted under an older version does not replace counts kept under a newer one
            days.merge(day, new Kept(version, counted), (old, now) -> now.version() >= old.version() ? now : old);
        }
        return counted;
    }
}
