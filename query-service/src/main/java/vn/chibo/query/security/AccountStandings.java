package vn.chibo.query.security;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import vn.chibo.events.access.AccountStanding;

/**
 * Whether an account still reads: the command-service's accounts ({@code event_store.account}), asked at most once
 * every few seconds per user. A disabled account, or a token issued before the last password change, is refused here
 * within {@link #TTL_SECONDS} of the change, as it is on the write side.
 */
@Component
public class AccountStandings {
    static final long TTL_SECONDS = 5;
    private static final int MAX_USERS = 10_000;

    private record Known(Optional<AccountStanding> standing, long readAt) {
    }

    private final JdbcClient jdbc;
    private final Map<String, Known> known = new ConcurrentHashMap<>();

    public AccountStandings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean acceptsTokenIssuedAt(String username, Instant issuedAt) {
        long now = System.nanoTime();
        Known k = known.get(username);
        if (k == null || now - k.readAt() > TimeUnit.SECONDS.toNanos(TTL_SECONDS)) {
            if (known.size() >= MAX_USERS) {
                known.clear();
            }
            k = new Known(jdbc.sql(AccountStanding.BY_USERNAME)
                    .param(username)
                    .query((rs, n) -> AccountStanding.of(rs))
                    .optional(), now);
            known.put(username, k);
        }
        return k.standing().map(s -> s.accepts(issuedAt)).orElse(false);
    }
}
