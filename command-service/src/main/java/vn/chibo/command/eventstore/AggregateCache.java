package vn.chibo.command.eventstore;

import java.util.LinkedHashMap;
import java.util.Map;

import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The aggregates of one type recently used, so a command does not read their whole stream again (issue 7): a
 * bounded least-recently-used map, made safe for our transactions, which may roll back after Axon's unit of work
 * has committed (the Idempotency-Key record, or the database commit itself, comes after it):
 * <ul>
 *   <li>a command <em>takes</em> its aggregate out of the cache ({@link #get} removes it), so while its transaction
 *   runs nobody else can see the state it is changing; a concurrent command reads the stream from PostgreSQL and
 *   meets the unique (aggregate, sequence) key as it would without a cache;</li>
 *   <li>the changed aggregate goes back only once the transaction has committed; after a rollback it does not go
 *   back, and the next command reads the stream.</li>
 * </ul>
 * With several command-service instances each has its own cache: a stale entry there makes the append clash on
 * the sequence number, the command is refused as a stale version (409) and the entry is dropped.
 */
public final class AggregateCache implements Cache {
    private final Map<Object, Object> entries;

    public AggregateCache(int maxEntries) {
        this.entries = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Object, Object> eldest) {
                return size() > maxEntries;
            }
        };
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        synchronized (entries) {
            return (V) entries.remove(key);
        }
    }

    @Override
    public void put(Object key, Object value) {
        afterCommit(() -> {
            synchronized (entries) {
                entries.put(key, value);
            }
        });
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        afterCommit(() -> {
            synchronized (entries) {
                entries.putIfAbsent(key, value);
            }
        });
        return true;
    }

    @Override
    public boolean remove(Object key) {
        synchronized (entries) {
            return entries.remove(key) != null;
        }
    }

    @Override
    public void removeAll() {
        synchronized (entries) {
            entries.clear();
        }
    }

    @Override
    public boolean containsKey(Object key) {
        synchronized (entries) {
            return entries.containsKey(key);
        }
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener cacheEntryListener) {
        return () -> true;
    }

    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    private static void afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }
}
