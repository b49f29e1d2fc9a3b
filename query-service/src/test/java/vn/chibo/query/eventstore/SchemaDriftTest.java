package vn.chibo.query.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import javax.sql.DataSource;

import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.GenericDeadLetterTableFactory;
import org.axonframework.eventhandling.tokenstore.jdbc.PostgresTokenTableFactory;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import vn.chibo.query.testing.QueryServiceTestBase;

/**
 * Flyway owns every table, but Axon reads and writes Axon's: this compares our migrated tables with the DDL
 * Axon's own PostgreSQL table factories produce (built in a scratch schema), column by column, so an Axon
 * upgrade that changes its tables fails here rather than in production.
 */
class SchemaDriftTest extends QueryServiceTestBase {
    private static final String REFERENCE = "axon_reference";

    @Autowired
    DataSource dataSource;

    /** Axon's generic factory writes BLOB, which PostgreSQL lacks; its PostgreSQL equivalent is BYTEA. */
    private static final class PostgresDeadLetterTableFactory extends GenericDeadLetterTableFactory {
        @Override
        protected String serializedDataType() {
            return "BYTEA";
        }
    }

    @BeforeEach
    void createReferenceTables() throws SQLException {
        jdbc.sql("DROP SCHEMA IF EXISTS " + REFERENCE + " CASCADE").update();
        jdbc.sql("CREATE SCHEMA " + REFERENCE).update();
        EventSchema events = EventSchema.builder()
                .eventTable(REFERENCE + ".domain_event_entry").snapshotTable(REFERENCE + ".snapshot_event_entry")
                .globalIndexColumn("global_index").timestampColumn("time_stamp").eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier").sequenceNumberColumn("sequence_number").typeColumn("type")
                .payloadTypeColumn("payload_type").payloadRevisionColumn("payload_revision").payloadColumn("payload")
                .metaDataColumn("meta_data").build();
        TokenSchema tokens = TokenSchema.builder().setTokenTable(REFERENCE + ".token_entry")
                .setProcessorNameColumn("processor_name").setSegmentColumn("segment").setTokenColumn("token")
                .setTokenTypeColumn("token_type").setTimestampColumn("timestamp").setOwnerColumn("owner").build();
        DeadLetterSchema deadLetters = DeadLetterSchema.builder()
                .deadLetterTable(REFERENCE + ".dead_letter_entry")
                .deadLetterIdentifierColumn("dead_letter_id").processingGroupColumn("processing_group")
                .sequenceIdentifierColumn("sequence_identifier").sequenceIndexColumn("sequence_index")
                .messageTypeColumn("message_type").eventIdentifierColumn("event_identifier").timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type").payloadRevisionColumn("payload_revision").payloadColumn("payload")
                .metaDataColumn("meta_data").aggregateTypeColumn("aggregate_type")
                .aggregateIdentifierColumn("aggregate_identifier").sequenceNumberColumn("sequence_number")
                .tokenTypeColumn("token_type").tokenColumn("token").enqueuedAtColumn("enqueued_at")
                .lastTouchedColumn("last_touched").processingStartedColumn("processing_started")
                .causeTypeColumn("cause_type").causeMessageColumn("cause_message").diagnosticsColumn("diagnostics").build();
        try (Connection c = dataSource.getConnection()) {
            PostgresEventTableFactory.INSTANCE.createDomainEventTable(c, events).execute();
            PostgresEventTableFactory.INSTANCE.createSnapshotEventTable(c, events).execute();
            PostgresTokenTableFactory.INSTANCE.createTable(c, tokens).execute();
            new PostgresDeadLetterTableFactory().createTableStatement(c, deadLetters).executeBatch();
        }
    }

    private List<String> columns(String schema, String table) {
        return jdbc.sql("""
                SELECT column_name || ' ' || data_type || coalesce('(' || character_maximum_length || ')', '')
                       || CASE WHEN is_nullable = 'NO' THEN ' not null' ELSE '' END
                FROM information_schema.columns WHERE table_schema = ? AND table_name = ? ORDER BY column_name""")
                .params(schema, table).query(String.class).list();
    }

    @Test
    void the_event_tables_are_the_ones_axon_expects() {
        for (String table : List.of("domain_event_entry", "snapshot_event_entry")) {
            assertThat(columns("event_store", table)).as(table).isNotEmpty().isEqualTo(columns(REFERENCE, table));
        }
    }

    @Test
    void the_token_and_dead_letter_tables_are_the_ones_axon_expects() {
        for (String table : List.of("token_entry", "dead_letter_entry")) {
            assertThat(columns("read_model", table)).as(table).isNotEmpty().isEqualTo(columns(REFERENCE, table));
        }
    }
}
