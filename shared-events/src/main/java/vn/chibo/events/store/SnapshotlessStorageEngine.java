package vn.chibo.events.store;

import java.util.stream.Stream;

import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;

/**
 * Axon's JDBC storage engine for a store that keeps no snapshots: an aggregate is always rebuilt from its events (a
 * member, a meeting or a task has tens of them; the busy ones stay in the aggregate caches). Axon asks for a
 * snapshot before it reads an aggregate's events, one query more per aggregate read from the log: a sheet of 25
 * ratings in a province made 25 such queries, all answering nothing (issue 7). Writing a snapshot is refused rather
 * than kept unread: whoever adds a snapshot trigger must build the engine with snapshots again (Axon's snapshotter
 * would only log the refusal as a warning, after the command's own commit).
 */
final class SnapshotlessStorageEngine extends JdbcEventStorageEngine {
    SnapshotlessStorageEngine(Builder builder) {
        super(builder);
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
        return Stream.empty();
    }

    @Override
    protected void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
        throw new UnsupportedOperationException("chibo keeps no snapshots: build the storage engine with snapshots to store one");
    }
}
