package vn.chibo.command.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.chibo.command.testing.Builders.body;
import static vn.chibo.command.testing.Builders.committee;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import vn.chibo.command.testing.Api;
import vn.chibo.command.testing.Api.Reply;
import vn.chibo.command.testing.CommandServiceTestBase;

/** A weak connection retries before the first answer arrives: the copies race, and only one is applied. */
class ConcurrentRetryHttpTest extends CommandServiceTestBase {

    @Test
    void retries_racing_the_first_request_are_applied_once_and_all_get_its_answer() throws Exception {
        Api province = province();
        UUID parent = UUID.randomUUID();
        province.post("/api/org-units", committee(parent, "Đảng bộ xã Tân Phước", PROVINCE));
        Api retrying = province.header("Idempotency-Key", "chi-bo-moi-" + UUID.randomUUID());
        var newCell = body("name", "Chi bộ ấp Bình Minh", "kind", "CELL", "parentId", parent);
        long before = eventCount();

        int copies = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(copies);
        try {
            List<CompletableFuture<Reply>> replies = IntStream.range(0, copies)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                        try {
                            start.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return retrying.post("/api/org-units", newCell);
                    }, pool))
                    .toList();
            start.countDown();
            List<Reply> answers = replies.stream().map(CompletableFuture::join).toList();

            assertThat(answers).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(201));
            assertThat(answers.stream().map(r -> r.json().get("id").asText()).distinct()).hasSize(1);
            assertThat(eventCount()).isEqualTo(before + 1);
        } finally {
            pool.shutdownNow();
        }
    }
}
