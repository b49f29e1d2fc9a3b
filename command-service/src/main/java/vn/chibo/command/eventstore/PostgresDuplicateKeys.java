package vn.chibo.command.eventstore;

import java.sql.SQLException;

import org.axonframework.common.jdbc.PersistenceExceptionResolver;

/**
 * Tells Axon when an append failed on a unique key (PostgreSQL SQLSTATE 23505), so that a reused aggregate id
 * becomes {@code AggregateStreamCreationException} and a concurrent append {@code ConcurrencyException}. The
 * JDBC engine appends in a batch, and PostgreSQL reports the violation on the batch's next exception, which
 * Axon's default resolver does not look at.
 */
public class PostgresDuplicateKeys implements PersistenceExceptionResolver {
    static final String UNIQUE_VIOLATION = "23505";

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException s = sql; s != null; s = s.getNextException()) {
                    if (UNIQUE_VIOLATION.equals(s.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
