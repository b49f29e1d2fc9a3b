package vn.chibo.query.dashboard;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The province's rows of the last months its compliance page was built for ({@code cell_month}, one per cell), kept
 * between builds and read again only for the cells whose rows changed since (issue 7). Reading a month's 8,000 rows
 * was most of building the page: ~16-20 ms of PostgreSQL's time on this machine for their 19 columns, ~40 ms in all
 * for a full month's page; the projection's batches change a few cells at a time.
 * <p>
 * The dashboard's projection says which cells' rows it changed once their batch committed, and before the dashboard's
 * version moves on ({@link #changed}); each time is numbered. A build reads that number ({@link #told}) before its
 * transaction takes its snapshot and then, in the transaction, {@link #claim}s its month and reads the cells changed:
 * those told up to its number are in its snapshot and done with; those told later may or may not be, so they are read
 * and also left for the next build, which the version's change asks for. One build of a month at a time.
 *
 * @param <V> a row as the page reads it
 */
final class KeptMonths<V> {
    /** More cells than this changed in a month: the month is read whole again. */
    static final int READ_WHOLE_FROM = 2_000;

    /** A month's rows, and the cells changed since they were read with when that was told; {@code rows} null until read whole. */
    private static final class Month<V> {
        final ReentrantLock building = new ReentrantLock();
        Map<UUID, V> rows;
        final Map<UUID, Long> changed = new HashMap<>();
    }

    /** A build's month, claimed: the cells to read again ({@code cells} null: all), given back by {@link #read}. */
    final class Claim {
        private final Month<V> month;
        private final Set<UUID> cells;
        /** Read whole while changes to it may have gone untold (it was not kept): not kept either. */
        private final boolean keep;
        private boolean done;

        private Claim(Month<V> month, Set<UUID> cells, boolean keep) {
            this.month = month;
            this.cells = cells;
            this.keep = keep;
        }
    }

    private final Map<LocalDate, Month<V>> months;
    /** How many times changes were told (or everything forgotten). */
    private long told;

    KeptMonths(int capacity) {
        this.months = KeptByVersion.lastAsked(capacity);
    }

    /**
     * Rows changed by a batch that committed: {@code rows}, each a cell and the first day of a month, and, for
     * {@code fromMonth}, every month of each cell from that day's month on.
     */
    void changed(Collection<Map.Entry<UUID, LocalDate>> rows, Map<UUID, LocalDate> fromMonth) {
        synchronized (months) {
            long now = ++told;
            for (Map.Entry<UUID, LocalDate> row : rows) {
                Month<V> month = months.get(row.getValue());
                if (month != null) {
                    month.changed.put(row.getKey(), now);
                }
            }
            if (!fromMonth.isEmpty()) {
                months.forEach((first, month) -> fromMonth.forEach((cell, from) -> {
                    if (!first.isBefore(from.withDayOfMonth(1))) {
                        month.changed.put(cell, now);
                    }
                }));
            }
        }
    }

    /** Nothing read before can be trusted (the read models were emptied, or a change was not told cell by cell). */
    void forget() {
        synchronized (months) {
            told++;
            months.clear();
        }
    }

    /** The number of the last change told: read it before the build's transaction reads anything. */
    long told() {
        synchronized (months) {
            return told;
        }
    }

    /**
     * Claims {@code month} (its first day) for a build that read {@link #told()} as {@code asOf} before its snapshot,
     * waiting for a build of the month already running; then {@link #read} and {@link #release} (in a {@code finally}).
     */
    Claim claim(LocalDate month, long asOf) {
        Month<V> kept;
        synchronized (months) {
            kept = months.computeIfAbsent(month, m -> new Month<>());
        }
        kept.building.lock();
        synchronized (months) {
            boolean whole = kept.rows == null || kept.changed.size() > READ_WHOLE_FROM;
            Set<UUID> cells = whole ? null : new HashSet<>(kept.changed.keySet());
            kept.changed.values().removeIf(at -> at <= asOf);
            // changes told while it was not kept were not noted: if any came after asOf, this snapshot may lack them
            return new Claim(kept, cells, kept.rows != null || told == asOf);
        }
    }

    /**
     * The month's rows: those kept, with the claimed cells read again by {@code cells} (a cell it does not return
     * has no row any more), or all of them read by {@code whole}.
     */
    Map<UUID, V> read(Claim claim, Supplier<Map<UUID, V>> whole, Function<Set<UUID>, Map<UUID, V>> cells) {
        Month<V> month = claim.month;
        Map<UUID, V> rows;
        if (claim.cells == null) {
            rows = Collections.unmodifiableMap(whole.get());
        } else if (claim.cells.isEmpty()) {
            rows = month.rows;
        } else {
            Map<UUID, V> read = cells.apply(claim.cells);
            // a new map: the one kept may still be read by an earlier build's page
            Map<UUID, V> changed = new HashMap<>(month.rows);
            for (UUID cell : claim.cells) {
                V row = read.get(cell);
                if (row == null) {
                    changed.remove(cell);
                } else {
                    changed.put(cell, row);
                }
            }
            rows = Collections.unmodifiableMap(changed);
        }
        month.rows = claim.keep ? rows : null;
        claim.done = true;
        return rows;
    }

    /** Ends the claim's build; one that failed before its rows were read leaves its month to be read whole. */
    void release(Claim claim) {
        if (!claim.done) {
            claim.month.rows = null;
        }
        claim.month.building.unlock();
    }
}
