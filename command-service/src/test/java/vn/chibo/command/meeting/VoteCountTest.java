package vn.chibo.command.meeting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import vn.chibo.events.meeting.Absence;
import vn.chibo.events.meeting.SummonedMember;
import vn.chibo.events.organisation.MemberStatus;

/** The vote denominator of DESIGN §4, as a table. */
class VoteCountTest {

    @ParameterizedTest(name = "{0} full, {1} probationary, {2} absent excused, {3} absent unexcused: {4} counted, {5} in favour passes={6}")
    @CsvSource({
            "10, 0, 0, 0, 10, 6, true",
            "10, 0, 0, 0, 10, 5, false",
            "10, 3, 0, 0, 10, 6, true",
            "10, 0, 2, 0,  8, 5, true",
            "10, 0, 2, 0,  8, 4, false",
            "10, 0, 0, 2, 10, 5, false",
            " 4, 1, 1, 0,  3, 2, true",
            " 1, 0, 0, 0,  1, 1, true",
            " 0, 2, 0, 0,  0, 0, false"})
    void counts_full_members_less_excused_absences(int full, int probationary, int excused, int unexcused,
                                                   int counted, int inFavour, boolean passes) {
        List<SummonedMember> summoned = new ArrayList<>();
        List<Absence> absent = new ArrayList<>();
        for (int i = 0; i < full; i++) {
            UUID id = UUID.randomUUID();
            summoned.add(new SummonedMember(id, MemberStatus.FULL));
            if (i < excused) {
                absent.add(new Absence(id, "Công tác", true));
            } else if (i < excused + unexcused) {
                absent.add(new Absence(id, "Không báo", false));
            }
        }
        for (int i = 0; i < probationary; i++) {
            summoned.add(new SummonedMember(UUID.randomUUID(), MemberStatus.PROBATIONARY));
        }
        VoteCount count = VoteCount.of(summoned, absent);
        assertThat(count.counted()).isEqualTo(counted);
        assertThat(count.fullPresent()).isEqualTo(full - excused - unexcused);
        assertThat(count.passes(inFavour)).isEqualTo(passes);
    }
}
