package vn.chibo.command.rules;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import vn.chibo.events.meeting.SummonedMember;

/** Who belongs to a cell on a given date, as meetings need it. */
public interface CellRoster {
    /** Members of the cell on {@code date} who are summoned: not exempt from meetings that day. */
    List<SummonedMember> summonedOn(UUID cellId, LocalDate date);

    /** Whether the member belonged to the cell on {@code date} (exempt or not). */
    boolean isMemberOn(UUID cellId, UUID memberId, LocalDate date);
}
