package vn.chibo.command.member;

import static vn.chibo.command.testing.RuleMatchers.refusedWith;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.UUID;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import vn.chibo.command.member.MemberCommands.EnrolMember;
import vn.chibo.command.member.MemberCommands.ExemptMember;
import vn.chibo.command.member.MemberCommands.ReceiveTransfer;
import vn.chibo.command.member.MemberCommands.TransferTemporarily;
import vn.chibo.command.member.MemberCommands.TransferMember;
import vn.chibo.events.problem.Problem;
import vn.chibo.command.testing.FakeOrgTree;
import vn.chibo.events.EventMetadata;
import vn.chibo.events.VietnamTime;
import vn.chibo.events.organisation.MemberEnrolled;
import vn.chibo.events.organisation.MemberExempted;
import vn.chibo.events.organisation.MemberStatus;
import vn.chibo.events.organisation.MemberTemporarilyTransferred;
import vn.chibo.events.organisation.MemberTransferReceived;
import vn.chibo.events.organisation.MemberTransferred;
import vn.chibo.events.organisation.OrgUnitKind;

class MemberTest {
    private static final ZoneId VIETNAM = VietnamTime.ZONE;
    /** 00:30 on 24/11/2026 in Vietnam is still the 23rd in UTC: "today" must be Vietnam's. */
    private static final Clock CLOCK = Clock.fixed(ZonedDateTime.of(2026, 11, 24, 0, 30, 0, 0, VIETNAM).toInstant(), VIETNAM);
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 24);

    private static final UUID PROVINCE = UUID.randomUUID();
    private static final UUID COMMITTEE = UUID.randomUUID();
    private static final UUID CELL = UUID.randomUUID();
    private static final UUID OTHER_CELL = UUID.randomUUID();
    private static final UUID MEMBER = UUID.randomUUID();

    private AggregateTestFixture<Member> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Member.class);
        fixture.registerInjectableResource(new FakeOrgTree()
                .unit(PROVINCE, OrgUnitKind.PROVINCE, null)
                .unit(COMMITTEE, OrgUnitKind.COMMITTEE, PROVINCE)
                .unit(CELL, OrgUnitKind.CELL, COMMITTEE)
                .unit(OTHER_CELL, OrgUnitKind.CELL, COMMITTEE)
                .card("79.000777", UUID.fromString("00000000-0000-4000-8000-000000000777")));
        fixture.registerInjectableResource(CLOCK);
    }

    private static EnrolMember enrol(String card, LocalDate since) {
        return new EnrolMember(MEMBER, CELL, card, "Nguyễn Thị Minh Khai", LocalDate.of(1980, 5, 19),
                LocalDate.of(2005, 2, 3), MemberStatus.FULL, since);
    }

    private static MemberEnrolled enrolled(LocalDate since) {
        return new MemberEnrolled(MEMBER, CELL, "79.000123", "Nguyễn Thị Minh Khai", LocalDate.of(1980, 5, 19),
                LocalDate.of(2005, 2, 3), MemberStatus.FULL, since);
    }

    @Test
    void a_member_is_enrolled_from_the_given_day() {
        fixture.givenNoPriorActivity()
                .when(enrol("79.000123", LocalDate.of(2020, 1, 1)))
                .expectEvents(enrolled(LocalDate.of(2020, 1, 1)));
    }

    @Test
    void without_memberSince_the_membership_starts_today_in_vietnam() {
        fixture.givenNoPriorActivity()
                .when(enrol("79.000123", null))
                .expectEvents(enrolled(TODAY));
    }

    @Test
    void a_card_held_by_another_member_is_refused_as_member_elsewhere() {
        fixture.givenNoPriorActivity()
                .when(enrol("79.000777", LocalDate.of(2020, 1, 1)))
                .expectException(refusedWith(Problem.MEMBER_ELSEWHERE))
                .expectNoEvents();
    }

    @Test
    void a_membership_from_tomorrow_is_refused() {
        fixture.givenNoPriorActivity()
                .when(enrol("79.000123", TODAY.plusDays(1)))
                .expectException(refusedWith(Problem.DATE_IN_FUTURE));
    }

    @Test
    void a_membership_before_joining_the_party_is_refused() {
        fixture.givenNoPriorActivity()
                .when(enrol("79.000123", LocalDate.of(2004, 1, 1)))
                .expectException(refusedWith(Problem.MEMBERSHIP_DATES));
    }

    @Test
    void a_member_is_enrolled_only_into_a_cell() {
        fixture.givenNoPriorActivity()
                .when(new EnrolMember(MEMBER, COMMITTEE, null, "Trần Văn Bình", LocalDate.of(1980, 5, 19),
                        LocalDate.of(2005, 2, 3), MemberStatus.FULL, null))
                .expectException(refusedWith(Problem.NOT_A_CELL));
        fixture.givenNoPriorActivity()
                .when(new EnrolMember(MEMBER, UUID.randomUUID(), null, "Trần Văn Bình", LocalDate.of(1980, 5, 19),
                        LocalDate.of(2005, 2, 3), MemberStatus.FULL, null))
                .expectException(refusedWith(Problem.NOT_FOUND));
    }

    @Test
    void a_transfer_closes_one_membership_and_opens_the_next() {
        fixture.given(enrolled(LocalDate.of(2020, 1, 1)))
                .when(new TransferMember(MEMBER, OTHER_CELL, LocalDate.of(2026, 11, 1), "Chuyển công tác", null))
                .expectEvents(new MemberTransferred(MEMBER, CELL, OTHER_CELL, LocalDate.of(2026, 11, 1), "Chuyển công tác"));
    }

    @Test
    void a_transfer_to_the_same_cell_is_refused() {
        fixture.given(enrolled(LocalDate.of(2020, 1, 1)))
                .when(new TransferMember(MEMBER, CELL, LocalDate.of(2026, 11, 1), "Chuyển", null))
                .expectException(refusedWith(Problem.SAME_CELL))
                .expectNoEvents();
    }

    @Test
    void a_transfer_dated_before_the_current_membership_began_is_refused() {
        fixture.given(enrolled(LocalDate.of(2020, 1, 1)),
                        new MemberTransferred(MEMBER, CELL, OTHER_CELL, LocalDate.of(2026, 6, 1), "Chuyển công tác"))
                .when(new TransferMember(MEMBER, CELL, LocalDate.of(2026, 5, 1), "Quay về", null))
                .expectException(refusedWith(Problem.MEMBERSHIP_DATES));
    }

    @Test
    void a_transfer_in_the_future_is_refused() {
        fixture.given(enrolled(LocalDate.of(2020, 1, 1)))
                .when(new TransferMember(MEMBER, OTHER_CELL, TODAY.plusDays(1), "Chuyển", null))
                .expectException(refusedWith(Problem.DATE_IN_FUTURE));
    }

    @Test
    void a_transfer_to_a_committee_is_refused() {
        fixture.given(enrolled(LocalDate.of(2020, 1, 1)))
                .when(new TransferMember(MEMBER, COMMITTEE, LocalDate.of(2026, 11, 1), "Chuyển", null))
                .expectException(refusedWith(Problem.NOT_A_CELL));
    }

    @Test
    void a_transfer_made_against_an_old_version_is_refused() {
        fixture.given(enrolled(LocalDate.of(2020, 1, 1)),
                        new MemberExempted(MEMBER, CELL, LocalDate.of(2026, 1, 1), null, "Tuổi cao, sức yếu"))
                .when(new TransferMember(MEMBER, OTHER_CELL, LocalDate.of(2026, 11, 1), "Chuyển", 0L))
                .expectException(org.axonframework.modelling.command.ConflictingAggregateVersionException.class)
                .expectNoEvents();
    }

    @Test
    void an_exemption_is_recorded_with_its_cell_and_reason() {
        fixture.given(enrolled(LocalDate.of(2020, 1, 1)))
                .when(new ExemptMember(MEMBER, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), " Tuổi cao, sức yếu ", null))
                .expectEvents(new MemberExempted(MEMBER, CELL, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), "Tuổi cao, sức yếu"));
    }

    @Test
    void an_exemption_ending_before_it_starts_is_refused() {
        fixture.given(enrolled(LocalDate.of(2020, 1, 1)))
                .when(new ExemptMember(MEMBER, LocalDate.of(2026, 6, 1), LocalDate.of(2026, 5, 1), "Ốm", null))
                .expectException(refusedWith(Problem.EXEMPTION_PERIOD));
    }

    @Test
    void an_exemption_before_the_membership_is_refused() {
        fixture.given(enrolled(LocalDate.of(2020, 1, 1)))
                .when(new ExemptMember(MEMBER, LocalDate.of(2019, 6, 1), null, "Ốm", null))
                .expectException(refusedWith(Problem.EXEMPTION_PERIOD));
    }

    @Test
    void a_temporary_transfer_lasts_three_months_to_under_a_year_and_never_overlaps() {
        fixture.given(enrolled(LocalDate.of(2020, 1, 1)))
                .when(new TransferTemporarily(MEMBER, OTHER_CELL, LocalDate.of(2026, 12, 1), LocalDate.of(2027, 5, 31), "Học tập"))
                .expectEvents(new MemberTemporarilyTransferred(MEMBER, CELL, OTHER_CELL, LocalDate.of(2026, 12, 1),
                        LocalDate.of(2027, 5, 31), "Học tập"));
        fixture.given(enrolled(LocalDate.of(2020, 1, 1)))
                .when(new TransferTemporarily(MEMBER, OTHER_CELL, LocalDate.of(2026, 12, 1), LocalDate.of(2027, 1, 31), "Ngắn"))
                .expectException(refusedWith(Problem.TEMPORARY_TRANSFER_PERIOD));
        fixture.given(enrolled(LocalDate.of(2020, 1, 1)))
                .when(new TransferTemporarily(MEMBER, OTHER_CELL, LocalDate.of(2026, 12, 1), LocalDate.of(2027, 12, 1), "Dài"))
                .expectException(refusedWith(Problem.TEMPORARY_TRANSFER_PERIOD));
        fixture.given(enrolled(LocalDate.of(2020, 1, 1)), new MemberTemporarilyTransferred(MEMBER, CELL, OTHER_CELL,
                        LocalDate.of(2026, 12, 1), LocalDate.of(2027, 5, 31), "Học tập"))
                .when(new TransferTemporarily(MEMBER, OTHER_CELL, LocalDate.of(2027, 3, 1), LocalDate.of(2027, 8, 31), "Công tác"))
                .expectException(refusedWith(Problem.MEMBER_ELSEWHERE));
    }

    @Test
    void the_new_cell_receives_a_transferred_member_late_after_thirty_working_days() {
        Object[] moved = {enrolled(LocalDate.of(2020, 1, 1)),
                new MemberTransferred(MEMBER, CELL, OTHER_CELL, LocalDate.of(2026, 9, 1), "Chuyển công tác")};
        fixture.registerInjectableResource(new vn.chibo.command.testing.FakeMeetingWorld());
        fixture.given(moved)
                .when(new ReceiveTransfer(MEMBER, LocalDate.of(2026, 10, 20)))
                .expectEvents(new MemberTransferReceived(MEMBER, OTHER_CELL, LocalDate.of(2026, 10, 20), 35, true, 1));
        fixture.given(moved)
                .when(new ReceiveTransfer(MEMBER, LocalDate.of(2026, 9, 10)))
                .expectEvents(new MemberTransferReceived(MEMBER, OTHER_CELL, LocalDate.of(2026, 9, 10), 7, false, 1));
        fixture.given(enrolled(LocalDate.of(2020, 1, 1)))
                .when(new ReceiveTransfer(MEMBER, LocalDate.of(2026, 9, 10)))
                .expectException(refusedWith(Problem.TRANSFER_RECEIVED));
    }

    @Test
    void a_cell_the_member_has_left_writes_nothing_to_the_record_though_its_directory_still_placed_the_member_there() {
        Object[] moved = {enrolled(LocalDate.of(2020, 1, 1)),
                new MemberTransferred(MEMBER, CELL, OTHER_CELL, LocalDate.of(2026, 11, 20), "Chuyển nơi cư trú")};
        ExemptMember exempt = new ExemptMember(MEMBER, TODAY, null, "Ốm dài ngày", null);
        fixture.given(moved)
                .when(exempt, java.util.Map.of(EventMetadata.ACTOR_ROLE, "CELL", EventMetadata.CELL_ID, CELL.toString()))
                .expectException(refusedWith(Problem.OUT_OF_SCOPE));
        fixture.given(moved)
                .when(exempt, java.util.Map.of(EventMetadata.ACTOR_ROLE, "CELL", EventMetadata.CELL_ID, OTHER_CELL.toString()))
                .expectSuccessfulHandlerExecution();
        fixture.given(moved)
                .when(exempt, java.util.Map.of(EventMetadata.ACTOR_ROLE, "PROVINCE", EventMetadata.CELL_ID, CELL.toString()))
                .expectSuccessfulHandlerExecution();
    }
}
