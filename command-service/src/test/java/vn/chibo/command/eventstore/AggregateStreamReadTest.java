package vn.chibo.command.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import vn.chibo.command.testing.TestDatabase;
import vn.chibo.events.store.EventStoreLayout;
import vn.chibo.events.task.TaskCancelled;

/**
 * How the storage engine reads an aggregate's stream from the real event store (issue 7): whole and in order, and in
 * one query when it is shorter than a batch (Axon's JDBC engine asked once more, for a batch that came back empty).
 */
class AggregateStreamReadTest {
    private static PGSimpleDataSource database;

    private final AtomicInteger queries = new AtomicInteger();
    private JdbcEventStorageEngine engine;

    @BeforeAll
    static void createTheEventStore() {
        TestDatabase.Database fresh = TestDatabase.freshEventStore();
        database = new PGSimpleDataSource();
        database.setUrl(fresh.url());
        database.setUser(fresh.username());
        database.setPassword(fresh.password());
    }

    @BeforeEach
    void engineCountingItsQueries() {
        ConnectionProvider counted = () -> counting(database.getConnection());
        engine = EventStoreLayout.storageEngine(counted, NoTransactionManager.INSTANCE, e -> false, EventStoreLayout.serializer());
    }

    @Test
    void a_stream_reads_back_whole_and_in_order_in_one_query_per_full_batch_and_one_for_the_rest() {
        int batch = engine.batchSize();
        String three = append(3);
        String oneBatch = append(batch);
        String oneBatchAndOne = append(batch + 1);

        queries.set(0);
        assertThat(sequenceNumbers(three)).containsExactly(0L, 1L, 2L);
        assertThat(queries.get()).as("one query, not a second that answers nothing").isEqualTo(1);

        queries.set(0);
        assertThat(sequenceNumbers(oneBatch)).hasSize(batch).endsWith((long) batch - 1);
        assertThat(queries.get()).as("a full batch may not be the last").isEqualTo(2);

        queries.set(0);
        assertThat(sequenceNumbers(oneBatchAndOne)).hasSize(batch + 1).startsWith(0L, 1L).endsWith((long) batch - 1, (long) batch);
        assertThat(queries.get()).isEqualTo(2);

        assertThat(sequenceNumbers(UUID.randomUUID().toString())).isEmpty();
    }

    private String append(int events) {
        String aggregate = UUID.randomUUID().toString();
        List<DomainEventMessage<?>> stream = new ArrayList<>();
        IntStream.range(0, events).forEach(i -> stream.add(new GenericDomainEventMessage<>("Task", aggregate, i,
                new TaskCancelled(UUID.fromString(aggregate), null, "lần " + i))));
        engine.appendEvents(stream);
        return aggregate;
    }

    private List<Long> sequenceNumbers(String aggregate) {
        return engine.readEvents(aggregate).asStream().map(DomainEventMessage::getSequenceNumber).toList();
    }

    /** The connection, counting the statements prepared on it. */
    private Connection counting(Connection connection) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[]{Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("prepareStatement")) {
                        queries.incrementAndGet();
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
