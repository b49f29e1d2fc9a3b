package vn.chibo.command.eventstore;

import java.lang.reflect.Field;
import java.util.LinkedHashMap;
import java.util.Map;

import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The aggregates of one type recently used, so a command does not read their whole stream again (issue 7): a
 * bounded least-recently-used map, made safe for our transactions, which may roll back after Axon's unit of work
 * has committed (the Idempotency-Key record, or the database commit itself, comes after it):
 * <ul>
 *   <li>a command <em>takes</em> its aggregate out of the cache ({@link #get} leaves only the version it had), so
 *   while its transaction runs nobody else can see the state it is changing; a concurrent command reads the stream
 *   from PostgreSQL and meets the unique (aggregate, sequence) key as it would without a cache;</li>
 *   <li>the changed aggregate goes back only once the transaction has committed, and never over a newer version
 *   (a command that changed nothing, having read the stream just before another one committed, must not put the
 *   older state back); after a rollback it does not go back, and the next command reads the stream.</li>
 * </ul>
 * With several command-service instances each has its own cache: a stale entry there makes the append clash on
 * the sequence number, the command is refused as a stale version (409) and the entry is dropped.
 */
public final class AggregateCache implements Cache {
    private static final Logger log = LoggerFactory.getLogger(AggregateCache.class);
    private static final Field VERSION = versionField();

    /**
     * What the cache holds for an id: the aggregate (null while a command has it), and its version. Changed in place
     * under the map's lock, not replaced: a cached aggregate's slot lives in the old generation, and two new slots a
     * command left two dead ones there, for the collector's next full collection (issue 7).
     */
    private static final class Slot {
        private Object value;
        private Long version;

        Slot(Object value, Long version) {
            this.value = value;
            this.version = version;
        }
    }

    private final Map<Object, Slot> slots;

    public AggregateCache(int maxEntries) {
        this.slots = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Object, Slot> eldest) {
                return size() > maxEntries;
            }
        };
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        synchronized (slots) {
            Slot slot = slots.get(key);
            if (slot == null || slot.value == null) {
                return null;
            }
            Object value = slot.value;
            slot.value = null;
            return (V) value;
        }
    }

    @Override
    public void put(Object key, Object value) {
        afterCommit(() -> store(key, value));
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        afterCommit(() -> store(key, value));
        return true;
    }

    @Override
    public boolean remove(Object key) {
        synchronized (slots) {
            Slot slot = slots.get(key);
            if (slot == null) {
                return false;
            }
            // keep the version: an older state must not come back after this
            boolean held = slot.value != null;
            slot.value = null;
            return held;
        }
    }

    @Override
    public void removeAll() {
        synchronized (slots) {
            slots.clear();
        }
    }

    @Override
    public boolean containsKey(Object key) {
        synchronized (slots) {
            Slot slot = slots.get(key);
            return slot != null && slot.value != null;
        }
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener cacheEntryListener) {
        return () -> true;
    }

    int size() {
        synchronized (slots) {
            return (int) slots.values().stream().filter(slot -> slot.value != null).count();
        }
    }

    private void store(Object key, Object value) {
        Long version = versionOf(value);
        if (VERSION == null && value instanceof AggregateCacheEntry<?>) {
            return;
        }
        synchronized (slots) {
            Slot slot = slots.get(key);
            if (slot == null) {
                slots.put(key, new Slot(value, version));
            } else if (slot.version == null || version == null || version >= slot.version) {
                slot.value = value;
                slot.version = version;
            }
        }
    }

    /** The version an Axon cache entry was saved at (it has no getter); null for other values. */
    private static Long versionOf(Object value) {
        if (VERSION == null || !(value instanceof AggregateCacheEntry<?>)) {
            return null;
        }
        try {
            return (Long) VERSION.get(value);
        } catch (IllegalAccessException e) {
            return null;
        }
    }

    private static Field versionField() {
        try {
            Field field = AggregateCacheEntry.class.getDeclaredField("version");
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException e) {
            // without versions an older state could be put back over a newer one: cache nothing rather than that
            log.warn("AggregateCacheEntry has no readable version; the aggregate cache stays empty", e);
            return null;
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
