package vn.chibo.events.access;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * What decides whether an account's token is still honoured, by either service: the account is enabled, and its
 * password has not changed since the token was issued (a token's times are whole seconds).
 */
public record AccountStanding(boolean enabled, Instant passwordChangedAt) {
    /** How both services read it: one account's row of the command-service's {@code event_store.account}. */
    public static final String BY_USERNAME = "SELECT enabled, password_changed_at FROM event_store.account WHERE username = ?";

    /** The standing of a row read by {@link #BY_USERNAME}. */
    public static AccountStanding of(ResultSet row) throws SQLException {
        return new AccountStanding(row.getBoolean(1), row.getTimestamp(2).toInstant());
    }

    public boolean accepts(Instant tokenIssuedAt) {
        return enabled && !tokenIssuedAt.isBefore(passwordChangedAt.truncatedTo(ChronoUnit.SECONDS));
    }
}
