package vn.chibo.command.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static vn.chibo.command.testing.Builders.committee;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import vn.chibo.command.register.RegisterImportController;
import vn.chibo.command.testing.Api;
import vn.chibo.command.testing.Api.Reply;
import vn.chibo.command.testing.CommandServiceTestBase;

/** A large write holds the log: no other append commits past its events while it runs (migration V4). */
class LogHoldHttpTest extends CommandServiceTestBase {
    @Autowired
    private LogHold logHold;
    @Autowired
    private TransactionTemplate transaction;
    @Autowired
    private javax.sql.DataSource dataSource;

    @Test
    void an_append_waits_for_the_held_write_to_commit_and_then_goes_through() throws Exception {
        Api province = province();
        UUID unit = UUID.randomUUID();
        CompletableFuture<Reply>[] appended = new CompletableFuture[1];
        long before = eventCount();
        transaction.executeWithoutResult(tx -> {
            logHold.holdUntilCommit();
            appended[0] = CompletableFuture.supplyAsync(() -> province.post("/api/org-units",
                    committee(unit, "Đảng bộ phường Tân An", PROVINCE)));
            try {
                Thread.sleep(1_500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            assertThat(appended[0]).as("an append while the log is held waits for its commit").isNotDone();
        });
        Reply reply = appended[0].get(30, TimeUnit.SECONDS);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        assertThat(eventCount()).isEqualTo(before + 1);
    }

    @Test
    void an_import_large_enough_to_hold_the_log_waits_for_the_appends_in_flight_then_appends_under_the_hold() throws Exception {
        Api province = province();
        UUID cell = UUID.randomUUID();
        assertThat(province.post("/api/org-units", vn.chibo.command.testing.Builders.cell(cell, "Chi bộ khu phố 7", PROVINCE))
                .status()).isEqualTo(201);
        StringBuilder csv = new StringBuilder("Số thẻ,Họ và tên,Ngày sinh,Ngày vào Đảng,Loại đảng viên,Chi bộ\n");
        int rows = LogHold.HOLD_ABOVE + 1;
        for (int r = 0; r < rows; r++) {
            csv.append("79.7").append(String.format("%05d", r)).append(",Trần Văn An,01/01/1975,01/01/2000,Chính thức,").append(cell)
                    .append('\n');
        }
        long before = eventCount();
        CompletableFuture<Reply> imported;
        // an append in flight: it holds the lock shared, as the event table's trigger takes it
        try (java.sql.Connection inFlight = dataSource.getConnection()) {
            inFlight.setAutoCommit(false);
            inFlight.createStatement().execute("SELECT pg_advisory_xact_lock_shared(" + LogHold.LOCK + ")");
            imported = CompletableFuture.supplyAsync(() -> province.upload("/api/members/import",
                    csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), "text/csv"));
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).alias("the import waits to hold the log")
                    .until(() -> jdbc.sql("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = ? AND NOT granted")
                            .param(LogHold.LOCK).query(Long.class).single() == 1);
            inFlight.rollback();
        }
        Reply reply = imported.get(60, TimeUnit.SECONDS);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json().get("created").asInt()).isEqualTo(rows);
        assertThat(eventCount()).isEqualTo(before + rows);
    }

    @Test
    void the_log_is_held_only_inside_a_transaction() {
        assertThatThrownBy(logHold::holdUntilCommit).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void an_import_may_not_be_configured_larger_than_the_readers_gap_window_allows() {
        assertThat(LogHold.LARGEST_WRITE).isEqualTo(5_000);
        assertThatThrownBy(() -> new RegisterImportController(null, null, null, null, Clock.systemUTC(), LogHold.LARGEST_WRITE + 1))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("CHIBO_MAX_IMPORT_ROWS");
    }
}
