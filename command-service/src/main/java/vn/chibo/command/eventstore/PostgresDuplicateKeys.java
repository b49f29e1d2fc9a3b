package vn.chibo.command.eventstore;

import java.sql.SQLException;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.axonframework.common.jdbc.PersistenceExceptionResolver;

/**
 * Tells Axon when an append failed on a unique key (PostgreSQL SQLSTATE 23505), so that a reused aggregate id
 * becomes {@code AggregateStreamCreationException} and a concurrent append {@code ConcurrencyException}. The
 * JDBC engine appends in a batch, and PostgreSQL reports the violation on the batch's next exception, which
 * Axon's default resolver does not look at.
 */
public class PostgresDuplicateKeys implements PersistenceExceptionResolver {
    static final String UNIQUE_VIOLATION = "23505";

    /**
     * PostgreSQL's detail of a violation on an aggregate's first event: its stream already exists. Only the key's
     * columns and values, which no server language translates; without the detail (a driver set not to show it) the
     * answer is the stale version it was before.
     */
    private static final Pattern FIRST_EVENT_TAKEN = Pattern.compile("\\(aggregate_identifier, sequence_number\\)=\\([^,()]+, 0\\)");

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        return uniqueViolation(exception, s -> true) != null;
    }

    /**
     * Whether the append failed because an aggregate's first event was already there: a new record sent with an id
     * that another record has. Axon says so ({@code AggregateStreamCreationException}) only when that event is the
     * first of the batch; a command that also appends to another aggregate first (a meeting books its cell's
     * calendar, then begins its own stream) fails as a mere {@code ConcurrencyException}. The meeting's controller
     * asks its directory first; this answers the race of two requests with one new id.
     */
    public static boolean isTakenId(Throwable failure) {
        return uniqueViolation(failure, s -> FIRST_EVENT_TAKEN.matcher(String.valueOf(s.getMessage())).find()) != null;
    }

    /** The first unique violation in the failure's causes and the batch's next exceptions that {@code also} holds. */
    private static SQLException uniqueViolation(Throwable failure, Predicate<SQLException> also) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException s = sql; s != null; s = s.getNextException()) {
                    if (UNIQUE_VIOLATION.equals(s.getSQLState()) && also.test(s)) {
                        return s;
                    }
                }
            }
        }
        return null;
    }
}
