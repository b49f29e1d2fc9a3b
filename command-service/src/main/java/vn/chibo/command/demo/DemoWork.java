package vn.chibo.command.demo;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import vn.chibo.command.member.MemberCommands.EnrolMember;
import vn.chibo.command.member.MemberCommands.ReceiveTransfer;
import vn.chibo.command.member.MemberCommands.RecordResidenceFeedback;
import vn.chibo.command.member.MemberCommands.TransferMember;
import vn.chibo.command.notebook.NotebookCheck.CheckNotebooks;
import vn.chibo.command.rating.RatingCommands.RateMember;
import vn.chibo.command.task.TaskCommands.AssignTask;
import vn.chibo.command.task.TaskCommands.CompleteTask;
import vn.chibo.events.notebook.NotebookResult;
import vn.chibo.events.rating.RatingLevel;
import vn.chibo.events.rating.RatingPeriod;

/**
 * A cell's work for the demo: last year's yearly ratings (the first committee's cells rate generously, so its
 * excellent cap is exceeded), this year's monthly ratings up to last month, two tasks (one done, one overdue),
 * a notebook check, residence feedback for most members.
 */
final class DemoWork {
    private DemoWork() {
    }

    /** {@code leftOn}: members who moved out of their cell, and the day they did (not rated by it after that). */
    static List<Object> forCell(int cellNumber, UUID cellId, List<EnrolMember> members, LocalDate today,
                                Map<UUID, LocalDate> leftOn) {
        List<Object> commands = new ArrayList<>();
        int lastYear = today.getYear() - 1;
        for (int i = 0; i < members.size(); i++) {
            EnrolMember m = members.get(i);
            if (!m.memberSince().isAfter(LocalDate.of(lastYear, 12, 31))) {
                commands.add(new RateMember(m.memberId(), cellId, RatingPeriod.parse(String.valueOf(lastYear)),
                        level(cellNumber, i, cellNumber <= 5 ? 3 : 7), null, null));
            }
        }
        YearMonth last = YearMonth.from(today).minusMonths(1);
        for (YearMonth month = YearMonth.of(today.getYear(), 1); !month.isAfter(last); month = month.plusMonths(1)) {
            if (month.getYear() != today.getYear()) {
                continue;
            }
            RatingPeriod period = RatingPeriod.parse(month.toString());
            for (int i = 0; i < members.size(); i++) {
                EnrolMember m = members.get(i);
                LocalDate left = leftOn.get(m.memberId());
                if (!m.memberSince().isAfter(period.end()) && (left == null || left.isAfter(period.end()))) {
                    commands.add(new RateMember(m.memberId(), cellId, period, level(cellNumber + month.getMonthValue(), i, 6), null, null));
                }
            }
        }
        UUID doer = members.get(1).memberId();
        UUID late = members.get(2).memberId();
        LocalDate monthStart = last.atDay(3);
        UUID done = UUID.nameUUIDFromBytes(("demo-task-done:" + cellId).getBytes());
        commands.add(new AssignTask(done, cellId, doer, "Vận động đóng góp quỹ khuyến học", monthStart.plusDays(10), null, monthStart));
        commands.add(new CompleteTask(done, "Đã vận động được 12 hộ", null));
        commands.add(new AssignTask(UUID.nameUUIDFromBytes(("demo-task-open:" + cellId).getBytes()), cellId, late,
                "Tổng hợp ý kiến đóng góp dự thảo văn kiện", monthStart.plusDays(12), null, monthStart));
        List<NotebookResult> results = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            if (!leftOn.containsKey(members.get(i).memberId())) {
                results.add(new NotebookResult(members.get(i).memberId(), i % 6 != 0, i % 6 != 0 ? null : "Ghi chép chưa đầy đủ"));
            }
        }
        commands.add(new CheckNotebooks(UUID.nameUUIDFromBytes(("demo-notebooks:" + cellId).getBytes()), cellId,
                last.atDay(20), results));
        for (int i = 0; i < members.size(); i++) {
            if (i % 4 != 3) {
                commands.add(new RecordResidenceFeedback(members.get(i).memberId(), today.withDayOfMonth(1).minusMonths(2),
                        "Chi bộ khu dân cư số " + (1 + i % 5), i % 9 == 0 ? "Chưa gương mẫu" : "Gương mẫu",
                        "Đồng chí chấp hành tốt quy định nơi cư trú, tích cực tham gia hoạt động của khu dân cư."));
            }
        }
        return commands;
    }

    /** The members the demo transfers out of the first cell, and when. */
    static Map<UUID, LocalDate> movedOut(List<EnrolMember> members, LocalDate today) {
        List<EnrolMember> first = members.stream().filter(m -> m.cellId().equals(DemoProvince.cellId(1))).toList();
        LocalDate effective = today.minusMonths(3).withDayOfMonth(1);
        return Map.of(first.get(first.size() - 2).memberId(), effective, first.get(first.size() - 3).memberId(), effective);
    }

    /** Two demo transfers out of the first cell: one received in time, one never received (transfer-late). */
    static List<Object> transfers(List<EnrolMember> members, LocalDate today) {
        List<EnrolMember> first = members.stream().filter(m -> m.cellId().equals(DemoProvince.cellId(1))).toList();
        EnrolMember received = first.get(first.size() - 2);
        EnrolMember pending = first.get(first.size() - 3);
        LocalDate effective = movedOut(members, today).get(received.memberId());
        return List.of(
                new TransferMember(received.memberId(), DemoProvince.cellId(2), effective, "Chuyển nơi cư trú", null),
                new ReceiveTransfer(received.memberId(), effective.plusDays(9)),
                new TransferMember(pending.memberId(), DemoProvince.cellId(3), effective, "Chuyển công tác", null));
    }

    private static RatingLevel level(int seed, int i, int excellentEvery) {
        int k = (seed * 7 + i) % 20;
        if (k == 19) {
            return RatingLevel.NOT_COMPLETED;
        }
        if (k >= 16) {
            return RatingLevel.COMPLETED;
        }
        return i % excellentEvery == 0 ? RatingLevel.EXCELLENT : RatingLevel.GOOD;
    }
}
