package vn.chibo.command.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import vn.chibo.command.support.RecentReads;
import vn.chibo.events.access.AccountStanding;
import vn.chibo.events.access.Role;

/** User accounts with bcrypt password hashes ({@code event_store.account}); managed by the department. */
@Component
public class Accounts {
    /** One account as stored. */
    public record Account(String username, String passwordHash, String fullName, Role role, UUID unitId,
                          boolean enabled, Instant passwordChangedAt) {
    }

    private final JdbcClient jdbc;
    /** What the token check of each request needs: read once every few seconds per user, not on every request. */
    private final RecentReads<String, Optional<AccountStanding>> standing = new RecentReads<>(Duration.ofSeconds(5), 10_000);

    public Accounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Account> find(String username) {
        return jdbc.sql("""
                SELECT username, password_hash, full_name, role, unit_id, enabled, password_changed_at
                FROM event_store.account WHERE username = ?""")
                .param(username)
                .query((rs, n) -> new Account(rs.getString(1), rs.getString(2), rs.getString(3),
                        Role.valueOf(rs.getString(4)), rs.getObject(5, UUID.class), rs.getBoolean(6),
                        rs.getTimestamp(7).toInstant()))
                .optional();
    }

    /** Inserts the account; false when the user name is taken. */
    public boolean create(String username, String passwordHash, String fullName, Role role, UUID unitId, String createdBy) {
        return jdbc.sql("""
                INSERT INTO event_store.account (username, password_hash, full_name, role, unit_id, created_by)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (username) DO NOTHING""")
                .params(username, passwordHash, fullName, role.name(), unitId, createdBy)
                .update() == 1;
    }

    public void changePassword(String username, String passwordHash) {
        jdbc.sql("UPDATE event_store.account SET password_hash = ?, password_changed_at = now() WHERE username = ?")
                .params(passwordHash, username).update();
        standing.forget(username);
    }

    public void disable(String username) {
        jdbc.sql("UPDATE event_store.account SET enabled = false WHERE username = ?").param(username).update();
        standing.forget(username);
    }

    /** An enabled account whose password has not changed since the token was issued (JWT times are in seconds). */
    public boolean acceptsTokenIssuedAt(String username, Instant issuedAt) {
        return standing.get(username, name -> jdbc.sql(AccountStanding.BY_USERNAME)
                        .param(name)
                        .query((rs, n) -> AccountStanding.of(rs))
                        .optional())
                .map(s -> s.accepts(issuedAt))
                .orElse(false);
    }

}
