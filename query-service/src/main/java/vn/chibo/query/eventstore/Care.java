package vn.chibo.query.eventstore;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

import vn.chibo.events.problem.DatabaseOutage;

/**
 * Whether a projection applies each event inside a savepoint of its own ({@link SqlProjection}): for two minutes
 * after one of its batches failed, so that the poison event is dead-lettered alone when the batch is retried. Kept
 * per processing group, and apart for the served read models and for a replay's beside them: care costs a tenth of a
 * replay's rate (2,895 events/s against ~30,000 on the small bench, issue 7), and it was one flag for every
 * projection, so a poison event in one projection made the others, and a replay started in the next two minutes,
 * careful too.
 */
final class Care {
    private static final long NANOS = TimeUnit.MINUTES.toNanos(2);
    private static final ConcurrentMap<String, Care> BY_GROUP = new ConcurrentHashMap<>();

    private volatile long servedSince = longAgo();
    private volatile long besideSince = longAgo();

    private Care() {
    }

    /** The care of the projection of {@code processingGroup}. */
    static Care of(String processingGroup) {
        return BY_GROUP.computeIfAbsent(processingGroup, group -> new Care());
    }

    /** From now, for two minutes, for the read models this thread writes ({@link SqlProjection#writesServed()}). */
    void begin() {
        long now = System.nanoTime();
        if (SqlProjection.writesServed()) {
            servedSince = now;
        } else {
            besideSince = now;
        }
    }

    /** After a failure: care from now, unless PostgreSQL dropped the connection (retried as it was: no poison event). */
    void after(Throwable failure) {
        if (!DatabaseOutage.causes(failure)) {
            begin();
        }
    }

    /** Whether the read models this thread writes are in care now. */
    boolean active() {
        long since = SqlProjection.writesServed() ? servedSince : besideSince;
        return System.nanoTime() - since < NANOS;
    }

    /** Every projection's care ended (tests: the next failing batch is again a first failure). */
    static void endAll() {
        BY_GROUP.values().forEach(care -> {
            care.servedSince = longAgo();
            care.besideSince = longAgo();
        });
    }

    private static long longAgo() {
        return System.nanoTime() - NANOS;
    }
}
