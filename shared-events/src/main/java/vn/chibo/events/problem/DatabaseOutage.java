package vn.chibo.events.problem;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * Whether an error means that PostgreSQL could not be reached or dropped the connection (a restart, a failover, a
 * connection ended by an administrator): the request may simply be sent again, and the service answers
 * {@link Problem#UNAVAILABLE} (503) rather than an internal error. What counts: SQLSTATE class 08 (connection
 * exception), 57P01 to 57P03 (the server shut down, crashed, or is not yet accepting connections), a connection
 * pool that had no connection to give, and a connection the pool had closed under its user because PostgreSQL had
 * dropped it (HikariCP says "Connection is closed", with no SQLSTATE: a transaction's rollback meets it after its
 * statement met the drop, and Spring then throws the rollback's error, not the statement's).
 */
public final class DatabaseOutage {
    private DatabaseOutage() {
    }

    /** Whether this error, or any error under it, is the database's unavailability. */
    public static boolean causes(Throwable error) {
        int depth = 0;
        for (Throwable cause = error; cause != null && depth < 32; cause = cause.getCause(), depth++) {
            if (cause instanceof SQLTransientConnectionException) {
                return true;
            }
            if (cause instanceof SQLException sql && (unavailable(sql.getSQLState()) || closedByThePool(sql))) {
                return true;
            }
        }
        return false;
    }

    private static boolean closedByThePool(SQLException sql) {
        return sql.getSQLState() == null && "Connection is closed".equals(sql.getMessage());
    }

    private static boolean unavailable(String state) {
        return state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03"));
    }
}
