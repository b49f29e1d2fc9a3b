package vn.chibo.command.security;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Bearer tokens decoded once and checked on every request. A client sends the same token for hours; parsing it and
 * checking its signature was ~7% of the command-service's request threads (JFR, issue 7). A token is kept by its
 * whole text, so only the very bytes whose signature was checked are ever taken from here; its claims are validated
 * on each use (expiry, issuer, the account still active: a disabled account or a changed password still stops the
 * next request; a token refused so is forgotten). At most {@code capacity} tokens are kept; when full, all are
 * forgotten.
 */
final class KeptJwts implements JwtDecoder {
    private final JwtDecoder signatureChecked;
    private final OAuth2TokenValidator<Jwt> validator;
    private final int capacity;
    private final Map<String, Jwt> kept = new ConcurrentHashMap<>();

    /** {@code signatureChecked} parses a token and checks its signature only; {@code validator} checks its claims. */
    KeptJwts(JwtDecoder signatureChecked, OAuth2TokenValidator<Jwt> validator, int capacity) {
        this.signatureChecked = signatureChecked;
        this.validator = validator;
        this.capacity = capacity;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt jwt = kept.get(token);
        if (jwt == null) {
            jwt = signatureChecked.decode(token);
            if (kept.size() >= capacity) {
                kept.clear();
            }
            kept.put(token, jwt);
        }
        OAuth2TokenValidatorResult result = validator.validate(jwt);
        if (result.hasErrors()) {
            kept.remove(token);
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
