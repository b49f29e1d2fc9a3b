package vn.chibo.command.member;

import java.util.Optional;
import java.util.UUID;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import vn.chibo.command.orgunit.DirectoryProcessing;
import vn.chibo.command.rules.MemberRegister;
import vn.chibo.events.organisation.MemberEnrolled;
import vn.chibo.events.organisation.MemberTransferred;

/**
 * Who is in which cell and who holds which card, for the write side ({@code event_store.member_directory}).
 * Updated in the transaction that appends the event; the unique card number is the last guard of
 * {@code member-elsewhere} when two enrolments of one card race.
 */
@Component
@ProcessingGroup(DirectoryProcessing.GROUP)
public class MemberDirectory implements MemberRegister {
    /** Name of the unique constraint that refuses a second member with the same card number. */
    public static final String UNIQUE_CARD = "member_directory_card_number_key";

    private final JdbcClient jdbc;

    public MemberDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(MemberEnrolled e) {
        jdbc.sql("""
                INSERT INTO event_store.member_directory (member_id, cell_id, card_number) VALUES (?, ?, ?)
                ON CONFLICT (member_id) DO NOTHING""")
                .params(e.memberId(), e.cellId(), e.cardNumber()).update();
    }

    @EventHandler
    void on(MemberTransferred e) {
        jdbc.sql("UPDATE event_store.member_directory SET cell_id = ? WHERE member_id = ?")
                .params(e.toCellId(), e.memberId()).update();
    }

    @Override
    public Optional<UUID> memberWithCard(String cardNumber) {
        return jdbc.sql("SELECT member_id FROM event_store.member_directory WHERE card_number = ?")
                .param(cardNumber).query(UUID.class).optional();
    }

    @Override
    public Optional<UUID> cellOf(UUID memberId) {
        return jdbc.sql("SELECT cell_id FROM event_store.member_directory WHERE member_id = ?")
                .param(memberId).query(UUID.class).optional();
    }
}
