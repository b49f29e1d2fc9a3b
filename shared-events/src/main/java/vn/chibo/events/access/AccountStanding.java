package vn.chibo.events.access;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * What decides whether an account's token is still honoured, by either service: the account is enabled, and its
 * password has not changed since the token was issued (a token's times are whole seconds).
 */
public record AccountStanding(boolean enabled, Instant passwordChangedAt) {
    public boolean accepts(Instant tokenIssuedAt) {
        return enabled && !tokenIssuedAt.isBefore(passwordChangedAt.truncatedTo(ChronoUnit.SECONDS));
    }
}
