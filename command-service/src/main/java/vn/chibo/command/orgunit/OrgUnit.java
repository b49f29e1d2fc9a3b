package vn.chibo.command.orgunit;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import vn.chibo.command.orgunit.OrgUnitCommands.BookMeeting;
import vn.chibo.command.orgunit.OrgUnitCommands.ChangeCellSettings;
import vn.chibo.command.orgunit.OrgUnitCommands.RebookMeeting;
import vn.chibo.command.orgunit.OrgUnitCommands.ReleaseMeeting;
import vn.chibo.command.orgunit.OrgUnitCommands.RegisterOrgUnit;
import vn.chibo.command.rules.CellCalendar.Booking;
import vn.chibo.command.rules.OrgTree;
import vn.chibo.events.problem.Problem;
import vn.chibo.command.rules.RuleBroken;
import vn.chibo.events.meeting.MeetingKind;
import vn.chibo.events.organisation.CellSettingsChanged;
import vn.chibo.events.organisation.MeetingBooked;
import vn.chibo.events.organisation.MeetingRebooked;
import vn.chibo.events.organisation.MeetingReleased;
import vn.chibo.events.organisation.OrgUnitKind;
import vn.chibo.events.organisation.OrgUnitRegistered;

/**
 * A unit of the organisation tree: the province (Tỉnh ủy), a committee (Đảng bộ, any depth) or a cell (Chi bộ).
 * A cell owns its settings and its calendar, and with it the rules over all its meetings at once: one regular
 * meeting a month, the regular day, the current-affairs presenter rotation.
 */
@Aggregate(cache = "orgUnitCache")
public class OrgUnit {
    @AggregateIdentifier
    private UUID unitId;
    private OrgUnitKind kind;
    private int regularDay;
    /** The cell's calendar: every meeting not cancelled, by id. */
    private final Map<UUID, Booked> calendar = new HashMap<>();
    /** Who has presented current affairs in the current rotation cycle. */
    private final Set<UUID> presentedInCycle = new HashSet<>();

    private record Booked(MeetingKind kind, LocalDate date, UUID presenterId) {
    }

    protected OrgUnit() {
    }

    @CommandHandler
    public OrgUnit(RegisterOrgUnit cmd, OrgTree tree) {
        if (cmd.kind() == OrgUnitKind.PROVINCE) {
            if (cmd.parentId() != null) {
                throw new RuleBroken(Problem.INVALID_PARENT, "Tỉnh ủy không có đơn vị cấp trên. (A province has no parent.)", "parentId");
            }
        } else {
            if (cmd.parentId() == null) {
                throw new RuleBroken(Problem.INVALID_PARENT, "Cần đơn vị cấp trên. (A committee or cell needs a parent.)", "parentId");
            }
            OrgUnitKind parentKind = tree.kindOf(cmd.parentId()).orElseThrow(() -> new RuleBroken(Problem.NOT_FOUND,
                    "Không tìm thấy đơn vị cấp trên " + cmd.parentId() + ". (Unknown parent unit.)", "parentId"));
            if (parentKind == OrgUnitKind.CELL) {
                throw new RuleBroken(Problem.INVALID_PARENT,
                        "Chi bộ không có đơn vị trực thuộc. (A cell cannot have units below it.)", "parentId");
            }
        }
        Integer day = null;
        if (cmd.kind() == OrgUnitKind.CELL) {
            day = cmd.regularDay() == null ? OrgUnitRegistered.DEFAULT_REGULAR_DAY : cmd.regularDay();
            requireValidRegularDay(day);
        } else if (cmd.regularDay() != null) {
            throw new RuleBroken(Problem.NOT_A_CELL, "Chỉ chi bộ có ngày sinh hoạt thường kỳ. (Only cells have a regular day.)", "regularDay");
        }
        apply(new OrgUnitRegistered(cmd.unitId(), cmd.name().strip(), cmd.kind(), cmd.parentId(), day));
    }

    @CommandHandler
    public void handle(ChangeCellSettings cmd) {
        if (kind != OrgUnitKind.CELL) {
            throw new RuleBroken(Problem.NOT_A_CELL, "Đơn vị này không phải chi bộ. (This unit is not a cell.)");
        }
        requireValidRegularDay(cmd.regularDay());
        if (cmd.regularDay() != regularDay) {
            apply(new CellSettingsChanged(unitId, cmd.regularDay(), regularDay));
        }
    }

    @CommandHandler
    public Booking handle(BookMeeting cmd) {
        requireCell();
        requireNoOtherRegularMeeting(cmd.meetingId(), cmd.kind(), cmd.date());
        boolean offRegularDay = offRegularDay(cmd.kind(), cmd.date(), cmd.offDayReason());
        UUID presenter = cmd.presenterId();
        if (presenter != null && presentedInCycle.contains(presenter)
                && !presentedInCycle.containsAll(cmd.summoned()) && isBlank(cmd.presenterReason())) {
            throw new RuleBroken(Problem.PRESENTER_ROTATION,
                    "Đảng viên này đã báo cáo thời sự trong vòng này; còn " + notYetPresented(cmd.summoned())
                            + " đảng viên chưa đến lượt. Hãy chọn người khác hoặc nêu lý do. "
                            + "(This member already presented in the current rotation; choose another or give a reason.)",
                    "presenterId");
        }
        apply(new MeetingBooked(unitId, cmd.meetingId(), cmd.kind(), cmd.date(), presenter));
        return new Booking(offRegularDay);
    }

    @CommandHandler
    public Booking handle(RebookMeeting cmd) {
        requireCell();
        Booked booked = calendar.get(cmd.meetingId());
        if (booked == null) {
            throw new RuleBroken(Problem.NOT_FOUND, "Buổi sinh hoạt không có trong lịch của chi bộ. (Meeting not on the calendar.)");
        }
        requireNoOtherRegularMeeting(cmd.meetingId(), booked.kind(), cmd.date());
        boolean offRegularDay = offRegularDay(booked.kind(), cmd.date(), cmd.offDayReason());
        apply(new MeetingRebooked(unitId, cmd.meetingId(), cmd.date()));
        return new Booking(offRegularDay);
    }

    @CommandHandler
    public void handle(ReleaseMeeting cmd) {
        if (calendar.containsKey(cmd.meetingId())) {
            apply(new MeetingReleased(unitId, cmd.meetingId()));
        }
    }

    private void requireCell() {
        if (kind != OrgUnitKind.CELL) {
            throw new RuleBroken(Problem.NOT_A_CELL, "Chỉ chi bộ tổ chức sinh hoạt. (Only cells hold meetings.)", "cellId");
        }
    }

    /** Điều lệ Đảng, Điều 24: the cell meets once a month; a second regular meeting in a month is refused. */
    private void requireNoOtherRegularMeeting(UUID meetingId, MeetingKind kind, LocalDate date) {
        if (kind != MeetingKind.REGULAR) {
            return;
        }
        YearMonth month = YearMonth.from(date);
        calendar.entrySet().stream()
                .filter(e -> !e.getKey().equals(meetingId))
                .filter(e -> e.getValue().kind() == MeetingKind.REGULAR && YearMonth.from(e.getValue().date()).equals(month))
                .findFirst()
                .ifPresent(e -> {
                    throw new RuleBroken(Problem.REGULAR_MEETING_EXISTS,
                            "Chi bộ đã có buổi sinh hoạt thường kỳ tháng " + month.getMonthValue() + "/" + month.getYear()
                                    + " (ngày " + e.getValue().date() + ", mã " + e.getKey() + "). "
                                    + "(The cell already has a regular meeting this month.)", "startsAt");
                });
    }

    private boolean offRegularDay(MeetingKind kind, LocalDate date, String reason) {
        boolean off = kind == MeetingKind.REGULAR && date.getDayOfMonth() != regularDay;
        if (off && isBlank(reason)) {
            throw new RuleBroken(Problem.OFF_REGULAR_DAY,
                    "Ngày sinh hoạt thường kỳ của chi bộ là ngày " + regularDay + "; họp ngày " + date.getDayOfMonth()
                            + " cần nêu lý do. (A regular meeting off the cell's regular day needs a reason.)", "reason");
        }
        return off;
    }

    private long notYetPresented(List<UUID> summoned) {
        return summoned.stream().filter(m -> !presentedInCycle.contains(m)).count();
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    /** Days 29–31 do not exist in every month, so a regular day is between 1 and 28. */
    private static void requireValidRegularDay(int day) {
        if (day < 1 || day > 28) {
            throw new RuleBroken(Problem.INVALID_REGULAR_DAY,
                    "Ngày sinh hoạt thường kỳ phải từ 1 đến 28, nhận được " + day + ". (The regular day must be 1 to 28.)",
                    "regularDay");
        }
    }

    @EventSourcingHandler
    void on(OrgUnitRegistered e) {
        unitId = e.unitId();
        kind = e.kind();
        regularDay = e.regularDay() == null ? 0 : e.regularDay();
    }

    @EventSourcingHandler
    void on(CellSettingsChanged e) {
        regularDay = e.regularDay();
    }

    @EventSourcingHandler
    void on(MeetingBooked e) {
        calendar.put(e.meetingId(), new Booked(e.kind(), e.date(), e.presenterId()));
        if (e.presenterId() != null) {
            if (presentedInCycle.contains(e.presenterId())) {
                presentedInCycle.clear();
            }
            presentedInCycle.add(e.presenterId());
        }
    }

    @EventSourcingHandler
    void on(MeetingRebooked e) {
        calendar.computeIfPresent(e.meetingId(), (id, b) -> new Booked(b.kind(), e.date(), b.presenterId()));
    }

    @EventSourcingHandler
    void on(MeetingReleased e) {
        Booked booked = calendar.remove(e.meetingId());
        if (booked != null && booked.presenterId() != null) {
            presentedInCycle.remove(booked.presenterId());
        }
    }
}
