package vn.chibo.command.task;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.chibo.command.testing.Builders.account;
import static vn.chibo.command.testing.Builders.body;
import static vn.chibo.command.testing.Builders.cell;
import static vn.chibo.command.testing.Builders.committee;
import static vn.chibo.command.testing.Builders.member;

import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import vn.chibo.command.testing.Api;
import vn.chibo.command.testing.Api.Reply;
import vn.chibo.command.testing.CommandServiceTestBase;
import vn.chibo.events.task.TaskAssigned;

/** A task's writes over HTTP, and how the write side knows the cell of a task it has just created. */
class TaskHttpTest extends CommandServiceTestBase {
    @Autowired
    private TaskDirectory directory;

    @Autowired
    private TransactionTemplate transactions;

    @Test
    void a_task_just_assigned_is_completed_by_its_kept_cell_and_the_callers_scope_is_still_checked() {
        Api province = province();
        UUID committee = UUID.randomUUID();
        UUID home = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        UUID lan = UUID.randomUUID();
        UUID minh = UUID.randomUUID();
        province.post("/api/org-units", committee(committee, "Đảng bộ xã Long Hựu", PROVINCE));
        province.post("/api/org-units", cell(home, "Chi bộ ấp Long Thạnh", committee));
        province.post("/api/org-units", cell(other, "Chi bộ ấp Long An", committee));
        province.post("/api/cells/" + home + "/members", member(lan, "Nguyễn Thị Lan", "79.000101"));
        province.post("/api/cells/" + home + "/members", member(minh, "Lê Văn Minh", "79.000102"));
        assertThat(province.post("/api/users", account("bithu.longan", "CELL", other)).status()).isEqualTo(201);

        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        Reply assigned = province.post("/api/cells/" + home + "/tasks",
                body("id", first, "memberId", lan, "title", "Vận động hộ nghèo", "dueOn", "2027-01-31"));
        assertThat(assigned.status()).as(assigned.toString()).isEqualTo(201);
        // a second member of the same cell
        Reply toMinh = province.post("/api/cells/" + home + "/tasks",
                body("id", second, "memberId", minh, "title", "Thăm hộ neo đơn", "dueOn", "2027-01-31"));
        assertThat(toMinh.status()).as(toMinh.toString()).isEqualTo(201);
        Reply toCommittee = province.post("/api/cells/" + committee + "/tasks",
                body("memberId", lan, "title", "Rà soát hồ sơ", "dueOn", "2027-01-31"));
        assertThat(toCommittee.status()).as(toCommittee.toString()).isEqualTo(422);
        assertThat(toCommittee.problem()).as("a committee's id is no cell, whoever its members").isEqualTo("not-a-cell");
        assertThat(toCommittee.json().get("field").asText()).isEqualTo("cellId");
        long beforeUnknownMeeting = eventCount();
        Reply atNoMeeting = province.post("/api/cells/" + home + "/tasks",
                body("memberId", lan, "title", "Rà soát hồ sơ", "dueOn", "2027-01-31", "meetingId", UUID.randomUUID()));
        assertThat(atNoMeeting.status()).as(atNoMeeting.toString()).isEqualTo(404);
        assertThat(atNoMeeting.json().get("field").asText()).isEqualTo("meetingId");
        // a meeting the directory knows, of the other cell: no less unknown to this one
        UUID theirMeeting = UUID.randomUUID();
        jdbc.sql("INSERT INTO event_store.meeting_directory (meeting_id, cell_id) VALUES (?, ?)").params(theirMeeting, other).update();
        Reply atTheirMeeting = province.post("/api/cells/" + home + "/tasks",
                body("memberId", lan, "title", "Rà soát hồ sơ", "dueOn", "2027-01-31", "meetingId", theirMeeting));
        assertThat(atTheirMeeting.status()).as(atTheirMeeting.toString()).isEqualTo(404);
        assertThat(atTheirMeeting.json().get("field").asText()).isEqualTo("meetingId");
        assertThat(eventCount()).isEqualTo(beforeUnknownMeeting);
        assertThat(jdbc.sql("SELECT cell_id FROM event_store.task_directory WHERE task_id = ?").param(first)
                .query(UUID.class).single()).isEqualTo(home);

        // the next writes do not ask the table: without its row, the task is still known as the home cell's
        jdbc.sql("DELETE FROM event_store.task_directory WHERE task_id = ?").param(first).update();
        long before = eventCount();
        Reply outOfScope = api().as("bithu.longan", "mat-khau-2026")
                .post("/api/tasks/" + first + "/complete", body("note", "Xong"));
        assertThat(outOfScope.status()).as(outOfScope.toString()).isEqualTo(403);
        assertThat(outOfScope.problem()).isEqualTo("out-of-scope");
        assertThat(eventCount()).isEqualTo(before);
        Reply done = province.post("/api/tasks/" + first + "/complete", body("note", "Xong"));
        assertThat(done.status()).as(done.toString()).isEqualTo(200);
        assertThat(done.json().get("version").asLong()).isEqualTo(1);
        assertThat(eventCount()).isEqualTo(before + 1);

        // a task refused never reaches its directory: it stays unknown
        UUID refused = UUID.randomUUID();
        Reply notAMember = province.post("/api/cells/" + other + "/tasks",
                body("id", refused, "memberId", lan, "title", "Vận động hộ nghèo", "dueOn", "2027-01-31"));
        assertThat(notAMember.status()).as(notAMember.toString()).isEqualTo(422);
        assertThat(notAMember.problem()).isEqualTo("not-a-member");
        Reply unknown = province.post("/api/tasks/" + refused + "/complete", body("note", "Xong"));
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(404);

        // a member enrolled by another instance of the service since this one read the cell's roster is not refused
        UUID an = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO event_store.membership_directory (member_id, seq, cell_id, status, from_date)
                VALUES (?, 0, ?, 'FULL', ?)""")
                .params(an, home, LocalDate.of(2020, 1, 1)).update();
        Reply toNewcomer = province.post("/api/cells/" + home + "/tasks",
                body("id", UUID.randomUUID(), "memberId", an, "title", "Thăm hộ neo đơn", "dueOn", "2027-01-31"));
        assertThat(toNewcomer.status()).as(toNewcomer.toString()).isEqualTo(201);
    }

    @Test
    void the_cell_of_a_task_whose_transaction_rolled_back_is_not_kept() {
        UUID task = UUID.randomUUID();
        transactions.executeWithoutResult(status -> {
            directory.on(new TaskAssigned(task, UUID.randomUUID(), UUID.randomUUID(), "Vận động hộ nghèo",
                    LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 31), null));
            status.setRollbackOnly();
        });

        assertThat(directory.cellOf(task)).isEmpty();
    }
}
