package vn.chibo.command.eventstore;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import vn.chibo.events.store.EventStoreLayout;

/**
 * Holds every other append back until the current transaction commits, for a write that appends thousands of events
 * at once (a register import). Such a write holds the indexes of its events from its append to its commit, seconds
 * later, and the readers of the log forget an index they have not seen once they have read
 * {@link EventStoreLayout#GAP_WINDOW} indexes past it: appends committed meanwhile could carry every projection past
 * its events for good. Every append takes the same lock shared before it writes a row (the event table's statement
 * trigger, migration V5), so none commits past the held write: they wait for its commit instead, holding nothing it
 * could need.
 */
@Component
public class LogHold {
    /**
     * A write of up to this many events is not held: it commits within a second, and the rest of the gap window is more
     * than this machine appends in that time (issue 7: ~7,000 events/s at best). A cell's own register (tens of
     * members), the simulator's setup among them, does not stop the province's writes.
     */
    public static final int HOLD_ABOVE = 1_000;
    /**
     * The most events one write may append: its own and those appended by others that took their indexes just before
     * it and commit just after it must lie within the readers' gap window.
     */
    public static final int LARGEST_WRITE = EventStoreLayout.GAP_WINDOW / 2;
    /** The advisory lock's key, the same in migrations V4 and V5. */
    static final long LOCK = 7243;

    private final JdbcClient jdbc;

    public LogHold(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Waits for the appends in flight to commit, then holds back every other until this transaction ends. */
    public void holdUntilCommit() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("The log is held until a transaction commits: start one first");
        }
        jdbc.sql("SELECT pg_advisory_xact_lock(?)").param(LOCK).query((rs, n) -> 1).single();
    }
}
