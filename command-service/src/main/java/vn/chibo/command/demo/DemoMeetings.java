package vn.chibo.command.demo;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import vn.chibo.command.meeting.MeetingCommands.DraftMinutes;
import vn.chibo.command.meeting.MeetingCommands.FinaliseMinutes;
import vn.chibo.command.meeting.MeetingCommands.RecordAttendance;
import vn.chibo.command.meeting.MeetingCommands.RecordVote;
import vn.chibo.command.meeting.MeetingCommands.ScheduleMeeting;
import vn.chibo.command.meeting.MeetingCommands.ScoreMeeting;
import vn.chibo.command.member.MemberCommands.EnrolMember;
import vn.chibo.command.rules.CellRoster;
import vn.chibo.events.VietnamTime;
import vn.chibo.events.meeting.Absence;
import vn.chibo.events.meeting.MeetingKind;
import vn.chibo.events.meeting.MinutesSections;
import vn.chibo.events.meeting.Opinion;
import vn.chibo.events.meeting.SummonedMember;
import vn.chibo.events.organisation.MemberStatus;

/**
 * Last month's regular meeting of each demo cell, so the calendar and the meeting page have something to show:
 * most on the 3rd with minutes finalised, some off the regular day with a reason, some with minutes still in
 * draft, and a few cells that did not meet at all.
 */
final class DemoMeetings {
    private DemoMeetings() {
    }

    /** The commands for one cell, in order, or none for a cell that did not meet. */
    static List<Object> forCell(int cellNumber, UUID cellId, List<EnrolMember> enrolled, LocalDate today,
                                Map<UUID, LocalDate> leftOn, CellRoster roster) {
        LocalDate monthStart = YearMonth.from(today).minusMonths(1).atDay(1);
        List<EnrolMember> members = enrolled.stream()
                .filter(m -> !leftOn.containsKey(m.memberId()) || leftOn.get(m.memberId()).isAfter(monthStart)).toList();
        if (cellNumber % 7 == 0 || members.size() < 3) {
            return List.of();
        }
        YearMonth month = YearMonth.from(today).minusMonths(1);
        boolean offDay = cellNumber % 5 == 0;
        LocalDate day = month.atDay(offDay ? 6 : 3);
        ZonedDateTime starts = ZonedDateTime.of(day, LocalTime.of(8, 0), VietnamTime.ZONE);
        UUID meetingId = UUID.nameUUIDFromBytes(("demo-meeting:" + cellId + ":" + month).getBytes());
        UUID chair = members.get(0).memberId();
        UUID recorder = members.get(1).memberId();
        UUID presenter = members.get(2).memberId();
        List<Object> commands = new ArrayList<>();
        commands.add(new ScheduleMeeting(meetingId, cellId, MeetingKind.REGULAR, starts.toInstant(), "Hội trường chi bộ", null,
                List.of("Thông tin thời sự", "Kiểm điểm nhiệm vụ tháng trước", "Nhiệm vụ tháng " + today.getMonthValue()),
                chair, recorder, presenter, null, offDay ? "Trùng lịch tiêm phòng gia súc của xã" : null,
                starts.minusDays(7).toInstant(), false));
        List<SummonedMember> summoned = roster.summonedOn(cellId, day);
        UUID absentee = members.get(members.size() - 1).memberId();
        List<UUID> present = summoned.stream().map(SummonedMember::memberId).filter(id -> !id.equals(absentee)).toList();
        commands.add(new RecordAttendance(meetingId, present, List.of(new Absence(absentee, "Đi làm ăn xa", true)),
                starts.toInstant(), starts.plusMinutes(cellNumber % 3 == 0 ? 80 : 120).toInstant(), null));
        // probationary members do not vote
        int voters = (int) summoned.stream()
                .filter(m -> m.status() == MemberStatus.FULL && !m.memberId().equals(absentee)).count();
        commands.add(new RecordVote(meetingId, UUID.nameUUIDFromBytes(("demo-vote:" + meetingId).getBytes()),
                "Nghị quyết tháng " + month.getMonthValue(), Math.max(voters - 1, 0), Math.min(voters, 1), 0));
        commands.add(new ScoreMeeting(meetingId, Map.of("preparation", 18, "attendance", 17, "conduct", 30 + cellNumber % 8,
                "closing", 17), null));
        commands.add(new DraftMinutes(meetingId, new MinutesSections(
                "Tình hình kinh tế - xã hội của tỉnh và của xã trong tháng; tình hình thời tiết, mùa vụ.",
                "Phổ biến Chỉ thị 50-CT/TW về sinh hoạt chi bộ.",
                "Đảng viên phấn khởi, tin tưởng vào sự lãnh đạo của Đảng.",
                "Hoàn thành thu hoạch lúa; vận động đóng góp quỹ khuyến học.",
                "Các đồng chí tự kiểm điểm việc thực hiện nhiệm vụ được giao.",
                List.of(new Opinion(present.get(2), "Đề nghị sửa đường liên ấp trước mùa mưa.", Opinion.Disposition.ACCEPTED, null)),
                "Chi bộ thống nhất nghị quyết tháng " + month.getMonthValue() + ".",
                "Ra quân làm đường giao thông nông thôn; chăm sóc vụ đông."), null));
        if (cellNumber % 4 != 0) {
            commands.add(new FinaliseMinutes(meetingId, chair, recorder, null));
        }
        return commands;
    }
}
