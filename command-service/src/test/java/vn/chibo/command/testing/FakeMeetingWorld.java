package vn.chibo.command.testing;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import vn.chibo.command.rules.CellCalendar;
import vn.chibo.command.rules.CellRoster;
import vn.chibo.command.rules.RuleBroken;
import vn.chibo.command.rules.RuleSets;
import vn.chibo.events.meeting.MeetingKind;
import vn.chibo.events.meeting.SummonedMember;
import vn.chibo.events.organisation.MemberStatus;
import vn.chibo.events.ruleset.MeetingScoreScheme;
import vn.chibo.events.ruleset.Rules;

/**
 * What a meeting asks of the world, in memory, for aggregate tests: rule sets by date, a roster, and a
 * calendar that records bookings (and can be told to refuse).
 */
public final class FakeMeetingWorld implements RuleSets, CellRoster, CellCalendar {
    private final TreeMap<LocalDate, InForce> ruleSets = new TreeMap<>();
    private final Map<UUID, MemberStatus> members = new HashMap<>();
    private final Set<UUID> exempt = new HashSet<>();
    public final List<String> calendarCalls = new ArrayList<>();
    private RuleBroken calendarRefusal;
    private boolean offRegularDay;

    public FakeMeetingWorld() {
        ruleSets.put(LocalDate.of(2000, 1, 1), new InForce(1, LocalDate.of(2000, 1, 1), Rules.defaults(), MeetingScoreScheme.defaults()));
    }

    public FakeMeetingWorld rules(int version, LocalDate from, Rules rules) {
        ruleSets.put(from, new InForce(version, from, rules, MeetingScoreScheme.defaults()));
        return this;
    }

    public FakeMeetingWorld member(UUID id, MemberStatus status) {
        members.put(id, status);
        return this;
    }

    public FakeMeetingWorld exempt(UUID id) {
        exempt.add(id);
        return this;
    }

    public FakeMeetingWorld calendarRefuses(RuleBroken refusal) {
        calendarRefusal = refusal;
        return this;
    }

    public FakeMeetingWorld offRegularDay() {
        offRegularDay = true;
        return this;
    }

    @Override
    public InForce inForceOn(LocalDate date) {
        return ruleSets.floorEntry(date).getValue();
    }

    @Override
    public List<SummonedMember> summonedOn(UUID cellId, LocalDate date) {
        return members.entrySet().stream().filter(e -> !exempt.contains(e.getKey()))
                .map(e -> new SummonedMember(e.getKey(), e.getValue()))
                .sorted(java.util.Comparator.comparing(SummonedMember::memberId)).toList();
    }

    @Override
    public boolean isMemberOn(UUID cellId, UUID memberId, LocalDate date) {
        return members.containsKey(memberId);
    }

    @Override
    public Booking book(UUID cellId, UUID meetingId, MeetingKind kind, LocalDate date, String offDayReason, UUID presenterId,
                        String presenterReason, List<UUID> summoned) {
        if (calendarRefusal != null) {
            throw calendarRefusal;
        }
        calendarCalls.add("book " + date);
        return new Booking(offRegularDay);
    }

    @Override
    public Booking rebook(UUID cellId, UUID meetingId, LocalDate date, String offDayReason) {
        calendarCalls.add("rebook " + date);
        return new Booking(offRegularDay);
    }

    @Override
    public void release(UUID cellId, UUID meetingId) {
        calendarCalls.add("release");
    }
}
