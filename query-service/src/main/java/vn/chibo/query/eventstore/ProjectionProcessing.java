package vn.chibo.query.eventstore;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/**
 * Every projection runs in a pooled streaming processor (settings per group in query-service.yml), and a
 * poison event never stops one: it goes to {@code read_model.dead_letter_entry}, the rest of its sequence
 * waits behind it, and everything else goes on (DESIGN §7).
 */
@Configuration
public class ProjectionProcessing {
    public static final String ORG_UNITS = "org-units";
    public static final String MEMBERS = "members";
    public static final String MEETINGS = "meetings";
    public static final String WORK = "work";
    public static final String DASHBOARD = "dashboard";
    private static final int SEQUENCE_CACHE_SIZE = 50_000;
    /**
     * How many records a projection's queue may hold letters of. Axon's default, 1,024, stopped the projection once a
     * bug in one handler had refused that many records (a month of one kind of meeting event in a province): every
     * later batch of the segment failed on the full queue, and none of its records was projected any more. A letter
     * is a row; counting the records when a new one is queued costs a scan of the group's letters, which only a bug
     * makes many.
     */
    static final int MAX_RECORDS_IN_QUEUE = 100_000;

    @Autowired
    void configure(EventProcessingConfigurer configurer) {
        for (String group : new String[]{ORG_UNITS, MEMBERS, MEETINGS, WORK, DASHBOARD}) {
            configurer.registerDeadLetterQueue(group, c -> JdbcSequencedDeadLetterQueue.builder()
                    .processingGroup(group)
                    .connectionProvider(c.getComponent(ConnectionProvider.class))
                    .transactionManager(c.getComponent(TransactionManager.class))
                    .schema(deadLetterSchema())
                    .statementFactory(new PagedClaimableLetters(deadLetterSchema(), c.serializer(), c.eventSerializer()))
                    .maxSequences(MAX_RECORDS_IN_QUEUE)
                    .genericSerializer(c.serializer())
                    .eventSerializer(c.eventSerializer())
                    .build());
            // without the cache every event costs a query "is its sequence already dead-lettered?" (40% of the CPU of
            // projecting, measured in issue 7); it remembers the sequences known not to be in the queue.
            // A replay needs no reset of the queue: it builds the read models with a queue of their own, empty, beside
            // the served ones (ReadModelBeside), applies every event again, a dead letter's too, and queues there what
            // still fails
            configurer.registerDeadLetteringEventHandlerInvokerConfiguration(group, (c, invoker) -> invoker
                    .enableSequenceIdentifierCache().sequenceIdentifierCacheSize(SEQUENCE_CACHE_SIZE));
        }
    }

    static DeadLetterSchema deadLetterSchema() {
        return DeadLetterSchema.builder()
                // named alone: read_model's on the service's connections, the one a replay builds beside it in the
                // replay's transactions (ReadModelBeside), where what still fails is queued afresh
                .deadLetterTable("dead_letter_entry")
                .deadLetterIdentifierColumn("dead_letter_id")
                .processingGroupColumn("processing_group")
                .sequenceIdentifierColumn("sequence_identifier")
                .sequenceIndexColumn("sequence_index")
                .messageTypeColumn("message_type")
                .eventIdentifierColumn("event_identifier")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .aggregateTypeColumn("aggregate_type")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .tokenTypeColumn("token_type")
                .tokenColumn("token")
                .enqueuedAtColumn("enqueued_at")
                .lastTouchedColumn("last_touched")
                .processingStartedColumn("processing_started")
                .causeTypeColumn("cause_type")
                .causeMessageColumn("cause_message")
                .diagnosticsColumn("diagnostics")
                .build();
    }
}
