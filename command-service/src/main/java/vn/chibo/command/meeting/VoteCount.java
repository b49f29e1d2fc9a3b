package vn.chibo.command.meeting;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import vn.chibo.events.meeting.Absence;
import vn.chibo.events.meeting.SummonedMember;
import vn.chibo.events.organisation.MemberStatus;

/**
 * Who counts in a vote (DESIGN §4 {@code resolution-invalid}): the full members summoned (members on
 * temporary transfer out and exempt members are not summoned), less those absent with an approved reason;
 * probationary members do not vote. A vote passes with more than half of them in favour.
 */
public record VoteCount(int counted, int fullPresent) {

    public static VoteCount of(List<SummonedMember> summoned, List<Absence> absent) {
        Set<UUID> excused = absent.stream().filter(Absence::excused).map(Absence::memberId).collect(Collectors.toSet());
        Set<UUID> away = absent.stream().map(Absence::memberId).collect(Collectors.toSet());
        List<SummonedMember> full = summoned.stream().filter(m -> m.status() == MemberStatus.FULL).toList();
        int counted = (int) full.stream().filter(m -> !excused.contains(m.memberId())).count();
        int fullPresent = (int) full.stream().filter(m -> !away.contains(m.memberId())).count();
        return new VoteCount(counted, fullPresent);
    }

    public boolean passes(int inFavour) {
        return 2L * inFavour > counted;
    }
}
