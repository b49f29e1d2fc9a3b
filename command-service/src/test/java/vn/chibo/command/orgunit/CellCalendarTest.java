package vn.chibo.command.orgunit;

import static vn.chibo.command.testing.RuleMatchers.refusedWith;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import vn.chibo.command.orgunit.OrgUnitCommands.BookMeeting;
import vn.chibo.command.orgunit.OrgUnitCommands.RebookMeeting;
import vn.chibo.command.orgunit.OrgUnitCommands.ReleaseMeeting;
import vn.chibo.command.rules.CellCalendar.Booking;
import vn.chibo.command.testing.FakeOrgTree;
import vn.chibo.events.meeting.MeetingKind;
import vn.chibo.events.organisation.MeetingBooked;
import vn.chibo.events.organisation.MeetingRebooked;
import vn.chibo.events.organisation.MeetingReleased;
import vn.chibo.events.organisation.OrgUnitKind;
import vn.chibo.events.organisation.OrgUnitRegistered;
import vn.chibo.events.problem.Problem;

/** The cell's calendar: the rules over all of a cell's meetings at once. */
class CellCalendarTest {
    private static final UUID CELL = UUID.randomUUID();
    private static final UUID COMMITTEE = UUID.randomUUID();
    private static final UUID A = UUID.randomUUID();
    private static final UUID B = UUID.randomUUID();
    private static final UUID C = UUID.randomUUID();
    private static final List<UUID> SUMMONED = List.of(A, B, C);
    private static final LocalDate DEC_3 = LocalDate.of(2026, 12, 3);

    private AggregateTestFixture<OrgUnit> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(OrgUnit.class);
        fixture.registerInjectableResource(new FakeOrgTree());
    }

    private static OrgUnitRegistered cell() {
        return new OrgUnitRegistered(CELL, "Chi bộ ấp Bình Minh", OrgUnitKind.CELL, COMMITTEE, 3);
    }

    private static BookMeeting regular(UUID meeting, LocalDate date, String reason, UUID presenter, String presenterReason) {
        return new BookMeeting(CELL, meeting, MeetingKind.REGULAR, date, reason, presenter, presenterReason, SUMMONED);
    }

    @Test
    void a_regular_meeting_on_the_regular_day_is_booked() {
        UUID meeting = UUID.randomUUID();
        fixture.given(cell())
                .when(regular(meeting, DEC_3, null, A, null))
                .expectEvents(new MeetingBooked(CELL, meeting, MeetingKind.REGULAR, DEC_3, A))
                .expectResultMessagePayload(new Booking(false));
    }

    @Test
    void a_second_regular_meeting_in_the_same_month_is_refused_but_a_topical_one_is_not() {
        UUID first = UUID.randomUUID();
        fixture.given(cell(), new MeetingBooked(CELL, first, MeetingKind.REGULAR, DEC_3, null))
                .when(regular(UUID.randomUUID(), LocalDate.of(2026, 12, 17), "Họp bù", null, null))
                .expectException(refusedWith(Problem.REGULAR_MEETING_EXISTS))
                .expectNoEvents();
        UUID topical = UUID.randomUUID();
        fixture.given(cell(), new MeetingBooked(CELL, first, MeetingKind.REGULAR, DEC_3, null))
                .when(new BookMeeting(CELL, topical, MeetingKind.TOPICAL, LocalDate.of(2026, 12, 17), null, null, null, SUMMONED))
                .expectEvents(new MeetingBooked(CELL, topical, MeetingKind.TOPICAL, LocalDate.of(2026, 12, 17), null));
    }

    @Test
    void a_cancelled_regular_meeting_frees_its_month() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        fixture.given(cell(), new MeetingBooked(CELL, first, MeetingKind.REGULAR, DEC_3, null), new MeetingReleased(CELL, first))
                .when(regular(second, LocalDate.of(2026, 12, 10), "Mưa bão, họp lại", null, null))
                .expectEvents(new MeetingBooked(CELL, second, MeetingKind.REGULAR, LocalDate.of(2026, 12, 10), null));
    }

    @Test
    void a_regular_meeting_off_the_regular_day_needs_a_reason_and_is_then_flagged() {
        fixture.given(cell())
                .when(regular(UUID.randomUUID(), LocalDate.of(2026, 12, 5), null, null, null))
                .expectException(refusedWith(Problem.OFF_REGULAR_DAY));
        fixture.given(cell())
                .when(regular(UUID.randomUUID(), LocalDate.of(2026, 12, 5), "Trùng ngày bầu cử", null, null))
                .expectResultMessagePayload(new Booking(true));
    }

    @Test
    void moving_a_regular_meeting_into_a_month_that_has_one_is_refused() {
        UUID november = UUID.randomUUID();
        UUID december = UUID.randomUUID();
        fixture.given(cell(), new MeetingBooked(CELL, november, MeetingKind.REGULAR, LocalDate.of(2026, 11, 3), null),
                        new MeetingBooked(CELL, december, MeetingKind.REGULAR, DEC_3, null))
                .when(new RebookMeeting(CELL, november, LocalDate.of(2026, 12, 5), "Dời"))
                .expectException(refusedWith(Problem.REGULAR_MEETING_EXISTS));
        fixture.given(cell(), new MeetingBooked(CELL, december, MeetingKind.REGULAR, DEC_3, null))
                .when(new RebookMeeting(CELL, december, LocalDate.of(2026, 12, 5), "Mưa bão"))
                .expectEvents(new MeetingRebooked(CELL, december, LocalDate.of(2026, 12, 5)));
    }

    @Test
    void nobody_presents_twice_before_everyone_has_presented_once_unless_a_reason_is_given() {
        Object[] history = {cell(), new MeetingBooked(CELL, UUID.randomUUID(), MeetingKind.REGULAR, LocalDate.of(2026, 10, 3), A),
                new MeetingBooked(CELL, UUID.randomUUID(), MeetingKind.REGULAR, LocalDate.of(2026, 11, 3), B)};
        fixture.given(history)
                .when(regular(UUID.randomUUID(), DEC_3, null, A, null))
                .expectException(refusedWith(Problem.PRESENTER_ROTATION));
        fixture.given(history)
                .when(regular(UUID.randomUUID(), DEC_3, null, A, "Đồng chí C đi công tác"))
                .expectSuccessfulHandlerExecution();
        fixture.given(history)
                .when(regular(UUID.randomUUID(), DEC_3, null, C, null))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void when_everyone_has_presented_a_new_round_begins() {
        fixture.given(cell(),
                        new MeetingBooked(CELL, UUID.randomUUID(), MeetingKind.REGULAR, LocalDate.of(2026, 9, 3), A),
                        new MeetingBooked(CELL, UUID.randomUUID(), MeetingKind.REGULAR, LocalDate.of(2026, 10, 3), B),
                        new MeetingBooked(CELL, UUID.randomUUID(), MeetingKind.REGULAR, LocalDate.of(2026, 11, 3), C))
                .when(regular(UUID.randomUUID(), DEC_3, null, A, null))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void releasing_a_meeting_not_on_the_calendar_changes_nothing() {
        fixture.given(cell())
                .when(new ReleaseMeeting(CELL, UUID.randomUUID()))
                .expectNoEvents();
    }
}
