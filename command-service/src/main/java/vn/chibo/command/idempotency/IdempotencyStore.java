package vn.chibo.command.idempotency;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The first answer to each (user, Idempotency-Key), kept in {@code event_store.idempotency_key}. */
@Component
public class IdempotencyStore {
    /** A stored first answer and the hash of the request that earned it. */
    public record StoredAnswer(String requestHash, int status, String body) {
    }

    private final JdbcClient jdbc;

    public IdempotencyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<StoredAnswer> find(String actor, String key) {
        return jdbc.sql("SELECT request_hash, status, body FROM event_store.idempotency_key WHERE actor = ? AND key = ?")
                .params(actor, key)
                .query((rs, n) -> new StoredAnswer(rs.getString(1), rs.getInt(2), rs.getString(3)))
                .optional();
    }

    /**
     * Records the answer inside the transaction of the write itself, so a write and its key commit together.
     * Returns false when a concurrent request with the same key committed first: the caller must roll back.
     */
    public boolean record(String actor, String key, String requestHash, int status, String body) {
        return jdbc.sql("""
                INSERT INTO event_store.idempotency_key (actor, key, request_hash, status, body)
                VALUES (?, ?, ?, ?, ?) ON CONFLICT (actor, key) DO NOTHING""")
                .params(actor, key, requestHash, status, body)
                .update() == 1;
    }
}
