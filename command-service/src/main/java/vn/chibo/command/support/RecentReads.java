package vn.chibo.command.support;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What was recently read from a table that rarely changes (accounts, rule sets), kept for a short time so every
 * request does not ask PostgreSQL again. Whoever changes the table here calls {@link #forget}: the entry goes at
 * once and again when the changing transaction ends (a reader may have put back the old row meanwhile). Another
 * instance of the service sees a change at most {@code ttl} later. Only committed rows are kept: nothing read by a
 * transaction that changed this table itself, nor while a change was being forgotten, is stored; a row this service
 * writes is kept once its transaction commits ({@link #keepWhenCommitted}).
 */
public final class RecentReads<K, V> {
    private record Entry<V>(V value, long readAt) {
    }

    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final AtomicLong changes = new AtomicLong();
    private final long ttlNanos;
    private final int maxEntries;

    public RecentReads(Duration ttl, int maxEntries) {
        this.ttlNanos = ttl.toNanos();
        this.maxEntries = maxEntries;
    }

    public V get(K key, Function<K, V> read) {
        long now = System.nanoTime();
        V known = known(key, now);
        if (known != null) {
            return known;
        }
        long before = changes.get();
        V value = read.apply(key);
        keep(key, value, now, before);
        return value;
    }

    /**
     * The values of {@code keys} that exist: those kept, and the others read together by {@code read} (given the keys
     * not kept, it answers the ones it found): one query for a sheet of 25 members instead of 25.
     */
    public Map<K, V> getAll(Collection<K> keys, Function<Set<K>, Map<K, V>> read) {
        long now = System.nanoTime();
        Map<K, V> values = new HashMap<>();
        Set<K> missing = new LinkedHashSet<>();
        for (K key : keys) {
            V known = known(key, now);
            if (known != null) {
                values.put(key, known);
            } else {
                missing.add(key);
            }
        }
        if (!missing.isEmpty()) {
            long before = changes.get();
            read.apply(missing).forEach((key, value) -> {
                if (value != null) {
                    keep(key, value, now, before);
                    values.put(key, value);
                }
            });
        }
        return values;
    }

    private V known(K key, long now) {
        Entry<V> known = entries.get(key);
        return known != null && now - known.readAt() < ttlNanos ? known.value() : null;
    }

    /** Keeps what was read, unless it may be stale: a change was forgotten since, or this transaction changes the table. */
    private void keep(K key, V value, long readAt, long changesBefore) {
        if (value != null && changes.get() == changesBefore && TransactionSynchronizationManager.getResource(this) == null) {
            if (entries.size() >= maxEntries) {
                entries.clear();
            }
            Entry<V> entry = new Entry<>(value, readAt);
            entries.put(key, entry);
            if (changes.get() != changesBefore) {
                // a change was forgotten between the check and the put: do not keep what may be its old row
                entries.remove(key, entry);
            }
        }
    }

    /**
     * A row the current transaction has just written, kept once it commits, so the writes that follow it need not read
     * it back (nothing is kept when the transaction rolls back, nor when a change of the table was forgotten
     * meanwhile). With no transaction synchronization active (no transaction to wait for) it is kept at once.
     */
    public void keepWhenCommitted(K key, V value) {
        long before = changes.get();
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            keep(key, value, System.nanoTime(), before);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                keep(key, value, System.nanoTime(), before);
            }
        });
    }

    /**
     * The row of {@code key} changed (or is changing in the current transaction): read it again next time. When
     * that transaction ends, everything is read again.
     */
    public void forget(K key) {
        changes.incrementAndGet();
        entries.remove(key);
        if (TransactionSynchronizationManager.isSynchronizationActive() && TransactionSynchronizationManager.getResource(this) == null) {
            TransactionSynchronizationManager.bindResource(this, Boolean.TRUE);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(RecentReads.this);
                    changes.incrementAndGet();
                    entries.clear();
                }
            });
        }
    }
}
