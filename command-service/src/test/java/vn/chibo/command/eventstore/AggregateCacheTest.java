package vn.chibo.command.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import org.axonframework.eventhandling.SimpleEventBus;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionSynchronizationUtils;

/**
 * The aggregate cache never shows state a transaction has not committed: a command takes its aggregate out, and
 * the changed one goes back only after the commit (RegisterImportHttpTest shows it end to end: a dry run, rolled
 * back after Axon's unit of work committed, leaves no trace for the real run).
 */
class AggregateCacheTest {
    private final AggregateCache cache = new AggregateCache(2);

    @AfterEach
    void clearSynchronization() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.clearSynchronization();
        }
    }

    @Test
    void a_command_takes_its_aggregate_out_so_no_one_else_sees_it_while_it_changes() {
        cache.put("member-1", "version 3");
        assertThat(cache.<String, String>get("member-1")).isEqualTo("version 3");
        assertThat(cache.containsKey("member-1")).as("taken, not shared").isFalse();
        assertThat(cache.<String, String>get("member-1")).isNull();
    }

    @Test
    void what_a_transaction_saved_is_seen_only_after_it_committed() {
        TransactionSynchronizationManager.initSynchronization();
        cache.put("member-1", "version 4");
        assertThat(cache.containsKey("member-1")).isFalse();

        TransactionSynchronizationUtils.triggerAfterCommit();
        assertThat(cache.<String, String>get("member-1")).isEqualTo("version 4");
    }

    @Test
    void what_a_rolled_back_transaction_saved_never_appears() {
        TransactionSynchronizationManager.initSynchronization();
        cache.put("member-1", "version 4");
        TransactionSynchronizationUtils.invokeAfterCompletion(TransactionSynchronizationManager.getSynchronizations(),
                TransactionSynchronization.STATUS_ROLLED_BACK);
        assertThat(cache.containsKey("member-1")).isFalse();
    }

    @Test
    void the_least_recently_used_goes_first_when_full() {
        cache.put("a", 1);
        cache.put("b", 2);
        cache.put("a", 11);
        cache.put("c", 3);
        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.containsKey("b")).as("b was used least recently").isFalse();
        assertThat(cache.containsKey("a")).isTrue();
        assertThat(cache.containsKey("c")).isTrue();
    }

    @Test
    void an_older_version_never_goes_back_over_a_newer_one_taken_or_removed() {
        cache.put("member-1", entry("member-1", 5));
        assertThat(version(cache.get("member-1"))).isEqualTo(5L);

        cache.put("member-1", entry("member-1", 3));
        assertThat(cache.containsKey("member-1")).as("an older state than the one taken").isFalse();
        cache.put("member-1", entry("member-1", 6));
        assertThat(version(cache.get("member-1"))).isEqualTo(6L);

        cache.put("member-1", entry("member-1", 7));
        assertThat(cache.remove("member-1")).isTrue();
        assertThat(cache.remove("member-1")).as("nothing left to remove").isFalse();
        cache.put("member-1", entry("member-1", 6));
        assertThat(cache.containsKey("member-1")).as("an older state than the one removed").isFalse();
        cache.put("member-1", entry("member-1", 7));
        assertThat(version(cache.get("member-1"))).as("the same version again, as a command that changed nothing").isEqualTo(7L);
    }

    /** An aggregate as Axon's caching repository puts it in a cache, at the version it was saved at. */
    private static AggregateCacheEntry<Counted> entry(String id, long version) {
        Counted root = new Counted();
        root.id = id;
        return new AggregateCacheEntry<>(EventSourcedAggregate.reconstruct(root,
                AnnotatedAggregateMetaModelFactory.inspectAggregate(Counted.class), version, false,
                SimpleEventBus.builder().build(), NoSnapshotTriggerDefinition.TRIGGER));
    }

    @SuppressWarnings("unchecked")
    private static Long version(Object cached) {
        assertThat(cached).isInstanceOf(AggregateCacheEntry.class);
        return ((AggregateCacheEntry<Counted>) cached).recreateAggregate(AnnotatedAggregateMetaModelFactory.inspectAggregate(Counted.class),
                null, NoSnapshotTriggerDefinition.INSTANCE).version();
    }

    static class Counted {
        @AggregateIdentifier
        String id;
    }
}
