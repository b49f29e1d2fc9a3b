package vn.chibo.command.member;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import vn.chibo.command.orgunit.DirectoryProcessing;
import vn.chibo.command.rules.CellRoster;
import vn.chibo.command.rules.MemberRegister;
import vn.chibo.command.support.RecentReads;
import vn.chibo.events.meeting.SummonedMember;
import vn.chibo.events.organisation.MemberExempted;
import vn.chibo.events.organisation.MemberStatus;
import vn.chibo.events.organisation.MemberTemporarilyTransferred;
import vn.chibo.events.organisation.MemberEnrolled;
import vn.chibo.events.organisation.MemberTransferred;

/**
 * Who is in which cell (now and on any date), who is exempt, and who holds which card, for the write side
 * ({@code event_store.member_directory}, {@code membership_directory}, {@code exemption_directory}).
 * Updated in the transaction that appends the event; the unique card number is the last guard of
 * {@code member-elsewhere} when two enrolments of one card race.
 */
@Component
@ProcessingGroup(DirectoryProcessing.GROUP)
public class MemberDirectory implements MemberRegister, CellRoster {
    /** Name of the unique constraint that refuses a second member with the same card number. */
    public static final String UNIQUE_CARD = "member_directory_card_number_key";

    /**
     * A member's cell, and who belonged to a cell when, asked by every task, rating, notebook check and attendance:
     * kept for a minute and forgotten by this service's own enrolments and transfers at once (another instance's after
     * at most that minute).
     */
    private static final Duration KEPT = Duration.ofMinutes(1);

    /** One stay of a member in a cell, from one day to another (epoch days; open while still there), kept small. */
    private record Membership(int fromDay, int toDay) {
        static Membership of(LocalDate from, LocalDate to) {
            return new Membership((int) from.toEpochDay(), to == null ? Integer.MAX_VALUE : (int) to.toEpochDay());
        }

        boolean covers(LocalDate date) {
            long day = date.toEpochDay();
            return fromDay <= day && day <= toDay;
        }
    }

    private final RecentReads<UUID, UUID> cells = new RecentReads<>(KEPT, 50_000);
    /**
     * Every stay in a cell, by cell and member: read for the whole cell at once, as a cell's writes name its members
     * one after the other (a notebook check of all of them, a task for each, their attendance), so a cell costs one
     * query a minute instead of one per member (issue 7). About a minute's cells are kept, a few kB each.
     */
    private final RecentReads<UUID, Map<UUID, List<Membership>>> rosters = new RecentReads<>(KEPT, 2_000);
    private final JdbcClient jdbc;

    public MemberDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(MemberEnrolled e, @SequenceNumber long seq) {
        forget(e.memberId(), e.cellId());
        jdbc.sql("""
                INSERT INTO event_store.member_directory (member_id, cell_id, card_number) VALUES (?, ?, ?)
                ON CONFLICT (member_id) DO NOTHING""")
                .params(e.memberId(), e.cellId(), e.cardNumber()).update();
        jdbc.sql("""
                INSERT INTO event_store.membership_directory (member_id, seq, cell_id, status, from_date)
                VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
                .params(e.memberId(), seq, e.cellId(), e.status().name(), e.memberSince()).update();
    }

    @EventHandler
    void on(MemberTransferred e, @SequenceNumber long seq) {
        forget(e.memberId(), e.fromCellId());
        rosters.forget(e.toCellId());
        jdbc.sql("UPDATE event_store.member_directory SET cell_id = ? WHERE member_id = ?")
                .params(e.toCellId(), e.memberId()).update();
        jdbc.sql("""
                UPDATE event_store.membership_directory SET to_date = ?
                WHERE member_id = ? AND to_date IS NULL AND seq < ?""")
                .params(e.effectiveOn().minusDays(1), e.memberId(), seq).update();
        jdbc.sql("""
                INSERT INTO event_store.membership_directory (member_id, seq, cell_id, status, from_date)
                SELECT member_id, ?, ?, status, ? FROM event_store.membership_directory
                WHERE member_id = ? ORDER BY seq DESC LIMIT 1 ON CONFLICT DO NOTHING""")
                .params(seq, e.toCellId(), e.effectiveOn(), e.memberId()).update();
    }

    @EventHandler
    void on(MemberExempted e, @SequenceNumber long seq) {
        jdbc.sql("""
                INSERT INTO event_store.exemption_directory (member_id, seq, from_date, to_date) VALUES (?, ?, ?, ?)
                ON CONFLICT DO NOTHING""")
                .params(e.memberId(), seq, e.from(), e.to()).update();
    }

    @EventHandler
    void on(MemberTemporarilyTransferred e, @SequenceNumber long seq) {
        jdbc.sql("""
                INSERT INTO event_store.temporary_transfer_directory (member_id, seq, host_cell_id, from_date, until_date)
                VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
                .params(e.memberId(), seq, e.hostCellId(), e.from(), e.until()).update();
    }

    @Override
    public List<SummonedMember> summonedOn(UUID cellId, LocalDate date) {
        return jdbc.sql("""
                SELECT m.member_id, m.status FROM event_store.membership_directory m
                WHERE m.cell_id = ? AND m.from_date <= ? AND (m.to_date IS NULL OR m.to_date >= ?)
                  AND NOT EXISTS (SELECT 1 FROM event_store.exemption_directory x WHERE x.member_id = m.member_id
                                  AND x.from_date <= ? AND (x.to_date IS NULL OR x.to_date >= ?))
                  AND NOT EXISTS (SELECT 1 FROM event_store.temporary_transfer_directory t WHERE t.member_id = m.member_id
                                  AND t.from_date <= ? AND t.until_date >= ?)
                ORDER BY m.member_id""")
                .params(cellId, date, date, date, date, date, date)
                .query((rs, n) -> new SummonedMember(rs.getObject(1, UUID.class), MemberStatus.valueOf(rs.getString(2))))
                .list();
    }

    private void forget(UUID memberId, UUID cellId) {
        cells.forget(memberId);
        rosters.forget(cellId);
    }

    /**
     * A "yes" from the kept roster holds; a "no" is asked again of the table, so a member enrolled or moved in by
     * another instance of the service within the minute is not refused.
     */
    @Override
    public boolean isMemberOn(UUID cellId, UUID memberId, LocalDate date) {
        if (memberId == null || cellId == null) {
            return false;
        }
        List<Membership> stays = rosters.get(cellId, this::roster).getOrDefault(memberId, List.of());
        return stays.stream().anyMatch(m -> m.covers(date)) || jdbc.sql("""
                        SELECT count(*) FROM event_store.membership_directory
                        WHERE cell_id = ? AND member_id = ? AND from_date <= ? AND (to_date IS NULL OR to_date >= ?)""")
                .params(cellId, memberId, date, date)
                .query(Long.class).single() > 0;
    }

    private Map<UUID, List<Membership>> roster(UUID cellId) {
        Map<UUID, List<Membership>> roster = new HashMap<>();
        jdbc.sql("SELECT member_id, from_date, to_date FROM event_store.membership_directory WHERE cell_id = ?")
                .param(cellId)
                .query(rs -> {
                    roster.computeIfAbsent(rs.getObject(1, UUID.class), id -> new ArrayList<>(1))
                            .add(Membership.of(rs.getObject(2, LocalDate.class), rs.getObject(3, LocalDate.class)));
                });
        roster.replaceAll((member, stays) -> List.copyOf(stays));
        return Map.copyOf(roster);
    }

    @Override
    public Optional<UUID> memberWithCard(String cardNumber) {
        return jdbc.sql("SELECT member_id FROM event_store.member_directory WHERE card_number = ?")
                .param(cardNumber).query(UUID.class).optional();
    }

    @Override
    public Optional<UUID> cellOf(UUID memberId) {
        return Optional.ofNullable(cellsOf(List.of(memberId)).get(memberId));
    }

    @Override
    public Map<UUID, UUID> cellsOf(Collection<UUID> memberIds) {
        return cells.getAll(memberIds, missing -> {
            Map<UUID, UUID> found = new HashMap<>();
            jdbc.sql("SELECT member_id, cell_id FROM event_store.member_directory WHERE member_id = ANY(?)")
                    .param(missing.toArray(UUID[]::new))
                    .query(rs -> {
                        found.put(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class));
                    });
            return found;
        });
    }
}
