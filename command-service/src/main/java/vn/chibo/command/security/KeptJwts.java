package vn.chibo.command.security;

import java.time.Duration;
import java.util.Collection;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

import vn.chibo.command.support.RecentReads;

/**
 * Bearer tokens decoded once and checked on every request. A client sends the same token for hours; parsing it and
 * checking its signature was ~7% of the command-service's request threads (JFR, issue 7). A token is kept by its
 * whole text, so only the very bytes whose signature was checked are ever taken from here; its claims are validated
 * on each use (expiry, issuer, the account still active: a disabled account or a changed password still stops the
 * next request; a token refused so is forgotten). Kept as {@link RecentReads} keeps rows: at most {@code capacity}
 * tokens, for an hour; when full, all are forgotten.
 */
final class KeptJwts implements JwtDecoder {
    /** Longer than a token lives ({@code chibo.jwt.ttl}, 30 minutes by default): its expiry refuses it first. */
    private static final Duration KEPT_FOR = Duration.ofHours(1);

    private final JwtDecoder signatureChecked;
    private final OAuth2TokenValidator<Jwt> validator;
    private final RecentReads<String, Jwt> kept;

    /** {@code signatureChecked} parses a token and checks its signature only; {@code validator} checks its claims. */
    KeptJwts(JwtDecoder signatureChecked, OAuth2TokenValidator<Jwt> validator, int capacity) {
        this.signatureChecked = signatureChecked;
        this.validator = validator;
        this.kept = new RecentReads<>(KEPT_FOR, capacity);
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt jwt = kept.get(token, signatureChecked::decode);
        OAuth2TokenValidatorResult result = validator.validate(jwt);
        if (result.hasErrors()) {
            kept.forget(token);
            throw new JwtValidationException(message(result.getErrors()), result.getErrors());
        }
        return jwt;
    }

    /** As Spring's {@code NimbusJwtDecoder} words a claim that fails. */
    private static String message(Collection<OAuth2Error> errors) {
        return errors.stream().map(OAuth2Error::getDescription).filter(d -> d != null && !d.isEmpty()).findFirst()
                .map(d -> "An error occurred while attempting to decode the Jwt: " + d)
                .orElse("Unable to validate Jwt");
    }
}
