package vn.chibo.query.replay;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.axonframework.common.transaction.TransactionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

import vn.chibo.query.eventstore.SqlProjection;

/**
 * The read models built beside the ones the service answers from (DESIGN §5: "rebuilt from the log while the old one
 * keeps serving, then swapped"). A replay fills the empty tables of schema {@value #NEXT}, the same tables as
 * {@code read_model}'s with the same columns, checks, keys, index names, storage settings and statistics targets, the projections' tokens
 * and dead letters included; then one transaction moves the served tables out and these in, and drops the old ones.
 * <p>
 * The indexes that no projection's write reads (listed in {@code read_model.rebuild_deferred_index}, migration V8) are
 * built once at the end from the whole tables instead of key by key: in a year's log their keys come in random order
 * (2.4 million tasks, 2.6 million ratings). Until the swap nothing of the served read models changes, so a replay cut
 * short (a failure, the service stopped or dead) leaves them whole, with their tokens: what it had built is dropped,
 * at the next replay or the next start.
 */
final class ReadModelBeside {
    /** The schema the read models are built in during a replay. */
    static final String NEXT = "read_model_next";
    private static final String SERVED = SqlProjection.READ_MODEL;
    /** Where the served tables go at the swap, to be dropped once it has committed ({@link #dropOld()}). */
    private static final String OLD = "read_model_old";
    /** The read side's tables that are not part of what a replay rebuilds. */
    private static final List<String> KEPT = List.of("flyway_schema_history", "rebuild_deferred_index");
    /** Memory for sorting an index's keys: with PostgreSQL's default of 64 MB the task indexes sort on disk. */
    private static final String SORT_MEMORY = "256MB";
    /** The longest a swap's try makes the pages wait for PostgreSQL to cancel an autovacuum: see {@link #heldByAutovacuum}. */
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(3);
    /** How many connections build the indexes and analyse the tables at the end: two cores here (issue 7). */
    private static final int FINISHERS = 2;

    private static final Logger log = LoggerFactory.getLogger(ReadModelBeside.class);

    /** An index of a served table, and the statement that builds it in {@value #NEXT}. */
    record Index(String name, String table, String definition) {
    }

    /** The advisory lock of the replay's lease (the dashboard's writer holds 7244, the command-service's log 7243). */
    static final long LEASE = 7245;

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final TransactionManager transactions;
    private volatile Connection lease;
    /**
     * How long the swap waits for the queries under way on the served tables each time (the pages asked meanwhile
     * wait behind it), and for how long it tries again.
     */
    private final Duration swapWait;
    private final Duration swapPatience;
    /** This instance's name in the tokens' claims. */
    private final String self;
    private List<String> tables = List.of();
    private volatile List<Index> deferred = List.of();

    ReadModelBeside(JdbcClient jdbc, DataSource dataSource, TransactionManager transactions, String self) {
        this(jdbc, dataSource, transactions, self, Duration.ofMillis(200), Duration.ofMinutes(2));
    }

    ReadModelBeside(JdbcClient jdbc, DataSource dataSource, TransactionManager transactions, String self,
                    Duration swapWait, Duration swapPatience) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.self = self;
        this.transactions = transactions;
        this.swapWait = swapWait;
        this.swapPatience = swapPatience;
    }

    /**
     * Makes {@value #NEXT} afresh: every table of the read side but Flyway's and the list of deferred indexes, empty,
     * with what the served one has but its deferred indexes; the tokens' rows copied (their positions are set by the
     * replay), with no owner.
     */
    void prepare() {
        transactions.executeInTransaction(() -> {
            // definitions read with their schema named, whatever the search path of the connection
            jdbc.sql("SELECT set_config('search_path', 'pg_catalog', true)").query().singleRow();
            refuseWhatCannotBeCloned();
            jdbc.sql("DROP SCHEMA IF EXISTS " + NEXT + " CASCADE").update();
            jdbc.sql("CREATE SCHEMA " + NEXT).update();
            tables = servedTables();
            Map<String, String> settings = storageSettings(SERVED);
            List<String> deferredNames = jdbc.sql("SELECT index_name FROM " + SERVED + ".rebuild_deferred_index")
                    .query(String.class).list();
            List<Index> toBuild = new ArrayList<>();
            for (String table : tables) {
                String served = SERVED + "." + quoted(table);
                String next = NEXT + "." + quoted(table);
                jdbc.sql("CREATE TABLE " + next + " (LIKE " + served + " INCLUDING ALL EXCLUDING INDEXES)").update();
                // the served table's settings, but no autovacuum until the swap gives them back: it vacuumed and
                // analysed every growing table again and again on the cores the replay runs on, and at the swap it
                // held the tables' locks
                String options = settings.get(table);
                if (options != null) {
                    jdbc.sql("ALTER TABLE " + next + " SET (" + options + ")").update();
                }
                jdbc.sql("ALTER TABLE " + next + " SET (autovacuum_enabled = false)").update();
                // a column's statistics target (V13), which LIKE does not copy
                jdbc.sql("""
                                SELECT 'ALTER TABLE %s ALTER COLUMN ' || quote_ident(attname) || ' SET STATISTICS ' || attstattarget
                                  FROM pg_attribute WHERE attrelid = ?::regclass AND attnum > 0 AND NOT attisdropped
                                   AND attstattarget >= 0 ORDER BY attnum""".formatted(next))
                        .param(served).query(String.class).list().forEach(statement -> jdbc.sql(statement).update());
                // keys and unique constraints under their own names: later migrations name them
                jdbc.sql("""
                                SELECT 'ALTER TABLE %s ADD CONSTRAINT ' || quote_ident(conname) || ' ' || pg_get_constraintdef(oid)
                                  FROM pg_constraint WHERE conrelid = ?::regclass AND contype IN ('p', 'u', 'x') ORDER BY conname"""
                                .formatted(next))
                        .param(served).query(String.class).list().forEach(statement -> jdbc.sql(statement).update());
                List<Index> indexes = jdbc.sql("""
                                SELECT c.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                                 WHERE i.indrelid = ?::regclass
                                   AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
                                 ORDER BY c.relname""")
                        .param(served)
                        .query((row, n) -> new Index(row.getString(1), table, inNext(row.getString(2)))).list();
                for (Index index : indexes) {
                    if (deferredNames.contains(index.name())) {
                        toBuild.add(index);
                    } else {
                        jdbc.sql(index.definition()).update();
                    }
                }
            }
            if (tables.contains("token_entry")) {
                jdbc.sql("INSERT INTO " + NEXT + ".token_entry (processor_name, segment, token, token_type, timestamp) "
                        + "SELECT processor_name, segment, token, token_type, timestamp FROM " + SERVED + ".token_entry").update();
            }
            deferred = List.copyOf(toBuild);
        });
        log.info("Replay: {} tables made in {}, {} indexes to build at the end", tables.size(), NEXT, deferred.size());
    }

    /**
     * The clone copies tables, their checks, keys, indexes, storage settings and statistics targets; anything else in the read side's
     * schema would be lost or broken by the swap (a sequence would stay with the old table and be dropped with it, a
     * view would be dropped with the old tables, a foreign key would not be copied). None exists (V1-V14); a migration
     * that adds one must teach the clone first, and until then a replay refuses to start.
     */
    private void refuseWhatCannotBeCloned() {
        List<String> others = jdbc.sql("""
                        SELECT c.relname::text || ' (' || c.relkind::text || ')' FROM pg_class c
                         WHERE c.relnamespace = ?::regnamespace AND c.relkind NOT IN ('r', 'i')
                        UNION ALL
                        SELECT conname::text || ' (foreign key)' FROM pg_constraint WHERE connamespace = ?::regnamespace AND contype = 'f'
                        UNION ALL
                        SELECT stxname::text || ' (statistics)' FROM pg_statistic_ext WHERE stxnamespace = ?::regnamespace""")
                .params(SERVED, SERVED, SERVED).query(String.class).list();
        if (!others.isEmpty()) {
            throw new IllegalStateException("The read side holds what a replay cannot build beside it: " + others);
        }
    }

    /** The storage settings of a schema's tables that have any ({@code fillfactor=50, ...}), by table. */
    private Map<String, String> storageSettings(String schema) {
        return jdbc.sql("""
                        SELECT relname, array_to_string(reloptions, ', ') FROM pg_class
                         WHERE relnamespace = ?::regnamespace AND relkind = 'r' AND reloptions IS NOT NULL""")
                .param(schema).query((row, n) -> Map.entry(row.getString(1), row.getString(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** The tables of the read side a replay rebuilds, by name. */
    private List<String> servedTables() {
        return jdbc.sql("SELECT tablename FROM pg_tables WHERE schemaname = ? ORDER BY tablename").param(SERVED)
                .query(String.class).list().stream().filter(table -> !KEPT.contains(table)).toList();
    }

    /** The statement that builds a served table's index on its table in {@value #NEXT}, under the same name. */
    private static String inNext(String definition) {
        String on = " ON " + SERVED + ".";
        int at = definition.indexOf(on);
        if (at < 0) {
            throw new IllegalStateException("An index not on a table of " + SERVED + ": " + definition);
        }
        return definition.substring(0, at) + " ON " + NEXT + "." + definition.substring(at + on.length());
    }

    /** How many of the indexes built at the end are still to build. */
    int deferredToBuild() {
        return deferred.size();
    }

    /**
     * Builds the deferred indexes from the filled tables, then gives the planner their statistics: table by table, the
     * largest first, on {@value #FINISHERS} connections at once (this thread and another; two index sorts may then take
     * twice {@value #SORT_MEMORY} of PostgreSQL's memory). An index's sort and a table's analysis each keep one backend
     * busy while the service waits: on the bench's database of 1.2 million ratings the seven indexes and 25 analyses
     * took 6.7-7.4 s one after the other, 4.9-5.5 s on two connections (issue 7). A table's indexes come before its
     * analysis, which waits for them anyway (their locks conflict). After a failure, or once {@code stopped} says so (or
     * this thread is interrupted), no table is begun; the tables under way end first, so nothing is left writing into
     * what a replay given up discards, and then the failure is thrown.
     */
    void finish(BooleanSupplier stopped) {
        long start = System.nanoTime();
        Queue<String> left = new ConcurrentLinkedQueue<>(jdbc.sql("""
                        SELECT c.relname FROM pg_class c WHERE c.relnamespace = ?::regnamespace AND c.relkind = 'r'
                         ORDER BY pg_relation_size(c.oid) DESC, c.relname""")
                .param(NEXT).query(String.class).list().stream().filter(tables::contains).toList());
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean givenUp = new AtomicBoolean();
        Runnable finisher = () -> {
            while (failure.get() == null && !givenUp.get() && !stopped.getAsBoolean() && !Thread.currentThread().isInterrupted()) {
                String table = left.poll();
                if (table == null) {
                    return;
                }
                try {
                    finish(table);
                } catch (Throwable e) {
                    if (!failure.compareAndSet(null, e)) {
                        failure.get().addSuppressed(e);
                    }
                }
            }
        };
        List<Thread> others = new ArrayList<>();
        try {
            for (int i = 1; i < FINISHERS; i++) {
                Thread other = new Thread(finisher, "replay-finish-" + i);
                other.setDaemon(true);
                other.start();
                others.add(other);
            }
            finisher.run();
        } finally {
            awaitEnd(others, givenUp);
        }
        Throwable failed = failure.get();
        if (failed instanceof RuntimeException e) {
            throw e;
        }
        if (failed instanceof Error e) {
            throw e;
        }
        if (failed != null) {
            throw new IllegalStateException("Finishing the read models beside failed", failed);
        }
        if (!left.isEmpty()) {
            throw new IllegalStateException("The service stops: " + left.size() + " tables beside were not finished");
        }
        log.info("Replay: {} tables indexed and analysed in {} ms", tables.size(), (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * Waits for the other finishers to end, however long their statements take: an interrupt only keeps them from
     * beginning another table.
     */
    private static void awaitEnd(List<Thread> others, AtomicBoolean givenUp) {
        boolean interrupted = false;
        for (Thread other : others) {
            while (other.isAlive()) {
                try {
                    other.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                    givenUp.set(true);
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** One table's deferred indexes, then its statistics (a table filled since it was made has none). */
    private void finish(String table) {
        for (Index index : deferredOf(table)) {
            long start = System.nanoTime();
            transactions.executeInTransaction(() -> {
                jdbc.sql("SELECT set_config('maintenance_work_mem', '" + SORT_MEMORY + "', true)").query().singleRow();
                jdbc.sql(index.definition()).update();
            });
            built(index);
            log.info("Replay: index {} built in {} ms", index.name(), (System.nanoTime() - start) / 1_000_000);
        }
        long start = System.nanoTime();
        jdbc.sql("ANALYZE " + NEXT + "." + quoted(table)).update();
        log.debug("Replay: {} analysed in {} ms", table, (System.nanoTime() - start) / 1_000_000);
    }

    private synchronized List<Index> deferredOf(String table) {
        return deferred.stream().filter(index -> index.table().equals(table)).toList();
    }

    private synchronized void built(Index index) {
        deferred = deferred.stream().filter(left -> !left.equals(index)).toList();
    }

    /**
     * In one transaction: the served tables out, the rebuilt ones in under the same names ({@link #dropOld()} after). A
     * query under way finishes on the old tables first; the next ones read the new. The swap takes the tables' locks
     * one after the other, holding those it has: it waits {@code swapWait} at most for each (the pages asked meanwhile
     * wait behind it), then lets go of all and tries again after a short pause, for {@code swapPatience}: a long export
     * keeps its tables, and the pages are not held behind it. Tables an autovacuum held are locked first in the next
     * try, past {@code deadlock_timeout}, for PostgreSQL to cancel it ({@link #heldByAutovacuum}). The tables of
     * the read side must be those of {@link #prepare()} (no migration in between), and no other instance may be
     * projecting into them.
     */
    void swap(BooleanSupplier stopped) {
        long giveUpAt = System.nanoTime() + swapPatience.toNanos();
        // the autovacuums (a worker on a table) already waited on past deadlock_timeout: one still there was not
        // cancelled (anti-wraparound); a worker cancelled goes on to its next table, which is another
        Set<Vacuumed> waitedOn = new HashSet<>();
        Held first = Held.NONE;
        for (int tried = 1; ; tried++) {
            try {
                long start = System.nanoTime();
                swapOnce(first);
                log.info("Replay: swapped in {} ms ({} tries)", (System.nanoTime() - start) / 1_000_000, tried);
                return;
            } catch (RuntimeException e) {
                // a lock not had in time, or a deadlock with a query reading two tables: nothing was moved
                if (!lockNotHad(e)) {
                    throw e;
                }
                if (System.nanoTime() > giveUpAt) {
                    throw new IllegalStateException("The read models could not be swapped: queries held their tables for "
                            + swapPatience.toSeconds() + " s (" + tried + " tries)", e);
                }
                if (stopped.getAsBoolean()) {
                    throw new IllegalStateException("The service stops: the read models were not swapped", e);
                }
                first = heldByAutovacuum(waitedOn);
                try {
                    Thread.sleep(ThreadLocalRandom.current().nextLong(swapWait.toMillis() / 4 + 1, swapWait.toMillis() + 2));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("The swap of the read models was interrupted", interrupted);
                }
            }
        }
    }

    /**
     * Drops the old read models once the new ones are served: apart from the swap, as dropping a year's tables
     * (unlinking their files at the commit) took seconds, and the swap held the served names' locks meanwhile.
     */
    void dropOld() {
        long start = System.nanoTime();
        jdbc.sql("DROP SCHEMA IF EXISTS " + OLD + " CASCADE").update();
        log.info("Replay: the old read models dropped in {} ms", (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * Takes the replay's lease: an advisory lock held on a connection of its own from a replay's start to its end, so
     * that one instance at a time builds beside the served read models (another would drop what it builds). False
     * when another instance holds it.
     */
    boolean lease() {
        try {
            Connection connection = dataSource.getConnection();
            try (Statement statement = connection.createStatement();
                 ResultSet leased = statement.executeQuery("SELECT pg_try_advisory_lock(" + LEASE + ")")) {
                if (leased.next() && leased.getBoolean(1)) {
                    lease = connection;
                    return true;
                }
            }
            connection.close();
            return false;
        } catch (SQLException e) {
            throw new IllegalStateException("The replay's lease could not be asked for", e);
        }
    }

    /** Gives the lease back (and its connection). */
    void unlease() {
        Connection connection = lease;
        lease = null;
        if (connection == null) {
            return;
        }
        try (connection; Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_unlock(" + LEASE + ")");
        } catch (SQLException e) {
            log.warn("Giving the replay's lease back failed; it ends with its connection", e);
        }
    }

    /** At a start: drops what a replay cut short had built, unless another instance's replay is building it now. */
    void discardUnlessLeased() {
        if (lease()) {
            try {
                discard();
            } finally {
                unlease();
            }
        }
    }

    /**
     * Whether a node other than this one holds a claim on a projection's segment: another instance of the service
     * projecting into the served read models. Its writes would go on during the replay and be lost at the swap, and
     * its processors, storing their tokens into the swapped tables, would apply again what the replay applied.
     */
    boolean projectedElsewhere() {
        return jdbc.sql("SELECT count(*) FROM " + SERVED + ".token_entry WHERE owner IS NOT NULL AND owner <> ?")
                .param(self).query(Long.class).single() > 0;
    }

    /** Whether PostgreSQL refused a lock: waited too long (55P03), or a deadlock (40P01). */
    private static boolean lockNotHad(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && ("55P03".equals(sql.getSQLState()) || "40P01".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /** The tables a swap locks first, each for {@code lockTimeout} at most, before it locks the others as usual. */
    private record Held(List<String> tables, Duration lockTimeout) {
        static final Held NONE = new Held(List.of(), Duration.ZERO);
    }

    /** A table of a schema the swap locks, held by an autovacuum worker ({@code pid}). */
    record Vacuumed(String schema, String table, int pid) {
    }

    /**
     * PostgreSQL cancels an autovacuum that holds a lock only for a lock waited on past {@code deadlock_timeout} (1 s
     * by default), never for a shorter wait: the swap's tries of 200 ms would wait for the worker to end, minutes for
     * a year's table with its cost delay, and the replay fail after two minutes of tries. So after a try that failed,
     * the tables autovacuum holds (served ones after a month's end of ratings, or vacuumed after the last replay) are
     * locked first in the next try, for {@code deadlock_timeout} and {@code swapWait} more, holding no other table
     * meanwhile: only the pages that read those tables wait that long, and none can deadlock with the swap. A worker
     * is waited on that long once per table (an anti-wraparound vacuum is never cancelled), and none is when
     * {@code deadlock_timeout} and {@code swapWait} together are longer than {@link #LONGEST_WAIT}.
     */
    private Held heldByAutovacuum(Set<Vacuumed> waitedOn) {
        List<Vacuumed> held = vacuumsHolding().stream()
                .filter(vacuumed -> !SERVED.equals(vacuumed.schema()) || tables.contains(vacuumed.table()))
                .filter(vacuumed -> !waitedOn.contains(vacuumed))
                .toList();
        if (held.isEmpty()) {
            return Held.NONE;
        }
        // told once per worker and table, whether waited on or not
        waitedOn.addAll(held);
        long deadlockTimeout = jdbc.sql("SELECT setting::bigint FROM pg_catalog.pg_settings WHERE name = 'deadlock_timeout'")
                .query(Long.class).single();
        Duration wait = Duration.ofMillis(deadlockTimeout).plus(swapWait);
        if (wait.compareTo(LONGEST_WAIT) > 0) {
            log.info("Replay: autovacuum holds {}; deadlock_timeout is too long for the swap to wait past it", held);
            return Held.NONE;
        }
        log.info("Replay: autovacuum holds {}; the next try waits {} ms for them, for PostgreSQL to cancel it",
                held, wait.toMillis());
        return new Held(held.stream().map(vacuumed -> vacuumed.schema() + "." + quoted(vacuumed.table())).distinct().toList(),
                wait);
    }

    /**
     * The tables of the schemas a swap locks ({@value #NEXT}, the served one, {@value #OLD}) that an autovacuum worker
     * holds a lock on. A role without {@code pg_read_all_stats} is not shown a worker's {@code backend_type}, only a
     * row with no user: a process of the server's own, which on a primary is an autovacuum worker among those that
     * lock a table (client backends and background workers, parallel ones too, show their user).
     */
    List<Vacuumed> vacuumsHolding() {
        return jdbc.sql("""
                        SELECT DISTINCT n.nspname, c.relname, l.pid
                          FROM pg_catalog.pg_locks l
                          JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid
                          JOIN pg_catalog.pg_class c ON c.oid = l.relation
                          JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                         WHERE coalesce(a.backend_type = 'autovacuum worker', a.usesysid IS NULL)
                           AND l.granted AND c.relkind = 'r' AND n.nspname IN (?, ?, ?)
                           AND l.database = (SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database())""")
                .params(SERVED, NEXT, OLD)
                .query((row, n) -> new Vacuumed(row.getString(1), row.getString(2), row.getInt(3)))
                .list();
    }

    private void swapOnce(Held first) {
        transactions.executeInTransaction(() -> {
            jdbc.sql("SELECT set_config('search_path', 'pg_catalog', true), set_config('lock_timeout', ?, true)")
                    .param((first.tables().isEmpty() ? swapWait : first.lockTimeout()).toMillis() + "ms").query().singleRow();
            if (!first.tables().isEmpty()) {
                jdbc.sql("LOCK TABLE " + String.join(", ", first.tables()) + " IN ACCESS EXCLUSIVE MODE").update();
                jdbc.sql("SELECT set_config('lock_timeout', ?, true)").param(swapWait.toMillis() + "ms").query().singleRow();
            }
            List<String> served = servedTables();
            if (!served.equals(tables)) {
                throw new IllegalStateException("The read side's tables changed during the replay: " + tables + " then " + served);
            }
            // every table at once, before any is moved: a query reading two of them meets the swap whole or not at all
            jdbc.sql("LOCK TABLE " + String.join(", ", tables.stream().map(t -> SERVED + "." + quoted(t)).toList())
                    + " IN ACCESS EXCLUSIVE MODE").update();
            if (projectedElsewhere()) {
                throw new IllegalStateException("Another instance of the service projects into the read models: "
                        + "the replay's would lose its writes and take its tokens");
            }
            Map<String, String> settings = storageSettings(SERVED);
            jdbc.sql("DROP SCHEMA IF EXISTS " + OLD + " CASCADE").update();
            jdbc.sql("CREATE SCHEMA " + OLD).update();
            for (String table : tables) {
                String name = SERVED + "." + quoted(table);
                jdbc.sql("ALTER TABLE " + name + " SET SCHEMA " + OLD).update();
                jdbc.sql("ALTER TABLE " + NEXT + "." + quoted(table) + " SET SCHEMA " + SERVED).update();
                // the served table's storage settings, autovacuum again
                jdbc.sql("ALTER TABLE " + name + " RESET (autovacuum_enabled)").update();
                String options = settings.get(table);
                if (options != null) {
                    jdbc.sql("ALTER TABLE " + name + " SET (" + options + ")").update();
                }
            }
            jdbc.sql("DROP SCHEMA " + NEXT).update();
        });
    }

    /** Drops whatever a replay built and did not swap in (none is running on this instance). */
    void discard() {
        jdbc.sql("DROP SCHEMA IF EXISTS " + NEXT + " CASCADE").update();
        // and the old read models, if the service stopped between the swap and their drop
        jdbc.sql("DROP SCHEMA IF EXISTS " + OLD + " CASCADE").update();
        deferred = List.of();
    }

    private static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
