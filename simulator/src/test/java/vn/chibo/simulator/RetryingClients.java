package vn.chibo.simulator;

import static vn.chibo.command.testing.Builders.body;
import static vn.chibo.command.testing.Builders.member;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import vn.chibo.command.testing.Api;
import vn.chibo.command.testing.Api.Reply;

/**
 * Clients writing a few cells' work (tasks assigned and completed, notebook checks, members enrolled) as phones on
 * weak lines do: each write with an Idempotency-Key of its own, sent again under the same key whenever no answer came,
 * until one does. What each answered write created is kept, and every answer but the one expected is noted.
 */
final class RetryingClients implements AutoCloseable {
    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final Duration PATIENCE = Duration.ofMinutes(3);

    /** Tasks assigned, by id, with their cell. */
    final Map<UUID, UUID> assigned = new ConcurrentHashMap<>();
    final Set<UUID> completed = ConcurrentHashMap.newKeySet();
    /** Notebook checks, by the id the service gave them. */
    final Set<String> checks = ConcurrentHashMap.newKeySet();
    final Set<UUID> enrolled = ConcurrentHashMap.newKeySet();
    final List<String> unexpected = Collections.synchronizedList(new ArrayList<>());
    final AtomicLong answered = new AtomicLong();
    final AtomicLong resent = new AtomicLong();
    /** Answers 503 (the database unreachable, with Retry-After): the write was sent again. */
    final AtomicLong unavailable = new AtomicLong();
    /** The Idempotency-Keys of writes sent and not yet answered. */
    final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    /** The keys of writes answered with the first answer's record: applied before that answer was lost. */
    final Set<String> replayed = ConcurrentHashMap.newKeySet();

    private final AtomicBoolean stopping = new AtomicBoolean();
    private final List<Thread> clients = new ArrayList<>();
    private final Api api;
    private final Map<UUID, List<UUID>> cells;

    RetryingClients(Api api, Map<UUID, List<UUID>> cells) {
        this.api = api;
        this.cells = cells;
    }

    void start(int count) {
        for (int c = 0; c < count; c++) {
            Random random = new Random(c);
            Thread client = new Thread(() -> write(random), "client-" + c);
            client.setDaemon(true);
            client.setUncaughtExceptionHandler((thread, e) -> unexpected.add(thread.getName() + " died: " + e));
            clients.add(client);
            client.start();
        }
    }

    /** Waits until this many more writes have been answered, so that what comes next lands in the middle of them. */
    void awaitAnswered(long more) throws InterruptedException {
        long target = answered.get() + more;
        Instant limit = Instant.now().plus(PATIENCE);
        while (answered.get() < target) {
            if (Instant.now().isAfter(limit)) {
                throw new AssertionError("No write answered for " + PATIENCE + ": " + unexpected);
            }
            Thread.sleep(20);
        }
    }

    /** Waits until the writes sent under these keys have their answers. */
    void awaitAnswers(Collection<String> keys) throws InterruptedException {
        Instant limit = Instant.now().plus(PATIENCE);
        while (keys.stream().anyMatch(inFlight::contains)) {
            if (Instant.now().isAfter(limit)) {
                throw new AssertionError("Writes without an answer for " + PATIENCE + ": " + keys);
            }
            Thread.sleep(20);
        }
    }

    /** Stops sending new writes and waits until every write sent has its answer. */
    void stop() throws InterruptedException {
        stopping.set(true);
        for (Thread client : clients) {
            client.join(PATIENCE.toMillis());
            if (client.isAlive()) {
                throw new AssertionError(client.getName() + " still waits for an answer");
            }
        }
    }

    /** Stops the clients at once, answered or not: for a test that failed half-way. */
    @Override
    public void close() {
        stopping.set(true);
        clients.forEach(Thread::interrupt);
    }

    private void write(Random random) {
        List<UUID> cellIds = new ArrayList<>(cells.keySet());
        List<UUID> open = new ArrayList<>();
        LocalDate today = LocalDate.now(VIETNAM);
        int n = 0;
        while (!stopping.get() && pause(20)) {
            UUID cellId = cellIds.get(random.nextInt(cellIds.size()));
            List<UUID> members = cells.get(cellId);
            double kind = random.nextDouble();
            n++;
            if (kind < 0.5 || (kind < 0.8 && open.isEmpty())) {
                UUID task = UUID.randomUUID();
                if (untilAnswered("/api/cells/" + cellId + "/tasks", body("id", task, "memberId",
                        members.get(random.nextInt(members.size())), "title", "Vận động hộ số " + n,
                        "dueOn", today.plusDays(30).toString()), 201) != null) {
                    assigned.put(task, cellId);
                    open.add(task);
                }
            } else if (kind < 0.8) {
                UUID task = open.remove(random.nextInt(open.size()));
                if (untilAnswered("/api/tasks/" + task + "/complete", body("note", "Đã xong"), 200) != null) {
                    completed.add(task);
                }
            } else if (kind < 0.95) {
                Reply reply = untilAnswered("/api/cells/" + cellId + "/notebook-checks", body("checkedOn", today.toString(),
                        "results", List.of(body("memberId", members.get(0), "ok", true),
                                body("memberId", members.get(1), "ok", false, "note", "Chưa ghi nghị quyết"))), 201);
                if (reply != null) {
                    checks.add(reply.json().get("id").asText());
                }
            } else {
                UUID id = UUID.randomUUID();
                if (untilAnswered("/api/cells/" + cellId + "/members", member(id, "Trần Thị Mới " + n, null), 201) != null) {
                    enrolled.add(id);
                }
            }
        }
    }

    /**
     * Sends the write, then sends it again with the same key whenever no answer came: the service is down, or was
     * killed with the write in hand, or it answered 503 (the database unreachable: send again). Answers the reply, or
     * null after noting an answer other than the one expected. Another 5xx is noted too (nothing here should fail
     * inside a service), and the write is sent again.
     */
    private Reply untilAnswered(String path, Map<String, Object> body, int expected) {
        String key = UUID.randomUUID().toString();
        Api keyed = api.header("Idempotency-Key", key);
        Instant limit = Instant.now().plus(PATIENCE);
        inFlight.add(key);
        while (Instant.now().isBefore(limit)) {
            try {
                Reply reply = keyed.post(path, body);
                if (reply.status() < 500) {
                    if (reply.headers().getOrDefault("Idempotent-Replayed", List.of()).contains("true")) {
                        replayed.add(key);
                    }
                    inFlight.remove(key);
                    answered.incrementAndGet();
                    if (reply.status() == expected) {
                        return reply;
                    }
                    unexpected.add(path + " answered " + reply);
                    return null;
                }
                if (reply.status() == 503 && reply.body().contains("/problems/unavailable")
                        && reply.headers().containsKey("retry-after")) {
                    unavailable.incrementAndGet(); // the database dropped the connection: sent again, as told
                } else {
                    unexpected.add(path + " answered " + reply);
                }
            } catch (UncheckedIOException noAnswer) {
                // the service is down, or died with the write in hand
            } catch (IllegalStateException e) {
                if (Thread.currentThread().isInterrupted()) {
                    return null; // closed
                }
                throw e;
            }
            resent.incrementAndGet();
            if (!pause(100)) {
                return null;
            }
        }
        unexpected.add(path + " had no answer within " + PATIENCE);
        return null;
    }

    /** Sleeps; false when interrupted (the clients are being closed). */
    private static boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
