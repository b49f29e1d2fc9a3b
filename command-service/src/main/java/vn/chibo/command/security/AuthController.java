package vn.chibo.command.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;

import vn.chibo.events.problem.Problem;
import vn.chibo.command.rules.RuleBroken;
import vn.chibo.command.security.Accounts.Account;
import vn.chibo.command.web.AsTyped;
import vn.chibo.events.access.Caller;

/** Đăng nhập: a user name and password for a short-lived signed token that both services accept. */
@RestController
public class AuthController {

    public record TokenRequest(@NotBlank String username, @NotBlank @AsTyped String password) {
    }

    public record TokenResponse(String access_token, String token_type, long expires_in) {
    }

    public record Me(String username, String role, String unitId, String fullName) {
    }

    private final Accounts accounts;
    private final PasswordEncoder passwords;
    private final JwtEncoder encoder;
    private final Duration ttl;
    /** Compared against when the user does not exist, so a wrong name costs as long as a wrong password. */
    private final String noSuchUserHash;

    public AuthController(Accounts accounts, PasswordEncoder passwords, JwtEncoder encoder,
                          @Value("${chibo.jwt.ttl:PT30M}") Duration ttl) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.encoder = encoder;
        this.ttl = ttl;
        this.noSuchUserHash = passwords.encode("no such user");
    }

    @PostMapping("/api/auth/token")
    public TokenResponse token(@Valid @RequestBody TokenRequest request) {
        Account account = accounts.find(request.username().strip()).orElse(null);
        boolean matches = passwords.matches(request.password(), account == null ? noSuchUserHash : account.passwordHash());
        if (account == null || !matches || !account.enabled()) {
            throw new RuleBroken(Problem.BAD_CREDENTIALS,
                    "Sai tên đăng nhập hoặc mật khẩu, hoặc tài khoản đã bị khóa. (Wrong user name or password, or account disabled.)",
                    "password");
        }
        Instant now = Instant.now();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(Caller.ISSUER)
                .subject(account.username())
                .issuedAt(now)
                .expiresAt(now.plus(ttl))
                .claims(c -> c.putAll(Map.of(
                        Caller.CLAIM_ROLE, account.role().name(),
                        Caller.CLAIM_UNIT, account.unitId().toString(),
                        Caller.CLAIM_NAME, account.fullName())))
                .build();
        String token = encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                .getTokenValue();
        return new TokenResponse(token, "Bearer", ttl.toSeconds());
    }

    @GetMapping("/api/me")
    public Me me(Caller caller) {
        return new Me(caller.username(), caller.role().name(), caller.unitId().toString(), caller.fullName());
    }
}
