package vn.chibo.query.dashboard;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Values built from the dashboard's tables, each kept for the version of those tables it was built at: how many
 * times an event that changes them has committed. A value is served again only while that version holds; the last
 * {@code capacity} keys asked for are kept. Used for the province-sized compliance pages ({@link DashboardVersion})
 * and the province's dearest counts ({@link ProvinceCounts}).
 */
final class KeptByVersion<K, V> {
    private record Kept<V>(long version, V value) {
    }

    private final AtomicLong version = new AtomicLong();
    private final Map<K, Kept<V>> kept;

    KeptByVersion(int capacity) {
        this.kept = lastAsked(capacity);
    }

    /** A map that keeps the {@code capacity} keys last asked for (read or written), forgetting the eldest. */
    static <K, V> Map<K, V> lastAsked(int capacity) {
        return new LinkedHashMap<>(capacity * 2, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }

    /** An event that changes what is kept has committed (called after its transaction committed). */
    void changed() {
        version.incrementAndGet();
    }

    /**
     * How many times what is kept has changed. Read it before the transaction that would build a value takes its
     * snapshot (its first statement): a change committed after that reading, seen or not by the build, then makes
     * the next ask build again, whereas a reading taken after the snapshot could keep a value older than it says.
     */
    long version() {
        return version.get();
    }

    /** The value for {@code key}: the kept one if nothing changed since {@code version}, else {@code build}'s, kept. */
    V get(K key, long version, Supplier<V> build) {
        return get(key, version, build, value -> true);
    }

    /** As {@link #get(Object, long, Supplier)}, keeping a value built only when {@code worthKeeping} says so. */
    V get(K key, long version, Supplier<V> build, Predicate<V> worthKeeping) {
        synchronized (kept) {
            Kept<V> known = kept.get(key);
            if (known != null && known.version() == version) {
                return known.value();
            }
        }
        V built = build.get();
        if (worthKeeping.test(built)) {
            synchronized (kept) {
                // a value built under an older version does not replace one kept under a newer version
                kept.merge(key, new Kept<>(version, built), (old, now) -> now.version() >= old.version() ? now : old);
            }
        }
        return built;
    }
}
