package vn.chibo.events.store;

import java.sql.SQLException;
import java.util.regex.Pattern;

/**
 * Whether an append failed because an aggregate's first event was already stored: a new record sent with an id that
 * another record has. Axon's engine decides this from the first event of the batch alone, so a command that appends
 * to another aggregate first (a meeting books its cell's calendar, then begins its own stream) came back as a mere
 * concurrent change. PostgreSQL names the key it refused; only its columns and values are read, which no server
 * language translates. Without that detail (a driver set not to show it) the answer stays Axon's.
 */
final class TakenStreams {
    private static final String UNIQUE_VIOLATION = "23505";
    /** {@code (aggregate_identifier, sequence_number)=(<id>, 0)}: the key of an aggregate's first event. */
    private static final Pattern FIRST_EVENT_TAKEN = Pattern.compile(Pattern.quote("("
            + EventStoreLayout.eventSchema().aggregateIdentifierColumn() + ", "
            + EventStoreLayout.eventSchema().sequenceNumberColumn() + ")=(") + "[^,()]+, 0\\)");

    private TakenStreams() {
    }

    static boolean isFirstEventTaken(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException s = sql; s != null; s = s.getNextException()) {
                    if (UNIQUE_VIOLATION.equals(s.getSQLState()) && FIRST_EVENT_TAKEN.matcher(String.valueOf(s.getMessage())).find()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
