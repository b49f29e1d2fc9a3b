package vn.chibo.command.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

class RecentReadsTest {
    private final Map<String, Integer> table = new HashMap<>(Map.of("lan", 1, "minh", 2, "hoa", 3));
    private final List<Set<String>> reads = new ArrayList<>();
    private final RecentReads<String, Integer> recent = new RecentReads<>(Duration.ofMinutes(1), 100);

    private Map<String, Integer> read(Set<String> keys) {
        reads.add(Set.copyOf(keys));
        Map<String, Integer> found = new HashMap<>();
        keys.stream().filter(table::containsKey).forEach(key -> found.put(key, table.get(key)));
        return found;
    }

    @Test
    void theKeysNotKeptAreReadTogetherAndWhatExistsIsKept() {
        assertThat(recent.get("lan", table::get)).isEqualTo(1);

        Map<String, Integer> values = recent.getAll(List.of("lan", "minh", "hoa", "nobody"), this::read);

        assertThat(values).isEqualTo(Map.of("lan", 1, "minh", 2, "hoa", 3));
        assertThat(reads).containsExactly(Set.of("minh", "hoa", "nobody"));
        assertThat(recent.getAll(List.of("minh", "hoa", "nobody"), this::read)).isEqualTo(Map.of("minh", 2, "hoa", 3));
        assertThat(reads).containsExactly(Set.of("minh", "hoa", "nobody"), Set.of("nobody"));
    }

    @Test
    void aForgottenKeyIsReadAgain() {
        recent.getAll(List.of("lan", "minh"), this::read);
        table.put("lan", 7);
        recent.forget("lan");

        assertThat(recent.getAll(List.of("lan", "minh"), this::read)).isEqualTo(Map.of("lan", 7, "minh", 2));
        assertThat(reads).containsExactly(Set.of("lan", "minh"), Set.of("lan"));
        assertThat(recent.get("lan", key -> -1)).isEqualTo(7);
    }

    @Test
    void whatWasReadWhileAChangeWasForgottenIsNotKept() {
        recent.getAll(List.of("lan", "minh"), keys -> {
            Map<String, Integer> found = read(keys);
            recent.forget("hoa");
            return found;
        });

        assertThat(recent.getAll(List.of("lan", "minh"), this::read)).isEqualTo(Map.of("lan", 1, "minh", 2));
        assertThat(reads).containsExactly(Set.of("lan", "minh"), Set.of("lan", "minh"));
    }

    @Test
    void aTransactionThatChangesTheTableKeepsNothingItReads() {
        inTransaction(true, () -> {
            recent.forget("hoa");
            recent.getAll(List.of("lan"), this::read);
            recent.getAll(List.of("lan"), this::read);
            assertThat(reads).containsExactly(Set.of("lan"), Set.of("lan"));
        });
        recent.getAll(List.of("lan"), this::read);
        recent.getAll(List.of("lan"), this::read);
        assertThat(reads).hasSize(3);
    }

    @Test
    void aRowWrittenIsKeptWhenItsTransactionCommitsAndNotBefore() {
        inTransaction(true, () -> {
            recent.keepWhenCommitted("tuan", 4);
            assertThat(recent.get("tuan", key -> null)).isNull();
        });
        assertThat(recent.get("tuan", key -> null)).isEqualTo(4);
    }

    @Test
    void aRowWrittenByATransactionThatAlsoChangesTheTableIsNotKept() {
        inTransaction(true, () -> {
            recent.keepWhenCommitted("tuan", 4);
            recent.forget("hoa");
        });
        assertThat(recent.get("tuan", key -> null)).isNull();
    }

    @Test
    void aRowWrittenByATransactionRolledBackIsNotKept() {
        inTransaction(false, () -> recent.keepWhenCommitted("tuan", 4));
        assertThat(recent.get("tuan", key -> null)).isNull();
    }

    @Test
    void aRowWrittenWhileAChangeWasForgottenIsNotKept() {
        inTransaction(true, () -> {
            recent.keepWhenCommitted("tuan", 4);
            // another transaction changes the table meanwhile
            List<TransactionSynchronization> ours = TransactionSynchronizationManager.getSynchronizations();
            TransactionSynchronizationManager.clearSynchronization();
            recent.forget("hoa");
            TransactionSynchronizationManager.initSynchronization();
            ours.forEach(TransactionSynchronizationManager::registerSynchronization);
        });
        assertThat(recent.get("tuan", key -> null)).isNull();
    }

    @Test
    void aRowWrittenOutsideATransactionIsKeptAtOnce() {
        recent.keepWhenCommitted("tuan", 4);
        assertThat(recent.get("tuan", key -> null)).isEqualTo(4);
    }

    /** Runs {@code work} as a transaction's would run, with its synchronizations, and ends it as committed or not. */
    private static void inTransaction(boolean commits, Runnable work) {
        TransactionSynchronizationManager.initSynchronization();
        try {
            work.run();
        } finally {
            List<TransactionSynchronization> synchronizations = TransactionSynchronizationManager.getSynchronizations();
            if (commits) {
                synchronizations.forEach(TransactionSynchronization::afterCommit);
            }
            synchronizations.forEach(synchronization -> synchronization.afterCompletion(
                    commits ? TransactionSynchronization.STATUS_COMMITTED : TransactionSynchronization.STATUS_ROLLED_BACK));
            TransactionSynchronizationManager.clearSynchronization();
        }
    }
}
