package vn.chibo.events.store;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;

import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Where and how the events are stored, which the command-service writes and the query-service reads: the
 * snake_case tables of schema {@code event_store} (created by the command-service's Flyway) and the JSON
 * form of the event records. Both services take it from here so they can never disagree.
 */
public final class EventStoreLayout {
    /** Events read per query: each projection reads the whole log in a replay (Axon reads 100 by default; issue 7). */
    private static final int FETCH_BATCH = 500;

    public static final String EVENT_TABLE = "event_store.domain_event_entry";
    public static final String SNAPSHOT_TABLE = "event_store.snapshot_event_entry";
    /**
     * How far past an index a reader of the log still waits for it (Axon's gap offset): an event committed after
     * readers have read this many indexes past its own is never delivered to them. No write may append near this many
     * events in one transaction.
     */
    public static final int GAP_WINDOW = SnapshotlessStorageEngine.MAX_GAP_OFFSET;

    private EventStoreLayout() {
    }

    public static EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable(EVENT_TABLE)
                .snapshotTable(SNAPSHOT_TABLE)
                .globalIndexColumn("global_index")
                .timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    /**
     * Axon's JDBC storage engine on these tables, BYTEA payloads, events in {@code serializer}'s JSON, no snapshots
     * (an aggregate is read from its events, without first asking for a snapshot), a stream shorter than a batch read
     * in one query: the writer and the reader build it here, differing only in how they read a failed write.
     */
    public static JdbcEventStorageEngine storageEngine(ConnectionProvider connections, TransactionManager transactions,
                                                       PersistenceExceptionResolver failedWrites, Serializer serializer) {
        return new SnapshotlessStorageEngine(JdbcEventStorageEngine.builder()
                .schema(eventSchema())
                .dataType(byte[].class)
                .connectionProvider(connections)
                .transactionManager(transactions)
                .persistenceExceptionResolver(failedWrites)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .batchSize(FETCH_BATCH)
                // Axon's JDBC engine reads an aggregate until a batch comes back empty (one query more per aggregate
                // read), for stores whose streams may have holes. An aggregate's sequence numbers here have none (the
                // log is only ever appended to), so a batch short of full is the stream's last.
                .finalAggregateBatchPredicate(batch -> batch.size() < FETCH_BATCH));
    }

    /**
     * Events and metadata as JSON: ISO dates, and a tolerant reader (a field added by a later version of an
     * event is ignored by a reader that does not know it yet; Axon's lenient reading), each stored type's class looked
     * up once. Never XStream: it cannot read records.
     */
    public static Serializer serializer() {
        ObjectMapper mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .enable(DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS);
        return new TypeKeepingSerializer(JacksonSerializer.builder().objectMapper(mapper));
    }
}
