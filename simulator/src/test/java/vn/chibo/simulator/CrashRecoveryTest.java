package vn.chibo.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.chibo.command.testing.Builders.body;
import static vn.chibo.command.testing.Builders.cell;
import static vn.chibo.command.testing.Builders.committee;
import static vn.chibo.command.testing.Builders.member;

import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import vn.chibo.command.testing.Api;
import vn.chibo.command.testing.Api.Reply;
import vn.chibo.command.testing.TestDatabase;

/**
 * DESIGN §7: "A crash of either service at any moment loses no event and double-applies none in any read model."
 * Both packaged jars on one database; clients write a few cells' work (tasks assigned and completed, notebook checks,
 * members enrolled), each write with its own Idempotency-Key and sent again, as a phone on a weak line does, until it
 * gets an answer. Meanwhile the query-service is killed mid-projection, then the command-service mid-write, then both
 * at once (SIGKILL: nothing of theirs runs on the way down), and each is started again on its port. Then:
 * <ul>
 *   <li>every write was answered as it would have been without the crashes (201 or 200, never a duplicate's 409);</li>
 *   <li>the log holds each answered write's events exactly once: none lost, none applied twice by a retry;</li>
 *   <li>the read models, projected live across the crashes, equal row for row those a replay builds from the log,
 *       and no event went to a dead-letter queue;</li>
 *   <li>the tamper-evidence chain is intact.</li>
 * </ul>
 */
class CrashRecoveryTest {
    private static final UUID PROVINCE = UUID.fromString("10000000-0000-4000-8000-000000000000");
    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final int CELLS = 3;
    private static final int MEMBERS_PER_CELL = 6;
    private static final int CLIENTS = 4;
    private static final Pattern TOKEN_INDEX = Pattern.compile("\"index\"\\s*:\\s*(\\d+)");
    /** Tables of the read side that are not read models. */
    private static final List<String> NOT_READ_MODELS = List.of("token_entry", "dead_letter_entry", "flyway_schema_history");

    @Test
    void a_service_killed_at_any_moment_loses_no_answered_write_and_applies_none_twice() throws Exception {
        TestDatabase.Database database = TestDatabase.fresh();
        try (PackagedServices services = new PackagedServices(database);
             Connection db = DriverManager.getConnection(database.url(), database.username(), database.password())) {
            PackagedServices.Service commandService = services.start("command-service");
            PackagedServices.Service queryService = services.start("query-service");
            Api province = commandService.api().as("tinhuy", PackagedServices.DEMO_PASSWORD);
            Map<UUID, List<UUID>> cells = aFewCells(province);
            Random random = new Random(20261207);
            Load load = new Load(province, cells);
            load.start();

            load.awaitAnswered(40);
            int tries = killWhen(queryService, random, () -> projectionWriting(db));
            queryService = services.start(queryService.name(), queryService.port());
            System.out.printf("CrashRecoveryTest: the query-service killed in a projection's transaction (freeze %d)%n", tries);

            load.awaitAnswered(40);
            tries = killWhen(commandService, random, () -> committedUnanswered(db, load));
            commandService = services.start(commandService.name(), commandService.port());
            System.out.printf("CrashRecoveryTest: the command-service killed with a write committed, not answered (freeze %d)%n", tries);

            load.awaitAnswered(40);
            PackagedServices.kill(queryService);
            tries = killWhen(commandService, random, () -> committedUnanswered(db, load));
            commandService = services.start(commandService.name(), commandService.port());
            queryService = services.start(queryService.name(), queryService.port());
            System.out.printf("CrashRecoveryTest: both services killed, a write committed, not answered (freeze %d)%n", tries);

            load.awaitAnswered(40);
            load.stop();
            System.out.printf("CrashRecoveryTest: %d writes answered, %d of them with their first answer when sent again; "
                    + "%d sends repeated%n", load.answered.get(), load.replayed.get(), load.retries.get());

            assertThat(load.unexpected).as("answers a write would have had without the crashes").isEmpty();
            assertThat(load.replayed.get()).as("writes applied whose answers the crashes cut off, answered when sent again "
                    + "with their first answers").isPositive();
            everyAnsweredWriteLoggedOnce(db, load);

            Api queries = queryService.api().withToken(province.tokenForTests());
            awaitCaughtUp(db);
            for (var cell : cells.keySet()) {
                long done = load.completed.keySet().stream().filter(t -> load.assigned.get(t).equals(cell)).count();
                long all = load.assigned.values().stream().filter(cell::equals).count();
                assertThat(queries.get("/api/cells/" + cell + "/tasks?status=done").json().size()).isEqualTo(done);
                assertThat(queries.get("/api/cells/" + cell + "/tasks?status=open").json().size()).isEqualTo(all - done);
            }
            assertThat(queries.get("/api/admin/dead-letters").json()).as("no event dead-lettered by a crash").isEmpty();
            Map<String, String> live = readModels(db);

            Reply replay = queries.post("/api/admin/replay", Map.of());
            assertThat(replay.status()).as(replay.toString()).isEqualTo(202);
            JsonNode replayed = awaitReplay(queries);
            assertThat(replayed.get("failure").isNull()).as(replayed.toString()).isTrue();
            assertThat(readModels(db)).as("the read models projected across the crashes, against a replay of the log")
                    .isEqualTo(live);

            JsonNode chain = queries.get("/api/audit/verify").json();
            assertThat(chain.get("intact").asBoolean()).as(chain.toString()).isTrue();
        }
    }

    /** The log holds each answered write's events once: none lost, none applied again by a write sent again. */
    private static void everyAnsweredWriteLoggedOnce(Connection db, Load load) throws SQLException {
        Map<String, Long> logged = eventsByType(db);
        assertThat(logged.get("TaskAssigned")).as("each task assigned once").isEqualTo(load.assigned.size());
        assertThat(logged.getOrDefault("TaskCompleted", 0L)).as("each completion once").isEqualTo(load.completed.size());
        assertThat(logged.getOrDefault("NotebooksChecked", 0L)).as("each notebook check once").isEqualTo(load.checks.size());
        assertThat(logged.get("MemberEnrolled")).as("each enrolment once")
                .isEqualTo(CELLS * MEMBERS_PER_CELL + load.enrolled.size());
        assertThat(aggregatesLogged(db, load.assigned.keySet())).as("every task answered 201 is in the log")
                .isEqualTo(load.assigned.size());
    }

    /** A committee and its cells, each with its members. */
    private static Map<UUID, List<UUID>> aFewCells(Api province) {
        UUID committee = UUID.randomUUID();
        assertThat(province.post("/api/org-units", committee(committee, "Đảng bộ xã Sự Cố", PROVINCE)).status()).isEqualTo(201);
        Map<UUID, List<UUID>> cells = new TreeMap<>();
        for (int c = 1; c <= CELLS; c++) {
            UUID cellId = UUID.randomUUID();
            assertThat(province.post("/api/org-units", cell(cellId, "Chi bộ ấp " + c, committee)).status()).isEqualTo(201);
            List<UUID> members = new ArrayList<>();
            for (int m = 1; m <= MEMBERS_PER_CELL; m++) {
                UUID id = UUID.randomUUID();
                Reply enrolled = province.post("/api/cells/" + cellId + "/members", member(id, "Nguyễn Văn Ấp" + c + "-" + m, null));
                assertThat(enrolled.status()).as(enrolled.toString()).isEqualTo(201);
                members.add(id);
            }
            cells.put(cellId, members);
        }
        return cells;
    }

    /**
     * Clients writing a cell's work, each write sent again until it is answered. What each answered write created is
     * kept: tasks (by id, with their cell), completions, notebook checks, enrolments.
     */
    private static final class Load {
        final Map<UUID, UUID> assigned = new ConcurrentHashMap<>();
        final Map<UUID, Boolean> completed = new ConcurrentHashMap<>();
        final Set<String> checks = ConcurrentHashMap.newKeySet();
        final Set<UUID> enrolled = ConcurrentHashMap.newKeySet();
        final List<String> unexpected = Collections.synchronizedList(new ArrayList<>());
        final AtomicLong answered = new AtomicLong();
        final AtomicLong retries = new AtomicLong();
        /** Answers that came from the first answer's record: the write had been applied before its answer was lost. */
        final AtomicLong replayed = new AtomicLong();
        /** The Idempotency-Keys of writes sent and not yet answered. */
        final Set<String> inFlight = ConcurrentHashMap.newKeySet();
        private final AtomicBoolean stopping = new AtomicBoolean();
        private final List<Thread> clients = new ArrayList<>();
        private final Api api;
        private final Map<UUID, List<UUID>> cells;

        Load(Api api, Map<UUID, List<UUID>> cells) {
            this.api = api;
            this.cells = cells;
        }

        void start() {
            for (int c = 0; c < CLIENTS; c++) {
                Random random = new Random(c);
                Thread client = new Thread(() -> write(random), "client-" + c);
                clients.add(client);
                client.start();
            }
        }

        /** Waits until this many more writes have been answered, so that what comes next lands in the middle of them. */
        void awaitAnswered(long more) throws InterruptedException {
            long target = answered.get() + more;
            Instant limit = Instant.now().plus(Duration.ofMinutes(3));
            while (answered.get() < target) {
                if (Instant.now().isAfter(limit)) {
                    throw new AssertionError("No write answered for 3 minutes: " + unexpected);
                }
                Thread.sleep(20);
            }
        }

        /** Stops sending new writes and waits until every write sent has its answer. */
        void stop() throws InterruptedException {
            stopping.set(true);
            for (Thread client : clients) {
                client.join(Duration.ofMinutes(3).toMillis());
                assertThat(client.isAlive()).as(client.getName() + " still waiting for an answer").isFalse();
            }
        }

        private void write(Random random) {
            List<UUID> cellIds = new ArrayList<>(cells.keySet());
            List<UUID> open = new ArrayList<>();
            LocalDate today = LocalDate.now(VIETNAM);
            int n = 0;
            while (!stopping.get()) {
                pause(20);
                UUID cellId = cellIds.get(random.nextInt(cellIds.size()));
                List<UUID> members = cells.get(cellId);
                double kind = random.nextDouble();
                n++;
                if (kind < 0.5 || (kind < 0.8 && open.isEmpty())) {
                    UUID task = UUID.randomUUID();
                    Reply reply = untilAnswered("/api/cells/" + cellId + "/tasks", body("id", task,
                            "memberId", members.get(random.nextInt(members.size())), "title", "Vận động hộ số " + n,
                            "dueOn", today.plusDays(30).toString()), 201);
                    if (reply != null) {
                        assigned.put(task, cellId);
                        open.add(task);
                    }
                } else if (kind < 0.8) {
                    UUID task = open.remove(random.nextInt(open.size()));
                    if (untilAnswered("/api/tasks/" + task + "/complete", body("note", "Đã xong"), 200) != null) {
                        completed.put(task, true);
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
         * Sends the write, then sends it again with the same key whenever no answer came (the service is down or was
         * killed with the write in hand) or the service could not take it (5xx). Answers the reply, or null after
         * noting an answer other than the one expected.
         */
        private Reply untilAnswered(String path, Map<String, Object> body, int expected) {
            String key = UUID.randomUUID().toString();
            Api keyed = api.header("Idempotency-Key", key);
            Supplier<Reply> send = () -> keyed.post(path, body);
            Instant limit = Instant.now().plus(Duration.ofMinutes(3));
            inFlight.add(key);
            while (Instant.now().isBefore(limit)) {
                try {
                    Reply reply = send.get();
                    if (reply.status() < 500) {
                        inFlight.remove(key);
                        answered.incrementAndGet();
                        if (reply.headers().getOrDefault("Idempotent-Replayed", List.of()).contains("true")) {
                            replayed.incrementAndGet();
                        }
                        if (reply.status() == expected) {
                            return reply;
                        }
                        unexpected.add(path + " answered " + reply);
                        return null;
                    }
                } catch (UncheckedIOException noAnswer) {
                    // the service is down, or died with the write in hand
                }
                retries.incrementAndGet();
                pause(100);
            }
            unexpected.add(path + " had no answer within 3 minutes");
            return null;
        }
    }

    private interface Probe {
        boolean holds() throws Exception;
    }

    /**
     * Freezes the service at moments a little apart until the probe, asked while it is frozen, holds; then kills it
     * there. Answers how many freezes it took.
     */
    private static int killWhen(PackagedServices.Service service, Random random, Probe probe) throws Exception {
        for (int tries = 1; tries <= 500; tries++) {
            PackagedServices.freeze(service);
            // what the service had fully sent before it froze reaches its client meanwhile
            Thread.sleep(30);
            if (probe.holds()) {
                PackagedServices.kill(service);
                return tries;
            }
            PackagedServices.thaw(service);
            Thread.sleep(random.nextInt(5, 60));
        }
        throw new AssertionError(service.name() + " was never caught in the moment looked for");
    }

    /** Whether a projection's transaction has written and not committed: the query-service's, in PostgreSQL's view. */
    private static boolean projectionWriting(Connection db) throws SQLException {
        return single(db, "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'query-service' "
                + "AND backend_xid IS NOT NULL") > 0;
    }

    /** Whether a write the clients still wait for has committed, its answer recorded under its Idempotency-Key. */
    private static boolean committedUnanswered(Connection db, Load load) throws SQLException {
        try (var statement = db.prepareStatement("SELECT count(*) FROM event_store.idempotency_key WHERE key = ANY (?)")) {
            statement.setArray(1, db.createArrayOf("varchar", load.inFlight.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1) > 0;
            }
        }
    }

    /** The log's events by their type's simple name. */
    private static Map<String, Long> eventsByType(Connection db) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery("SELECT payload_type, count(*) FROM event_store.domain_event_entry GROUP BY payload_type")) {
            while (rows.next()) {
                String type = rows.getString(1);
                counts.put(type.substring(type.lastIndexOf('.') + 1), rows.getLong(2));
            }
        }
        return counts;
    }

    private static long aggregatesLogged(Connection db, Set<UUID> ids) throws SQLException {
        try (var statement = db.prepareStatement("SELECT count(DISTINCT aggregate_identifier) FROM event_store.domain_event_entry "
                + "WHERE aggregate_identifier = ANY (?)")) {
            statement.setArray(1, db.createArrayOf("varchar", ids.stream().map(UUID::toString).toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /**
     * Waits until every projection's every segment is claimed by a live processor and has read the whole log. A
     * segment the killed instance held is claimed again only once its claim has gone stale.
     */
    private static void awaitCaughtUp(Connection db) throws Exception {
        Instant limit = Instant.now().plus(Duration.ofMinutes(2));
        List<String> behind = List.of();
        while (Instant.now().isBefore(limit)) {
            long last = single(db, "SELECT coalesce(max(global_index), 0) FROM event_store.domain_event_entry");
            behind = new ArrayList<>();
            try (Statement statement = db.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT processor_name, segment, owner, convert_from(token, 'UTF8') "
                         + "FROM read_model.token_entry ORDER BY 1, 2")) {
                while (rows.next()) {
                    String token = rows.getString(4);
                    long index = -1;
                    if (token != null) {
                        Matcher matcher = TOKEN_INDEX.matcher(token);
                        while (matcher.find()) {
                            index = Math.max(index, Long.parseLong(matcher.group(1)));
                        }
                    }
                    if (rows.getString(3) == null || index < last) {
                        behind.add(rows.getString(1) + "/" + rows.getInt(2) + " owner " + rows.getString(3) + " at " + token
                                + " of " + last);
                    }
                }
            }
            if (behind.isEmpty()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("The projections did not catch up within 2 minutes: " + behind);
    }

    private static JsonNode awaitReplay(Api queries) throws InterruptedException {
        Instant limit = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(limit)) {
            JsonNode state = queries.get("/api/admin/replay").json();
            if (!state.get("running").asBoolean()) {
                return state;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("The replay did not end within 2 minutes");
    }

    /** Every read model table: its row count and a digest of its rows in a stable order. */
    private static Map<String, String> readModels(Connection db) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'read_model'")) {
            while (rows.next()) {
                if (!NOT_READ_MODELS.contains(rows.getString(1))) {
                    tables.add(rows.getString(1));
                }
            }
        }
        Map<String, String> digests = new TreeMap<>();
        for (String table : tables) {
            try (Statement statement = db.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT count(*) || ' ' || md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) "
                         + "FROM read_model." + table + " t")) {
                rows.next();
                digests.put(table, rows.getString(1));
            }
        }
        assertThat(digests).containsKeys("task", "member", "dash_task", "cell_month");
        return digests;
    }

    private static long single(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
