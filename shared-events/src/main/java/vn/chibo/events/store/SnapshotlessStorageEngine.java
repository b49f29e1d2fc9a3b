package vn.chibo.events.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;
import java.util.Collections;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.serialization.Serializer;

/**
 * Axon's JDBC storage engine for a store that keeps no snapshots: an aggregate is always rebuilt from its events (a
 * member, a meeting or a task has tens of them; the busy ones stay in the aggregate caches). Axon asks for a
 * snapshot before it reads an aggregate's events, one query more per aggregate read from the log: a sheet of 25
 * ratings in a province made 25 such queries, all answering nothing (issue 7). Writing a snapshot is refused rather
 * than kept unread: whoever adds a snapshot trigger must build the engine with snapshots again (Axon's snapshotter
 * would only log the refusal as a warning, after the command's own commit).
 * <p>
 * An event read in order of the log has its stored time read once, by {@link StoredTimestamps}: Axon's entry reads
 * it with its date parser each time it is asked, and it is asked twice per event (for the gaps here, and for the
 * message's timestamp).
 */
final class SnapshotlessStorageEngine extends JdbcEventStorageEngine {
    /** Axon's gap settings, given to the builder too: {@link #getTrackedEventData} needs them and Axon keeps its own private. */
    static final long LOWEST_GLOBAL_SEQUENCE = 1;
    static final int MAX_GAP_OFFSET = 10_000;
    static final int GAP_TIMEOUT_MS = 60_000;

    SnapshotlessStorageEngine(Builder builder) {
        super(builder.lowestGlobalSequence(LOWEST_GLOBAL_SEQUENCE).maxGapOffset(MAX_GAP_OFFSET).gapTimeout(GAP_TIMEOUT_MS));
    }

    /** Refused: {@link #getTrackedEventData} reads gaps with {@link #GAP_TIMEOUT_MS}, so the two could not differ. */
    @Override
    public void setGapTimeout(int gapTimeout) {
        throw new UnsupportedOperationException("chibo's gap timeout is SnapshotlessStorageEngine.GAP_TIMEOUT_MS");
    }

    /** A taken id is told from a concurrent change by the key that failed, not by the batch's first event. */
    @Override
    protected void handlePersistenceException(Exception exception, EventMessage<?> failedEvent) {
        if (TakenStreams.isFirstEventTaken(exception)) {
            throw new AggregateStreamCreationException("An aggregate's first event is already stored: its id is taken", exception);
        }
        super.handlePersistenceException(exception, failedEvent);
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
        return Stream.empty();
    }

    @Override
    protected void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
        throw new UnsupportedOperationException("chibo keeps no snapshots: build the storage engine with snapshots to store one");
    }

    /**
     * What Axon's engine reads from a row of the log (the same columns, entry and gap-aware token; a test compares
     * the two row by row), but for the entry's time, read once.
     */
    @Override
    protected TrackedEventData<?> getTrackedEventData(ResultSet resultSet, GapAwareTrackingToken previousToken)
            throws SQLException {
        EventSchema schema = schema();
        long globalSequence = resultSet.getLong(schema.globalIndexColumn());
        String aggregateIdentifier = resultSet.getString(schema.aggregateIdentifierColumn());
        String eventIdentifier = resultSet.getString(schema.eventIdentifierColumn());
        DomainEventData<?> entry = new TimedEntry<>(
                resultSet.getString(schema.typeColumn()),
                eventIdentifier.equals(aggregateIdentifier) ? null : aggregateIdentifier,
                resultSet.getLong(schema.sequenceNumberColumn()),
                eventIdentifier,
                readTimeStamp(resultSet, schema.timestampColumn()),
                resultSet.getString(schema.payloadTypeColumn()),
                resultSet.getString(schema.payloadRevisionColumn()),
                readPayload(resultSet, schema.payloadColumn()),
                readPayload(resultSet, schema.metaDataColumn()));
        boolean allowGaps = entry.getTimestamp().isAfter(
                GenericEventMessage.clock.instant().minus(GAP_TIMEOUT_MS, ChronoUnit.MILLIS));
        GapAwareTrackingToken token;
        if (previousToken == null) {
            token = GapAwareTrackingToken.newInstance(globalSequence, allowGaps
                    ? LongStream.range(Math.min(LOWEST_GLOBAL_SEQUENCE, globalSequence), globalSequence).boxed()
                            .collect(Collectors.toCollection(TreeSet::new))
                    : Collections.emptySortedSet());
        } else {
            token = previousToken.advanceTo(globalSequence, allowGaps ? MAX_GAP_OFFSET : 0);
        }
        return new TrackedDomainEventData<>(token, entry);
    }

    /** Axon's entry, whose stored time is read once, when it is read from its row. */
    static final class TimedEntry<T> extends GenericDomainEventEntry<T> {
        private final Instant timestamp;

        TimedEntry(String type, String aggregateIdentifier, long sequenceNumber, String eventIdentifier,
                   Object storedTime, String payloadType, String payloadRevision, T payload, T metaData) {
            super(type, aggregateIdentifier, sequenceNumber, eventIdentifier, storedTime, payloadType, payloadRevision,
                    payload, metaData);
            // the text Axon's entry keeps (a date-time in its written form), read as Axon's entry would read it
            this.timestamp = StoredTimestamps.parse(storedTime instanceof TemporalAccessor time
                    ? DateTimeUtils.formatInstant(time) : storedTime.toString());
        }

        @Override
        public Instant getTimestamp() {
            return timestamp;
        }
    }
}
