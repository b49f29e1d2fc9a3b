package vn.chibo.command.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.JdbcTemplate;

import vn.chibo.command.testing.TestDatabase;
import vn.chibo.events.store.EventStoreLayout;
import vn.chibo.events.task.TaskCancelled;

/**
 * The log read in order (what the query-service's projections and replay read) gives, row by row, what Axon's own
 * JDBC engine gives: the same events, times and gap-aware tokens, for old events and recent ones, with holes in the
 * log's numbering before, between and after them (issue 7: chibo's engine reads each event's time once, by hand).
 */
class TrackedReadTest {

    @Test
    void a_log_that_begins_with_old_events_reads_as_axon_reads_it() {
        Store store = new Store();
        store.skip(2);
        store.append(store.old, 3);
        store.skip(2);
        store.append(store.now, 3);
        store.appendApplicationEvent();
        store.skip(1);
        store.append(store.now, 2);
        store.skip(3);
        store.append(store.old, 1);

        List<TrackedEventMessage<?>> read = store.readAsAxonReads();
        assertThat(gaps(read.get(0))).as("an old first event: no gaps behind it").isEmpty();
        assertThat(read).as("recent events keep the holes before them as gaps")
                .anySatisfy(event -> assertThat(gaps(event)).isNotEmpty());
        assertThat(gaps(read.get(read.size() - 1))).as("an old event closes the gaps").isEmpty();
    }

    @Test
    void a_log_that_begins_with_recent_events_after_a_hole_reads_as_axon_reads_it() {
        Store store = new Store();
        store.skip(3);
        store.append(store.now, 2);
        store.skip(2);
        store.append(store.now, 2);

        List<TrackedEventMessage<?>> read = store.readAsAxonReads();
        assertThat(gaps(read.get(0))).as("the hole before a recent first event").containsExactly(1L, 2L, 3L);
    }

    private static List<Long> gaps(TrackedEventMessage<?> event) {
        return List.copyOf(((GapAwareTrackingToken) event.trackingToken()).getGaps());
    }

    /**
     * A fresh event store, chibo's engine on it, and Axon's engine on the same tables; "now" is taken once the store
     * exists, so its events are recent when read (gaps are kept behind events of the last minute).
     */
    private static final class Store {
        final Instant now;
        final Instant old;
        private final JdbcTemplate jdbc;
        private final JdbcEventStorageEngine chibo;
        private final JdbcEventStorageEngine axon;
        private final String task = UUID.randomUUID().toString();
        private long sequence;
        private int appended;
        private final List<Instant> times = new ArrayList<>();

        Store() {
            TestDatabase.Database fresh = TestDatabase.freshEventStore();
            PGSimpleDataSource database = new PGSimpleDataSource();
            database.setUrl(fresh.url());
            database.setUser(fresh.username());
            database.setPassword(fresh.password());
            jdbc = new JdbcTemplate(database);
            ConnectionProvider connections = database::getConnection;
            Serializer serializer = EventStoreLayout.serializer();
            chibo = EventStoreLayout.storageEngine(connections, NoTransactionManager.INSTANCE, e -> false, serializer);
            axon = JdbcEventStorageEngine.builder()
                    .schema(EventStoreLayout.eventSchema())
                    .dataType(byte[].class)
                    .connectionProvider(connections)
                    .transactionManager(NoTransactionManager.INSTANCE)
                    .eventSerializer(serializer)
                    .snapshotSerializer(serializer)
                    .build();
            now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            old = now.minus(10, ChronoUnit.MINUTES);
        }

        /** Numbers taken from the log's sequence and never used: what a rolled-back append leaves. */
        void skip(int numbers) {
            for (int i = 0; i < numbers; i++) {
                jdbc.queryForObject("SELECT nextval(pg_get_serial_sequence('event_store.domain_event_entry', 'global_index'))",
                        Long.class);
            }
        }

        void append(Instant at, int events) {
            for (int i = 0; i < events; i++) {
                long number = sequence++;
                appended++;
                times.add(at.plusMillis(number));
                chibo.appendEvents(List.of(new GenericDomainEventMessage<>("Task", task, number,
                        new TaskCancelled(UUID.fromString(task), null, "lần " + number), Map.of("actor", "bithu"),
                        UUID.randomUUID().toString(), at.plusMillis(number))));
            }
        }

        /** An event of no aggregate: Axon stores its own identifier as the aggregate's. */
        void appendApplicationEvent() {
            chibo.appendEvents(List.of(new GenericEventMessage<>("không thuộc tổng thể nào")));
            appended++;
        }

        /** The whole log as chibo's engine reads it, compared row by row with what Axon's engine reads. */
        List<TrackedEventMessage<?>> readAsAxonReads() {
            List<TrackedEventMessage<?>> read = readAll(chibo);
            List<TrackedEventMessage<?>> byAxon = readAll(axon);
            assertThat(read).hasSameSizeAs(byAxon).hasSize(appended);
            for (int i = 0; i < read.size(); i++) {
                TrackedEventMessage<?> ours = read.get(i);
                TrackedEventMessage<?> theirs = byAxon.get(i);
                assertThat(ours.trackingToken()).as("token of event %d", i).isEqualTo(theirs.trackingToken());
                assertThat(ours.getIdentifier()).isEqualTo(theirs.getIdentifier());
                assertThat(ours.getTimestamp()).as("time of event %d", i).isEqualTo(theirs.getTimestamp());
                assertThat(ours.getPayload()).isEqualTo(theirs.getPayload());
                assertThat(ours.getMetaData()).isEqualTo(theirs.getMetaData());
                assertThat(ours instanceof DomainEventMessage).isEqualTo(theirs instanceof DomainEventMessage);
                if (ours instanceof DomainEventMessage<?> domain) {
                    DomainEventMessage<?> axons = (DomainEventMessage<?>) theirs;
                    assertThat(domain.getAggregateIdentifier()).isEqualTo(axons.getAggregateIdentifier());
                    assertThat(domain.getSequenceNumber()).isEqualTo(axons.getSequenceNumber());
                    assertThat(domain.getType()).isEqualTo(axons.getType());
                }
            }
            assertThat(read.stream().filter(DomainEventMessage.class::isInstance).map(EventMessage::getTimestamp))
                    .as("the times appended, to the millisecond").containsExactlyElementsOf(times);
            return read;
        }

        private static List<TrackedEventMessage<?>> readAll(JdbcEventStorageEngine engine) {
            try (Stream<? extends TrackedEventMessage<?>> events = engine.readEvents(null, false)) {
                return List.copyOf(events.toList());
            }
        }
    }
}
