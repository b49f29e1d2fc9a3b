package vn.chibo.command.security;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

import com.nimbusds.jose.jwk.source.ImmutableSecret;

import vn.chibo.events.problem.Problem;
import vn.chibo.command.web.ProblemWriter;
import vn.chibo.events.access.Caller;

/**
 * Stateless bearer tokens (HS256 JWT) signed with the key from {@code chibo.jwt.secret} (env
 * {@code CHIBO_JWT_SECRET}); the query-service checks them with the same key. Every path but the token
 * endpoint and health needs a valid token; 401 and 403 answer as problem+json.
 */
@Configuration
public class SecurityConfiguration {
    /** Bearer tokens kept decoded (~2 kB each): when more are in use, all are forgotten and decoded again. */
    private static final int KEPT_TOKENS = 4_096;

    @Bean
    SecretKey jwtKey(@Value("${chibo.jwt.secret:}") String secret) {
        if (secret.getBytes(StandardCharsets.UTF_8).length < 32) {
            throw new IllegalStateException("Set CHIBO_JWT_SECRET (chibo.jwt.secret) to a random string of at least "
                    + "32 bytes; only the demo profile has one of its own.");
        }
        return new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    @Bean
    JwtEncoder jwtEncoder(SecretKey jwtKey) {
        return new NimbusJwtEncoder(new ImmutableSecret<>(jwtKey));
    }

    @Bean
    JwtDecoder jwtDecoder(SecretKey jwtKey, Accounts accounts) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(jwtKey).macAlgorithm(MacAlgorithm.HS256).build();
        // our issuer is the name "chibo", not a URL: the default conversion tried new URL("chibo") and threw on every
        // request (2% of the command-service's CPU, issue 7); the issuer validator compares it as a string
        decoder.setClaimSetConverter(MappedJwtClaimSetConverter.withDefaults(Map.of(JwtClaimNames.ISS, issuer -> issuer)));
        // the signature checked once per token (KeptJwts), the claims on every request
        decoder.setJwtValidator(jwt -> OAuth2TokenValidatorResult.success());
        return new KeptJwts(decoder, new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(Caller.ISSUER), stillActive(accounts)), KEPT_TOKENS);
    }

    /** A disabled account, or a token issued before the last password change, no longer writes anything. */
    private static OAuth2TokenValidator<Jwt> stillActive(Accounts accounts) {
        return jwt -> {
            Instant issuedAt = jwt.getIssuedAt() == null ? Instant.EPOCH : jwt.getIssuedAt();
            return accounts.acceptsTokenIssuedAt(jwt.getSubject(), issuedAt)
                    ? OAuth2TokenValidatorResult.success()
                    : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token",
                    "Tài khoản đã bị khóa hoặc đã đổi mật khẩu. (Account disabled or password changed.)", null));
        };
    }

    /**
     * The web UI is served by the query-service (another origin), and its pages send commands here: those origins
     * ({@code chibo.ui.origins}, env {@code CHIBO_UI_ORIGINS}) may call the API with a bearer token.
     */
    @Bean
    CorsConfigurationSource corsConfigurationSource(@Value("${chibo.ui.origins:http://localhost:8082}") List<String> origins) {
        CorsConfiguration config = new CorsConfiguration();
        config.setAllowedOrigins(origins);
        config.setAllowedMethods(List.of("GET", "POST", "PUT", "OPTIONS"));
        config.setAllowedHeaders(List.of("Authorization", "Content-Type", "Idempotency-Key", "If-Match", "X-Client-Time",
                "X-Correlation-Id", "Accept"));
        config.setExposedHeaders(List.of("Idempotent-Replayed"));
        config.setMaxAge(3600L);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", config);
        return source;
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, ProblemWriter problems) throws Exception {
        http.csrf(c -> c.disable())
                .cors(Customizer.withDefaults())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(a -> a
                        .requestMatchers(HttpMethod.POST, "/api/auth/token").permitAll()
                        .requestMatchers("/actuator/health/**", "/actuator/health", "/error").permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(o -> o
                        .jwt(j -> j.jwtAuthenticationConverter(new CallerAuthentication()))
                        .authenticationEntryPoint((req, res, e) -> problems.unauthenticated(res, e))
                        .accessDeniedHandler((req, res, e) -> problems.write(res, Problem.FORBIDDEN_ROLE,
                                "Không có quyền. (Access denied.)", null)))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) -> problems.unauthenticated(res, ex)));
        return http.build();
    }
}
