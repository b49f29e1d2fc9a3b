package vn.chibo.command.security;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.chibo.command.testing.Builders.account;
import static vn.chibo.command.testing.Builders.body;
import static vn.chibo.command.testing.Builders.cell;
import static vn.chibo.command.testing.Builders.committee;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;

import vn.chibo.events.access.Role;

import vn.chibo.command.testing.Api;
import vn.chibo.command.testing.Api.Reply;
import vn.chibo.command.testing.CommandServiceTestBase;

/** Logging in, /api/me, and the department's account management. */
class AccountsHttpTest extends CommandServiceTestBase {
    @Autowired
    private Accounts accounts;
    @Autowired
    private PasswordEncoder passwords;

    @Test
    void a_password_set_with_a_combining_keyboard_still_logs_in_as_typed() {
        // "Mậtkhẩu-2026" as Unikey's "Unicode tổ hợp" types it, hashed as it was typed (accounts made before text was composed)
        String combining = "Ma\u0323\u0302tkha\u0302\u0309u-2026";
        String username = "bithu.tohop" + System.nanoTime() % 100000;
        assertThat(accounts.create(username, passwords.encode(combining), "Bí thư", Role.PROVINCE, PROVINCE, "test")).isTrue();
        Reply token = api().post("/api/auth/token", body("username", username, "password", combining));
        assertThat(token.status()).as(token.toString()).isEqualTo(200);
        String accessToken = token.json().get("access_token").asText();
        Reply changed = api().withToken(accessToken).post("/api/users/" + username + "/password",
                body("password", "Mật khẩu mới 2027", "currentPassword", combining));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
    }

    @Test
    void the_demo_province_user_logs_in_and_reads_who_it_is() {
        Reply token = api().post("/api/auth/token", body("username", "tinhuy", "password", DEMO_PASSWORD));
        assertThat(token.status()).isEqualTo(200);
        assertThat(token.json().get("token_type").asText()).isEqualTo("Bearer");
        assertThat(token.json().get("expires_in").asLong()).isBetween(60L, 3600L);

        Reply me = api().withToken(token.json().get("access_token").asText()).get("/api/me");
        assertThat(me.json().get("username").asText()).isEqualTo("tinhuy");
        assertThat(me.json().get("role").asText()).isEqualTo("PROVINCE");
        assertThat(me.json().get("unitId").asText()).isEqualTo(PROVINCE.toString());
    }

    @Test
    void a_wrong_password_is_401_bad_credentials() {
        Reply reply = api().post("/api/auth/token", body("username", "tinhuy", "password", "sai-mat-khau"));
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.problem()).isEqualTo("bad-credentials");
        assertThat(api().post("/api/auth/token", body("username", "khong-co", "password", "x")).status()).isEqualTo(401);
    }

    @Test
    void a_committee_creates_accounts_in_its_subtree_only() {
        Api province = province();
        UUID mine = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        UUID myCell = UUID.randomUUID();
        UUID otherCell = UUID.randomUUID();
        province.post("/api/org-units", committee(mine, "Đảng bộ xã Tân Phước", PROVINCE));
        province.post("/api/org-units", committee(other, "Đảng bộ xã Thạnh Lộc", PROVINCE));
        province.post("/api/org-units", cell(myCell, "Chi bộ ấp Bình Minh", mine));
        province.post("/api/org-units", cell(otherCell, "Chi bộ ấp Đông Hòa", other));
        assertThat(province.post("/api/users", account("danguy.tanphuoc", "COMMITTEE", mine)).status()).isEqualTo(201);
        Api committee = api().as("danguy.tanphuoc", "mat-khau-2026");

        Reply inside = committee.post("/api/users", account("bithu.binhminh", "CELL", myCell));
        assertThat(inside.status()).as(inside.toString()).isEqualTo(201);
        assertThat(inside.json().get("id").asText()).isEqualTo("bithu.binhminh");

        Reply outside = committee.post("/api/users", account("bithu.donghoa", "CELL", otherCell));
        assertThat(outside.status()).isEqualTo(403);
        assertThat(outside.problem()).isEqualTo("out-of-scope");

        Reply promote = committee.post("/api/users", account("tinhuy2", "PROVINCE", mine));
        assertThat(promote.status()).isEqualTo(403);

        Reply mismatch = province.post("/api/users", account("bithu.sai", "CELL", mine));
        assertThat(mismatch.status()).isEqualTo(422);
        assertThat(mismatch.problem()).isEqualTo("role-unit-mismatch");

        Reply taken = province.post("/api/users", account("bithu.binhminh", "CELL", myCell));
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.problem()).isEqualTo("username-taken");

        var weak = account("bithu.yeu", "CELL", myCell);
        weak.put("password", "12345");
        Reply weakReply = province.post("/api/users", weak);
        assertThat(weakReply.status()).isEqualTo(422);
        assertThat(weakReply.problem()).isEqualTo("weak-password");
        assertThat(weakReply.json().get("field").asText()).isEqualTo("password");
    }

    @Test
    void a_password_change_ends_old_tokens_and_a_disabled_account_cannot_log_in() {
        Api province = province();
        UUID committee = UUID.randomUUID();
        UUID cell = UUID.randomUUID();
        province.post("/api/org-units", committee(committee, "Đảng bộ phường Hòa Bình", PROVINCE));
        province.post("/api/org-units", cell(cell, "Chi bộ khu phố 3", committee));
        province.post("/api/users", account("bithu.kp3", "CELL", cell));
        Api secretary = api().as("bithu.kp3", "mat-khau-2026");
        assertThat(secretary.get("/api/me").status()).isEqualTo(200);

        Reply wrongCurrent = secretary.post("/api/users/bithu.kp3/password", body("password", "mat-khau-moi-2027", "currentPassword", "sai"));
        assertThat(wrongCurrent.status()).isEqualTo(422);
        assertThat(wrongCurrent.problem()).isEqualTo("wrong-password");

        // token times are whole seconds: a token issued in the very second of the change would stay valid
        sleepUntilNextSecond();
        Reply changed = secretary.post("/api/users/bithu.kp3/password", body("password", "mat-khau-moi-2027", "currentPassword", "mat-khau-2026"));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(secretary.get("/api/me").status()).isEqualTo(401);
        Api again = api().as("bithu.kp3", "mat-khau-moi-2027");
        assertThat(again.get("/api/me").status()).isEqualTo(200);

        Reply disabled = province.post("/api/users/bithu.kp3/disable", null);
        assertThat(disabled.status()).as(disabled.toString()).isEqualTo(200);
        assertThat(again.get("/api/me").status()).isEqualTo(401);
        assertThat(api().post("/api/auth/token", body("username", "bithu.kp3", "password", "mat-khau-moi-2027")).status())
                .isEqualTo(401);
    }

    private static void sleepUntilNextSecond() {
        long next = (System.currentTimeMillis() / 1000 + 1) * 1000;
        org.awaitility.Awaitility.await().pollInterval(java.time.Duration.ofMillis(20))
                .until(() -> System.currentTimeMillis() >= next);
    }
}
