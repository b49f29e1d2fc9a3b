package vn.chibo.query.security;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.SecurityFilterChain;

import vn.chibo.events.access.Caller;
import vn.chibo.query.web.ProblemWriter;

/**
 * The query-service accepts the command-service's tokens: same HS256 key ({@code CHIBO_JWT_SECRET}), same
 * issuer. It signs nothing. A token of an account disabled since, or issued before its password changed, is refused
 * here too, within a few seconds ({@link AccountStandings}).
 */
@Configuration
public class SecurityConfiguration {

    @Bean
    JwtDecoder jwtDecoder(@Value("${chibo.jwt.secret:}") String secret, AccountStandings accounts) {
        if (secret.getBytes(StandardCharsets.UTF_8).length < 32) {
            throw new IllegalStateException("Set CHIBO_JWT_SECRET (chibo.jwt.secret) to the command-service's signing key "
                    + "(at least 32 bytes); only the demo profile has one of its own.");
        }
        SecretKey key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(key).macAlgorithm(MacAlgorithm.HS256).build();
        // our issuer is the name "chibo", not a URL: the default conversion tried new URL("chibo") and threw on every
        // request (2% of the command-service's CPU, issue 7); the issuer validator compares it as a string
        decoder.setClaimSetConverter(MappedJwtClaimSetConverter.withDefaults(Map.of(JwtClaimNames.ISS, issuer -> issuer)));
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(Caller.ISSUER),
                jwt -> accounts.acceptsTokenIssuedAt(jwt.getSubject(), jwt.getIssuedAt() == null ? Instant.EPOCH : jwt.getIssuedAt())
                        ? OAuth2TokenValidatorResult.success()
                        : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token",
                        "Tài khoản đã bị khóa hoặc đã đổi mật khẩu. (Account disabled or password changed.)", null))));
        return decoder;
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, ProblemWriter problems) throws Exception {
        http.csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/actuator/health/**", "/actuator/health", "/error").permitAll()
                        // the web UI's files: the pages fetch the data with the user's token
                        .requestMatchers("/", "/index.html", "/ui/**", "/webjars/**", "/favicon.ico").permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(o -> o
                        .jwt(j -> j.jwtAuthenticationConverter(jwt -> new JwtAuthenticationToken(jwt, java.util.List.of(), jwt.getSubject())))
                        .authenticationEntryPoint((req, res, e) -> problems.unauthenticated(res, e)))
                .exceptionHandling(e -> e.authenticationEntryPoint((req, res, ex) -> problems.unauthenticated(res, ex)));
        return http.build();
    }
}
