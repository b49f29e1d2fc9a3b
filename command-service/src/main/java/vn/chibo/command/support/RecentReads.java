package vn.chibo.command.support;

import java.time.Duration;
import java.util.Map;
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
 * transaction that changed this table itself, nor while a change was being forgotten, is stored.
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
        Entry<V> known = entries.get(key);
        long now = System.nanoTime();
        if (known != null && now - known.readAt() < ttlNanos) {
            return known.value();
        }
        long before = changes.get();
        V value = read.apply(key);
        if (value != null && changes.get() == before && TransactionSynchronizationManager.getResource(this) == null) {
            if (entries.size() >= maxEntries) {
                entries.clear();
            }
            Entry<V> entry = new Entry<>(value, now);
            entries.put(key, entry);
            if (changes.get() != before) {
                // a change was forgotten between the check and the put: do not keep what may be its old row
                entries.remove(key, entry);
            }
        }
        return value;
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
