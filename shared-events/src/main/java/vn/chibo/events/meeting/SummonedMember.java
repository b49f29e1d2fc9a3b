package vn.chibo.events.meeting;

import java.util.UUID;

import vn.chibo.events.organisation.MemberStatus;

/** A member called to a meeting, with the status that decides whether they vote (probationary members do not). */
public record SummonedMember(UUID memberId, MemberStatus status) {
}
