package vn.chibo.command.security;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.UUID;

import vn.chibo.command.idempotency.IdempotentWrite;
import vn.chibo.command.rules.OrgTree;
import vn.chibo.events.problem.Problem;
import vn.chibo.command.rules.RuleBroken;
import vn.chibo.command.security.Accounts.Account;
import vn.chibo.command.web.AsTyped;
import vn.chibo.command.web.WriteResult;
import vn.chibo.events.access.Caller;
import vn.chibo.events.access.Role;
import vn.chibo.events.organisation.OrgUnitKind;

/**
 * Quản lý tài khoản: the department gives each cell secretary, committee and inspector an account, resets
 * passwords and disables accounts, without touching the database. A committee manages accounts inside its
 * own subtree; nobody but the province creates a province account.
 */
@RestController
public class AccountController {
    static final int MIN_PASSWORD_LENGTH = 10;

    public record NewAccount(
            @NotBlank @Pattern(regexp = "[a-z0-9._-]{3,64}", message = "3–64 ký tự a-z, 0-9, '.', '_' hoặc '-'") String username,
            @NotNull @Size(max = 200) @AsTyped String password,
            @NotBlank @Size(max = 200) String fullName,
            @NotNull Role role,
            @NotNull UUID unitId) {
    }

    public record PasswordChange(@NotNull @Size(max = 200) @AsTyped String password, @AsTyped String currentPassword) {
    }

    private final Accounts accounts;
    private final PasswordEncoder passwords;
    private final Scope scope;
    private final OrgTree tree;
    private final IdempotentWrite write;

    public AccountController(Accounts accounts, PasswordEncoder passwords, Scope scope, OrgTree tree, IdempotentWrite write) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.scope = scope;
        this.tree = tree;
        this.write = write;
    }

    @PostMapping("/api/users")
    public ResponseEntity<WriteResult> create(@Valid @RequestBody NewAccount request, Caller caller) {
        scope.requireAccountAdmin(caller, request.unitId());
        if (request.role() == Role.SYSTEM || (request.role() == Role.PROVINCE && caller.role() != Role.PROVINCE)) {
            throw new RuleBroken(Problem.FORBIDDEN_ROLE,
                    "Không được tạo tài khoản vai trò " + request.role() + ". (You may not create this role.)", "role");
        }
        OrgUnitKind kind = tree.kindOf(request.unitId()).orElseThrow();
        if (!fits(request.role(), kind)) {
            throw new RuleBroken(Problem.ROLE_UNIT_MISMATCH,
                    "Vai trò " + request.role() + " không gắn được với đơn vị loại " + kind + ". (Role " + request.role()
                            + " needs a matching unit kind.)", "unitId");
        }
        requireStrong(request.password());
        return write.run(caller.username(), HttpStatus.CREATED, () -> {
            if (!accounts.create(request.username(), passwords.encode(request.password()), request.fullName().strip(),
                    request.role(), request.unitId(), caller.username())) {
                throw new RuleBroken(Problem.USERNAME_TAKEN,
                        "Tên đăng nhập '" + request.username() + "' đã có. (User name taken.)", "username");
            }
            return new WriteResult(request.username(), 0);
        });
    }

    @PostMapping("/api/users/{username}/password")
    public ResponseEntity<WriteResult> changePassword(@PathVariable String username,
                                                      @Valid @RequestBody PasswordChange request, Caller caller) {
        Account account = existing(username);
        if (caller.username().equals(username)) {
            if (request.currentPassword() == null || !passwords.matches(request.currentPassword(), account.passwordHash())) {
                throw new RuleBroken(Problem.WRONG_PASSWORD,
                        "Mật khẩu hiện tại không đúng. (The current password is wrong.)", "currentPassword");
            }
        } else {
            scope.requireAccountAdmin(caller, account.unitId());
        }
        requireStrong(request.password());
        return write.run(caller.username(), HttpStatus.OK, () -> {
            accounts.changePassword(username, passwords.encode(request.password()));
            return new WriteResult(username, 0);
        });
    }

    @PostMapping("/api/users/{username}/disable")
    public ResponseEntity<WriteResult> disable(@PathVariable String username, Caller caller) {
        Account account = existing(username);
        scope.requireAccountAdmin(caller, account.unitId());
        if (caller.username().equals(username)) {
            throw new RuleBroken(Problem.FORBIDDEN_ROLE, "Không tự khóa tài khoản của mình. (You cannot disable yourself.)");
        }
        return write.run(caller.username(), HttpStatus.OK, () -> {
            accounts.disable(username);
            return new WriteResult(username, 0);
        });
    }

    private Account existing(String username) {
        return accounts.find(username).orElseThrow(() -> new RuleBroken(Problem.NOT_FOUND,
                "Không có tài khoản '" + username + "'. (Unknown account.)", "username"));
    }

    private static boolean fits(Role role, OrgUnitKind kind) {
        return switch (role) {
            case PROVINCE -> kind == OrgUnitKind.PROVINCE;
            case COMMITTEE -> kind == OrgUnitKind.COMMITTEE;
            case CELL -> kind == OrgUnitKind.CELL;
            case AUDITOR -> true;
            case SYSTEM -> false;
        };
    }

    private static void requireStrong(String password) {
        if (password.length() < MIN_PASSWORD_LENGTH || password.chars().allMatch(Character::isLetter)
                || password.chars().allMatch(Character::isDigit)) {
            throw new RuleBroken(Problem.WEAK_PASSWORD,
                    "Mật khẩu cần ít nhất " + MIN_PASSWORD_LENGTH + " ký tự, có cả chữ và số hoặc ký hiệu. "
                            + "(At least 10 characters, not only letters or only digits.)", "password");
        }
    }
}
