package vn.chibo.query.eventstore;

import java.sql.Connection;
import java.sql.Savepoint;

import javax.sql.DataSource;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.interceptors.MessageHandlerInterceptor;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A projection written in plain SQL. Each event is applied inside a savepoint of the batch's transaction: when
 * a handler fails, only that event's statements are undone, PostgreSQL's transaction stays usable, and the
 * event goes to the dead-letter queue in the same transaction while the rest of the batch commits.
 */
public abstract class SqlProjection {
    protected final JdbcClient jdbc;
    private final DataSource dataSource;

    protected SqlProjection(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    @MessageHandlerInterceptor(messageType = EventMessage.class)
    public Object inSavepoint(InterceptorChain chain) throws Exception {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        if (connection.getAutoCommit()) {
            return chain.proceed();
        }
        Savepoint savepoint = connection.setSavepoint();
        try {
            Object result = chain.proceed();
            connection.releaseSavepoint(savepoint);
            return result;
        } catch (Exception e) {
            connection.rollback(savepoint);
            throw e;
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }
}
