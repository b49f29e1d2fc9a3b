package vn.chibo.command.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import com.nimbusds.jose.jwk.source.ImmutableSecret;

/** A token's signature is checked once, its claims on every use; another text is never taken for a kept token. */
class KeptJwtsTest {
    private final SecretKey key = new SecretKeySpec(
            "khoa-bi-mat-cua-chi-bo-dai-hon-32-byte".getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    private final AtomicInteger decoded = new AtomicInteger();
    private final AtomicBoolean active = new AtomicBoolean(true);
    private final KeptJwts jwts;

    KeptJwtsTest() {
        NimbusJwtDecoder nimbus = NimbusJwtDecoder.withSecretKey(key).macAlgorithm(MacAlgorithm.HS256).build();
        nimbus.setJwtValidator(jwt -> OAuth2TokenValidatorResult.success());
        JwtDecoder counting = token -> {
            decoded.incrementAndGet();
            return nimbus.decode(token);
        };
        jwts = new KeptJwts(counting, jwt -> active.get() ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "Tài khoản đã bị khóa.", null)), 2);
    }

    private String token(String subject) {
        JwtClaimsSet claims = JwtClaimsSet.builder().subject(subject).issuer("chibo").issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(3600)).build();
        return new NimbusJwtEncoder(new ImmutableSecret<>(key))
                .encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims)).getTokenValue();
    }

    @Test
    void a_token_is_decoded_once_and_its_claims_checked_on_every_use() {
        String token = token("bithu.kp3");
        assertThat(jwts.decode(token).getSubject()).isEqualTo("bithu.kp3");
        assertThat(jwts.decode(token).getSubject()).isEqualTo("bithu.kp3");
        assertThat(decoded.get()).isEqualTo(1);

        active.set(false);
        assertThatThrownBy(() -> jwts.decode(token)).isInstanceOf(JwtValidationException.class)
                .hasMessage("An error occurred while attempting to decode the Jwt: Tài khoản đã bị khóa.");
        active.set(true);
        assertThat(jwts.decode(token).getSubject()).isEqualTo("bithu.kp3");
        assertThat(decoded.get()).as("a token refused is not kept: checked again when next sent").isEqualTo(2);
        jwts.decode(token);
        assertThat(decoded.get()).isEqualTo(2);
    }

    @Test
    void a_kept_token_is_refused_once_it_has_expired_under_the_real_claim_checks() {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        JwtTimestampValidator timestamps = new JwtTimestampValidator();
        timestamps.setClock(clock);
        NimbusJwtDecoder nimbus = NimbusJwtDecoder.withSecretKey(key).macAlgorithm(MacAlgorithm.HS256).build();
        nimbus.setJwtValidator(jwt -> OAuth2TokenValidatorResult.success());
        JwtDecoder counting = token -> {
            decoded.incrementAndGet();
            return nimbus.decode(token);
        };
        KeptJwts real = new KeptJwts(counting, new DelegatingOAuth2TokenValidator<>(timestamps,
                new JwtIssuerValidator("chibo")), 16);
        String token = token("bithu.kp3");
        assertThat(real.decode(token).getSubject()).isEqualTo("bithu.kp3");

        now.set(now.get().plusSeconds(3600 + 61));
        assertThatThrownBy(() -> real.decode(token)).isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("expired");
        assertThat(decoded.get()).as("the signature was checked once").isEqualTo(1);
    }

    @Test
    void a_token_changed_by_one_character_is_checked_and_refused() {
        String token = token("tinhuy");
        jwts.decode(token);
        String[] parts = token.split("\\.");
        char last = parts[2].charAt(parts[2].length() - 2);
        String forged = parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 2)
                + (last == 'A' ? 'B' : 'A') + parts[2].charAt(parts[2].length() - 1);
        assertThatThrownBy(() -> jwts.decode(forged)).isInstanceOf(BadJwtException.class);
        assertThat(decoded.get()).isEqualTo(2);
    }

    @Test
    void when_full_every_kept_token_is_forgotten() {
        String a = token("a");
        String b = token("b");
        String c = token("c");
        jwts.decode(a);
        jwts.decode(b);
        jwts.decode(c);
        jwts.decode(c);
        assertThat(decoded.get()).isEqualTo(3);
        jwts.decode(a);
        assertThat(decoded.get()).as("a was forgotten when c came").isEqualTo(4);
    }
}
