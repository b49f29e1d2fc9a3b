package vn.chibo.query.eventstore;

import java.sql.Connection;
import java.sql.Savepoint;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.interceptors.MessageHandlerInterceptor;
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
 * processor, and for a while every event of every projection gets its savepoint again, so the poison event is
 * dead-lettered alone. {@link #beCareful()} asks for savepoints from now (the dead-letter retry does).
 */
public abstract class SqlProjection {
    private static final long CAREFUL_NANOS = TimeUnit.MINUTES.toNanos(2);
    private static volatile long carefulSince = System.nanoTime() - CAREFUL_NANOS;

    protected final JdbcClient jdbc;
    private final DataSource dataSource;

    protected SqlProjection(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    /** Every event of every projection gets its own savepoint for the next two minutes. */
    public static void beCareful() {
        carefulSince = System.nanoTime();
    }

    protected static boolean careful() {
        return System.nanoTime() - carefulSince < CAREFUL_NANOS;
    }

    @MessageHandlerInterceptor(messageType = EventMessage.class)
    public Object inSavepoint(InterceptorChain chain) throws Exception {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            if (connection.getAutoCommit()) {
                return chain.proceed();
            }
            return careful() ? withSavepoint(connection, chain) : withoutSavepoint(chain);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    private static Object withSavepoint(Connection connection, InterceptorChain chain) throws Exception {
        Savepoint savepoint = connection.setSavepoint();
        try {
            Object result = chain.proceed();
            connection.releaseSavepoint(savepoint);
            return result;
        } catch (Exception e) {
            connection.rollback(savepoint);
            throw e;
        }
    }

    private Object withoutSavepoint(InterceptorChain chain) throws Exception {
        try {
            return chain.proceed();
        } catch (Exception e) {
            beCareful();
            if (TransactionSynchronizationManager.getResource(dataSource) instanceof ConnectionHolder holder) {
                // the batch must not commit: the processor retries it, this time with a savepoint per event
                holder.setRollbackOnly();
            }
            throw e;
        }
    }
}
