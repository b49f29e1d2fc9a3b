package vn.chibo.query.eventstore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;

import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.DefaultDeadLetterStatementFactory;
import org.axonframework.serialization.Serializer;

/**
 * Axon's statements for a projection's dead-letter queue, but one: the page of sequences a retry may take next. Axon
 * 4.13 bound the page's offset (0, 10, 20...) to the letters' index within their sequence, so past its first page it
 * found nothing, and a letter beyond the ten least recently touched sequences could never be retried (its issue 4544);
 * nor could a letter whose index is below zero (V11 moved some there). Here the page is an offset, and the order is
 * made total by the letter's id, so that no page skips or repeats a sequence.
 */
final class PagedClaimableLetters extends DefaultDeadLetterStatementFactory<EventMessage<?>> {
    private final String sql;

    PagedClaimableLetters(DeadLetterSchema schema, Serializer genericSerializer, Serializer eventSerializer) {
        super(DefaultDeadLetterStatementFactory.<EventMessage<?>>builder()
                .schema(schema).genericSerializer(genericSerializer).eventSerializer(eventSerializer));
        String table = schema.deadLetterTable();
        String group = schema.processingGroupColumn();
        String sequence = schema.sequenceIdentifierColumn();
        String index = schema.sequenceIndexColumn();
        String started = schema.processingStartedColumn();
        this.sql = "SELECT * FROM " + table + " dl WHERE dl." + group + " = ?"
                + " AND dl." + index + " = (SELECT min(dl2." + index + ") FROM " + table + " dl2"
                + " WHERE dl2." + group + " = dl." + group + " AND dl2." + sequence + " = dl." + sequence + ")"
                + " AND (dl." + started + " IS NULL OR dl." + started + " < ?)"
                + " ORDER BY dl." + schema.lastTouchedColumn() + ", dl." + schema.deadLetterIdentifierColumn()
                + " LIMIT ? OFFSET ?";
    }

    @Override
    public PreparedStatement claimableSequencesStatement(Connection connection, String processingGroup,
                                                         Instant processingStartedLimit, int offset, int maxSize)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        statement.setString(1, processingGroup);
        statement.setString(2, DateTimeUtils.formatInstant(processingStartedLimit));
        statement.setInt(3, maxSize);
        statement.setInt(4, offset);
        return statement;
    }
}
