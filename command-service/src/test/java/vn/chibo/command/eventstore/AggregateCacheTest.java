package vn.chibo.command.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

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
}
