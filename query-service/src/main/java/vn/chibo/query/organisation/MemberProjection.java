package vn.chibo.query.organisation;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import vn.chibo.events.organisation.MemberEnrolled;
import vn.chibo.events.organisation.MemberExempted;
import vn.chibo.events.organisation.MemberTemporarilyTransferred;
import vn.chibo.events.organisation.MemberTransferReceived;
import vn.chibo.events.organisation.MemberTransferred;
import vn.chibo.query.eventstore.ProjectionProcessing;
import vn.chibo.query.eventstore.SqlProjection;

/**
 * Members and their history: {@code read_model.member} (now), {@code membership} (which cell from when to when)
 * and {@code exemption}. Rows are keyed by the event's sequence number, so a replay inserts nothing twice.
 */
@Component
@ProcessingGroup(ProjectionProcessing.MEMBERS)
public class MemberProjection extends SqlProjection {

    public MemberProjection(JdbcClient jdbc, DataSource dataSource) {
        super(jdbc, dataSource);
    }

    @EventHandler
    void on(MemberEnrolled e, @SequenceNumber long seq) {
        writeRow(e.memberId(), """
                INSERT INTO member (id, card_number, full_name, birth_date, joined_party_on, status, cell_id,
                                               member_since, last_seq)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING""",
                e.memberId(), e.cardNumber(), e.fullName(), e.birthDate(), e.joinedPartyOn(), e.status().name(),
                        e.cellId(), e.memberSince(), seq);
        writeRow(e.memberId(), """
                INSERT INTO membership (member_id, seq, cell_id, from_date, reason)
                VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                e.memberId(), seq, e.cellId(), e.memberSince(), "Kết nạp / nhập hồ sơ");
    }

    @EventHandler
    void on(MemberTransferred e, @SequenceNumber long seq) {
        writeRow(e.memberId(), "UPDATE member SET cell_id = ?, member_since = ?, last_seq = ? WHERE id = ? AND last_seq < ?",
                e.toCellId(), e.effectiveOn(), seq, e.memberId(), seq);
        writeRow(e.memberId(), """
                UPDATE membership SET to_date = ?, end_reason = ?
                WHERE member_id = ? AND to_date IS NULL AND seq < ?""",
                e.effectiveOn().minusDays(1), e.reason(), e.memberId(), seq);
        writeRow(e.memberId(), """
                INSERT INTO membership (member_id, seq, cell_id, from_date, reason, by_transfer)
                VALUES (?, ?, ?, ?, ?, TRUE) ON CONFLICT DO NOTHING""",
                e.memberId(), seq, e.toCellId(), e.effectiveOn(), e.reason());
    }

    @EventHandler
    void on(MemberTransferReceived e) {
        writeRow(e.memberId(), """
                UPDATE membership SET received_on = ?, receipt_late = ?
                WHERE member_id = ? AND to_date IS NULL AND by_transfer""", e.receivedOn(), e.late(), e.memberId());
    }

    @EventHandler
    void on(MemberTemporarilyTransferred e, @SequenceNumber long seq) {
        writeRow(e.memberId(), """
                INSERT INTO temporary_transfer (member_id, seq, home_cell_id, host_cell_id, from_date, until_date, reason)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                e.memberId(), seq, e.homeCellId(), e.hostCellId(), e.from(), e.until(), e.reason());
    }

    @EventHandler
    void on(MemberExempted e, @SequenceNumber long seq) {
        writeRow(e.memberId(), """
                INSERT INTO exemption (member_id, seq, cell_id, from_date, to_date, reason)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                e.memberId(), seq, e.cellId(), e.from(), e.to(), e.reason());
    }

    @ResetHandler
    void reset() {
        sql("TRUNCATE member, membership, exemption, temporary_transfer").update();
    }
}
