package vn.chibo.query.eventstore;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import javax.sql.DataSource;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.interceptors.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.support.SQLStateSQLExceptionTranslator;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A projection written in plain SQL, whose poison events go to the dead-letter queue while the rest of the batch
 * commits. That needs each event applied inside a savepoint of the batch's transaction (when a handler fails, only
 * its statements are undone and PostgreSQL's transaction stays usable), but a savepoint costs two round trips per
 * event: a third of the time of a replay (measured in issue 7). So events run without one until something fails:
 * then the whole batch is rolled back (nothing of the failed event can stay half-written), it is retried by the
 * processor, and for a while every event of that projection gets its savepoint again ({@link Care}), so the poison
 * event is dead-lettered alone. {@link #beCareful(String)} asks for savepoints from now (the dead-letter retry does).
 * A batch that failed because PostgreSQL dropped its connection is retried as it was: that is no poison event.
 * <p>
 * Writes go through {@link #write} (kept and sent with the batch's other writes, {@link BatchedWrites}) or
 * {@link #sql} (at once, after whatever was kept, so a read sees every write before it), or {@link #writeNow} (a
 * write at once, after what was kept for its own table).
 */
public abstract class SqlProjection {
    /** Set while an event is applied inside its own savepoint: its writes are then sent at once. */
    private static final ThreadLocal<Boolean> IN_SAVEPOINT = new ThreadLocal<>();
    private static final String BATCH_BEGUN = SqlProjection.class.getName() + ".batchBegun";

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate named;
    private final DataSource dataSource;
    private final String writesKey = getClass().getName() + ".writes";
    private final Care care = Care.of(processingGroup(getClass()));

    protected SqlProjection(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(dataSource);
        this.dataSource = dataSource;
    }

    /**
     * The processing group a projection's class names, which its processor and its care go by; a class that names
     * none (a test's projection, run by no processor) keeps its care under its own name. PoisonBurstTest checks that
     * every projection of the service names a processor's group.
     */
    static String processingGroup(Class<?> projection) {
        ProcessingGroup group = AnnotationUtils.findAnnotation(projection, ProcessingGroup.class);
        return group == null ? projection.getName() : group.value();
    }

    /**
     * The schema whose tables a projection's statements name (they name tables alone, unqualified): the read model's
     * own, {@value #READ_MODEL}, unless this thread builds the read models beside it ({@link #schema()}).
     */
    public static final String READ_MODEL = "read_model";
    private static final ThreadLocal<String> SCHEMA = new ThreadLocal<>();

    /** The schema this thread's projection statements write: {@value #READ_MODEL} unless set by {@link #inSchema}. */
    public static String schema() {
        String schema = SCHEMA.get();
        return schema == null ? READ_MODEL : schema;
    }

    /** Whether this thread's projection statements write the served read models (not a replay's, beside them). */
    public static boolean writesServed() {
        return READ_MODEL.equals(schema());
    }

    /**
     * Names {@link #schema()} first in the transaction begun on this thread, before its first statement: for the
     * statements a projection's batch does not send itself (a dead-letter queue's, the token store's, a reset's).
     */
    public static void nameSchema(JdbcClient jdbc) {
        jdbc.sql("SELECT set_config('search_path', ?, true)").param(schema()).query().singleRow();
    }

    /** Runs {@code work} with this thread's projection statements in {@code schema} instead of {@value #READ_MODEL}. */
    public static void inSchema(String schema, Runnable work) {
        String before = SCHEMA.get();
        SCHEMA.set(schema);
        try {
            work.run();
        } finally {
            SCHEMA.set(before);
        }
    }

    /**
     * Runs {@code work} in a transaction of its own whose every statement, a projection's or not (a reset's, the token
     * store's), names {@code schema} first: {@link #inSchema}, and {@link #nameSchema} at the transaction's start.
     */
    public static void inSchemaTransaction(String schema, TransactionManager transactions, JdbcClient jdbc, Runnable work) {
        inSchema(schema, () -> transactions.executeInTransaction(() -> {
            nameSchema(jdbc);
            work.run();
        }));
    }

    /**
     * Every event of the projection of {@code processingGroup} gets its own savepoint for the next two minutes, in the
     * read models this thread writes (the served ones, or a replay's beside them).
     */
    public static void beCareful(String processingGroup) {
        Care.of(processingGroup).begin();
    }

    /** Whether this projection applies each event in a savepoint of its own now, in the read models this thread writes. */
    protected boolean careful() {
        return care.active();
    }

    /**
     * After a failure of the projection of {@code processingGroup}: care from now, in the read models this thread
     * writes, unless PostgreSQL dropped the connection (the batch or page is then applied again as it was).
     */
    public static void beCarefulAfter(String processingGroup, Throwable failure) {
        Care.of(processingGroup).after(failure);
    }

    /**
     * Whether the event being applied has a savepoint of its own: its writes are then sent at once, and whatever it
     * keeps for the batch instead would outlive the savepoint's rollback. Decided once per event, unlike
     * {@link #careful()}, whose two minutes may end while an event is applied.
     */
    protected static boolean inOwnSavepoint() {
        return Boolean.TRUE.equals(IN_SAVEPOINT.get());
    }

    /**
     * A write that reads no table but its own (an INSERT, UPDATE or DELETE of one table): within a batch it is kept
     * and sent with the others when the projection next reads or the batch is about to commit; a failure then fails
     * the whole batch, which the processor retries with every event on its own ({@link #careful()}), whose writes
     * are then sent at once, inside the event's savepoint.
     */
    protected void write(String statement, Object... params) {
        writeRow(null, statement, params);
    }

    /**
     * A {@link #write} that changes only the rows named by {@code row} (a task's id; a member and period as a list),
     * the same value for every statement of the table that changes those rows: within the batch it keeps its place
     * among the writes of those rows only, so the same statement for many rows goes as one JDBC batch.
     */
    protected void writeRow(Object row, String statement, Object... params) {
        // an event applied inside its own savepoint sends its statements at once, so a failure undoes exactly them
        BatchedWrites writes = inOwnSavepoint() ? null
                : perBatch(writesKey, BatchedWrites::new, this::flush);
        if (writes == null) {
            jdbc.sql(statement).params(params).update();
        } else {
            writes.add(statement, row, params);
        }
    }

    /**
     * A {@link #writeRow} that first tries to fold into that row's insert, if this batch still keeps it as the row's
     * last write ({@link BatchedWrites#fold}): the insert then becomes {@code folded}, with the parameters {@code amend}
     * makes of its own, and {@code statement} is not sent; otherwise {@code statement} is written as usual. Never
     * folded inside an event's own savepoint, whose rollback would not undo the change to a kept write.
     */
    protected void writeRowFolded(Object row, String insert, String folded, UnaryOperator<Object[]> amend,
                                  String statement, Object... params) {
        BatchedWrites kept = inOwnSavepoint() ? null : keptByBatch(writesKey);
        if (kept == null || !kept.fold(row, insert, folded, amend)) {
            writeRow(row, statement, params);
        }
    }

    /** A statement run at once, after the writes this batch has kept (a read sees them). */
    protected JdbcClient.StatementSpec sql(String statement) {
        sendKept();
        return jdbc.sql(statement);
    }

    /**
     * A write to one table run at once, for its count or what it returns, that reads no table but its own (as a kept
     * write): only that table's kept writes go before it, the other tables' stay kept. A meeting's attendance asks
     * whether its meeting row changed, once per meeting; sending every kept write then cut a replay's page of
     * summonses into small inserts (issue 7).
     */
    protected JdbcClient.StatementSpec writeNow(String statement) {
        BatchedWrites kept = keptByBatch(writesKey);
        if (kept != null && !kept.isEmpty()) {
            String table = BatchedWrites.table(statement);
            send(connection -> kept.flush(connection, table));
        }
        return jdbc.sql(statement);
    }

    /**
     * Runs one statement with named parameters for each entry of {@code params} as a single JDBC batch, after the
     * writes this batch has kept.
     */
    protected void batch(String statement, List<? extends Map<String, ?>> params) {
        if (params.isEmpty()) {
            return;
        }
        sendKept();
        named.batchUpdate(statement, params.stream().map(MapSqlParameterSource::new).toArray(SqlParameterSource[]::new));
    }

    /**
     * What the current batch of events keeps under {@code key}: made on first use, and handed to {@code beforeCommit}
     * when the batch is about to commit (a failure there fails the batch, which is then retried event by event, see
     * {@link #careful()}). Null outside a batch.
     */
    protected <T> T perBatch(String key, Supplier<T> make, Consumer<T> beforeCommit) {
        if (!CurrentUnitOfWork.isStarted()) {
            return null;
        }
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        return batch.getOrComputeResource(key, name -> {
            T kept = make.get();
            batch.onPrepareCommit(unit -> {
                try {
                    beforeCommit.accept(kept);
                } catch (RuntimeException e) {
                    care.after(e);
                    throw e;
                }
            });
            return kept;
        });
    }

    /** What the current batch keeps under {@code key}, if it made it already; null otherwise. */
    protected static <T> T keptByBatch(String key) {
        return CurrentUnitOfWork.isStarted() ? CurrentUnitOfWork.get().root().getResource(key) : null;
    }

    /** Sends the writes this batch has kept so far, if any. */
    private void sendKept() {
        BatchedWrites kept = keptByBatch(writesKey);
        if (kept != null && !kept.isEmpty()) {
            flush(kept);
        }
    }

    private void flush(BatchedWrites writes) {
        send(writes::flush);
    }

    /** Kept writes sent on the batch's connection; if that fails, the processor retries the batch event by event. */
    private void send(KeptWrites sending) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            sending.sendOn(connection);
        } catch (SQLException e) {
            care.after(e);
            throw new SQLStateSQLExceptionTranslator().translate("batched projection writes", null, e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    @FunctionalInterface
    private interface KeptWrites {
        void sendOn(Connection connection) throws SQLException;
    }

    @MessageHandlerInterceptor(messageType = EventMessage.class)
    public Object inSavepoint(InterceptorChain chain) throws Exception {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            if (connection.getAutoCommit()) {
                return chain.proceed();
            }
            // once per batch, before any savepoint (rolling one back would undo it)
            perBatch(BATCH_BEGUN, this::beginBatch, kept -> { });
            return careful() ? withSavepoint(connection, chain) : withoutSavepoint(chain);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /**
     * The event's statements inside a savepoint of their own. What earlier events of the batch kept is sent first,
     * outside it (careful mode may begin in the middle of a batch): rolling back to the savepoint must undo this
     * event's statements and only them; if that sending fails, the whole batch is retried.
     */
    private Object withSavepoint(Connection connection, InterceptorChain chain) throws Exception {
        try {
            sendKept();
        } catch (RuntimeException e) {
            failBatch(e);
            throw e;
        }
        Savepoint savepoint = connection.setSavepoint();
        IN_SAVEPOINT.set(Boolean.TRUE);
        try {
            Object result = chain.proceed();
            connection.releaseSavepoint(savepoint);
            return result;
        } catch (Exception e) {
            connection.rollback(savepoint);
            throw e;
        } finally {
            IN_SAVEPOINT.remove();
        }
    }

    private Object withoutSavepoint(InterceptorChain chain) throws Exception {
        try {
            return chain.proceed();
        } catch (Exception e) {
            failBatch(e);
            throw e;
        }
    }

    /**
     * What a projection's transaction sets first, in one statement: its plans, the schema its tables are in
     * ({@link #schema()}), and its {@link #writerLock()} if any.
     * <p>
     * A projection's batch lets PostgreSQL keep one plan per statement and connection, and plans by index only.
     * Every projection statement finds its rows through an index (a key, or a cell's rows), but the service's
     * connections plan each statement for its parameters (query-service.yml): a plan kept from a replay's empty
     * tables (a sequential scan, cheapest while a table is empty) made the dashboard crawl as they filled again.
     * Planning each statement, though, was ~40% of PostgreSQL's CPU in a replay; with sequential scans ruled out,
     * a kept plan stays an index look-up however small the table was when it was made (issue 7).
     */
    private Boolean beginBatch() {
        Long lock = writerLock();
        jdbc.sql("SELECT set_config('plan_cache_mode', 'auto', true), set_config('enable_seqscan', 'off', true), "
                        + "set_config('search_path', ?, true)"
                        + (lock == null ? "" : ", pg_advisory_xact_lock(" + lock + ")"))
                .param(schema()).query().singleRow();
        return Boolean.TRUE;
    }

    /**
     * An advisory lock each of this projection's transactions holds from its first event to its commit, or null for
     * none. For a projection whose rows are computed from other records' rows: its processor is one writer, but a
     * dead letter retried (on a request's thread, or another instance) is a second one, and two transactions that
     * recompute the same row from what each sees would keep only the last one's view. Taken in the statement the batch
     * sends first anyway, before any savepoint (rolling one back would release it).
     */
    protected Long writerLock() {
        return null;
    }

    /** The batch must not commit: the processor retries it, this time with a savepoint per event (but after an outage). */
    private void failBatch(Exception cause) {
        care.after(cause);
        if (TransactionSynchronizationManager.getResource(dataSource) instanceof ConnectionHolder holder) {
            holder.setRollbackOnly();
        }
    }
}
