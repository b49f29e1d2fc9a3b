package vn.chibo.simulator;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A province's life through the public HTTP API only: the organisation tree and members, then month after month
 * each cell's regular meeting (most on the 3rd, some off-day, all entered after the fact with their announcement),
 * attendance, score, minutes drafted and finalised (one in ten amended afterwards, with a reason), the month's
 * ratings in one request, a task for every member assigned at the meeting (most completed, one in ten left open
 * past its deadline), a topical meeting in the middle month of each quarter, a notebook check each quarter; and a
 * share of bad requests (unknown cell, a second regular meeting in a month, malformed JSON) that must be refused.
 * Deterministic from the seed: the same ids and choices every run. A province's year (8,000 cells of 25 members)
 * comes to about 8.5 million events (86 a cell and month), near the "about 10 million" of DESIGN §8 and issue 7.
 */
final class Simulation {
    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final String[] FAMILY = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ"};
    private static final String[] MIDDLE = {"Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Ngọc", "Quang"};
    private static final String[] GIVEN = {"An", "Bình", "Châu", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hùng", "Lan", "Long", "Mai",
            "Nam", "Nga", "Phúc", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Yến"};
    private static final String[] TASKS = {"Vận động đóng quỹ khuyến học", "Thăm hỏi gia đình chính sách", "Nắm tình hình dư luận trong ấp",
            "Vận động hộ nghèo vay vốn sản xuất", "Tham gia vệ sinh môi trường khu dân cư", "Hòa giải mâu thuẫn ở tổ dân phố",
            "Tuyên truyền phòng chống dịch bệnh cây trồng", "Đôn đốc đóng đảng phí"};

    /** One simulated cell and its members. */
    record Cell(UUID id, UUID committee, List<UUID> members) {
    }

    private final Options options;
    private final Stats stats;
    private final Http commands;
    private final Http queries;
    private final Consumer<String> progress;
    private final UUID province;
    private final String runTag;
    /**
     * Whether a meeting's page has been read yet: the first meeting scheduled is waited for, not counted. The first
     * read of the query-service's pages (its security, token check and views still cold) took 2.9-3.4 s under the
     * play's load (0.5-0.9 s on a quiet machine): the play's first lag sample measured that, not the projection.
     */
    private final AtomicBoolean meetingPageRead = new AtomicBoolean();
    final List<UUID> committees = new ArrayList<>();
    final List<Cell> cells = new ArrayList<>();
    final Map<UUID, List<UUID>> meetingsByCell = new LinkedHashMap<>();

    Simulation(Options options, Stats stats, Consumer<String> progress) {
        this.options = options;
        this.stats = stats;
        this.progress = progress;
        Http.Login login = new Http.Login(options.commandUrl(), options.username(), options.password());
        login.bearer(); // now: wrong credentials stop the run before anything is sent
        this.commands = new Http(options.commandUrl()).as(login);
        this.queries = new Http(options.queryUrl()).as(login);
        this.province = UUID.fromString(commands.get("/api/me").json().get("unitId").asText());
        this.runTag = options.reuse() ? System.currentTimeMillis() + ":" : "";
    }

    Http queries() {
        return queries;
    }

    Http commands() {
        return commands;
    }

    Options options() {
        return options;
    }

    UUID province() {
        return province;
    }

    /** Ids derived from the seed, so a run is repeatable and a rerun does not clash with itself. */
    UUID id(String what, long n) {
        return UUID.nameUUIDFromBytes((options.seed() + ":" + options.cells() + ":" + what + ":" + n).getBytes());
    }

    /**
     * The ids of a bench round's tasks: from the seed, and with {@code --reuse} also from the run's start, so a run
     * on a province that earlier runs already sent rounds to does not send their tasks again.
     */
    UUID roundTaskId(int round, int n) {
        return id("round-task:" + runTag + round, n);
    }

    void buildProvince() {
        planTree();
        for (int c = 0; c < committees.size(); c++) {
            stats.good("org-unit", commands.post("/api/org-units", Map.of("id", committees.get(c), "name", "Đảng bộ xã mô phỏng " + (c + 1),
                    "kind", "COMMITTEE", "parentId", province)));
        }
        int perCell = Math.max(3, options.members() / Math.max(1, options.cells()));
        parallel(cells, cell -> {
            stats.good("org-unit", commands.post("/api/org-units", Map.of("id", cell.id(), "name", "Chi bộ mô phỏng " + cell.id().toString().substring(0, 8),
                    "kind", "CELL", "parentId", cell.committee())));
            enrolMembers(cell, perCell);
        }, "tổ chức và đảng viên");
    }

    /** The committees and cells, with their ids from the seed; the members come later. */
    private void planTree() {
        int committeeCount = Math.max(1, (options.cells() + 19) / 20);
        for (int c = 0; c < committeeCount; c++) {
            committees.add(id("committee", c));
        }
        for (int k = 0; k < options.cells(); k++) {
            cells.add(new Cell(id("cell", k), committees.get(k % committeeCount), new ArrayList<>()));
        }
    }

    /**
     * {@code --reuse}: the province an earlier run built with the same seed and sizes, as the query API shows it. Its
     * cells' ids come from the seed; each cell's members are read back, in the order of the register they were
     * imported from (by the number their simulated card ends with). Nothing is sent.
     */
    void loadProvince() {
        planTree();
        parallel(cells, cell -> {
            Http.Answer answer = queries.get("/api/cells/" + cell.id() + "/members");
            if (!answer.ok()) {
                throw buildAgain("chi bộ " + cell.id() + " không đọc được (" + answer.status() + ")", "a cell cannot be read");
            }
            List<Map.Entry<Integer, UUID>> members = new ArrayList<>();
            answer.json().forEach(row -> {
                String card = row.path("cardNumber").asText();
                members.add(Map.entry(Integer.parseInt(card.substring(card.lastIndexOf('-') + 1)), UUID.fromString(row.get("id").asText())));
            });
            if (members.size() < 2) {
                throw buildAgain("chi bộ " + cell.id() + " có " + members.size() + " đảng viên, cần ít nhất 2",
                        "a cell has fewer than 2 members");
            }
            members.sort(Map.Entry.comparingByKey());
            members.forEach(member -> cell.members().add(member.getValue()));
        }, "đọc lại tổ chức và đảng viên");
    }

    /**
     * The first month from {@code from} on for which the first cell has no ratings yet: the month of the bench's next
     * bulk round, so a run with {@code --reuse} rates months that neither the played months nor earlier runs' rounds
     * have (a sheet sent for a rated month is refused). Before the month in progress, whose sheets are not due yet.
     */
    YearMonth firstUnratedMonth(YearMonth from) {
        YearMonth now = YearMonth.now(VIETNAM);
        for (YearMonth month = from; month.isBefore(now); month = month.plusMonths(1)) {
            if (queries.get("/api/cells/" + cells.get(0).id() + "/ratings?period=" + month).json().path("rated").asLong() == 0) {
                return month;
            }
        }
        throw buildAgain("không còn tháng nào chưa xếp loại từ " + from + " đến nay cho các vòng xếp loại hàng loạt",
                "no unrated month left for the bulk rounds");
    }

    /** Why {@code --reuse} cannot go on with the province it found, and what to do instead. */
    private static IllegalStateException buildAgain(String why, String whyInEnglish) {
        return new IllegalStateException("--reuse: " + why + "; dựng lại tỉnh: chạy không có --reuse, cùng --seed, --cells và "
                + "--members. (" + whyInEnglish + ": build the province again, without --reuse.)");
    }

    /**
     * The last month the simulation played, whose pages the bench reads: the month before this one, or with
     * {@code --reuse} the month of the first cell's latest meeting, since the province may have been played in an
     * earlier month than this run's.
     */
    YearMonth lastPlayedMonth() {
        YearMonth last = YearMonth.now(VIETNAM).minusMonths(1);
        if (!options.reuse()) {
            return last;
        }
        YearMonth latest = null;
        for (var meeting : queries.get("/api/cells/" + cells.get(0).id() + "/meetings?from=2000-01-01&to=" + last.atEndOfMonth()).json()) {
            YearMonth month = YearMonth.from(LocalDate.parse(meeting.get("date").asText()));
            latest = latest == null || month.isAfter(latest) ? month : latest;
        }
        return latest == null ? last : latest;
    }

    /**
     * A cell's members arrive as a cell secretary would bring them: one register file (CSV) exported from the
     * national member database, imported in one request; the ids come back in the import's report.
     */
    private void enrolMembers(Cell cell, int count) {
        Random names = new Random(cell.id().getMostSignificantBits());
        StringBuilder csv = new StringBuilder("cardNumber,fullName,birthDate,joinedPartyOn,status,cell\n");
        for (int m = 0; m < count; m++) {
            String name = FAMILY[names.nextInt(FAMILY.length)] + " " + MIDDLE[names.nextInt(MIDDLE.length)] + " "
                    + GIVEN[names.nextInt(GIVEN.length)];
            csv.append("SIM-").append(cell.id().toString(), 0, 8).append('-').append(m).append(',').append(name)
                    .append(",19/05/1980,03/02/2005,").append(names.nextInt(10) == 0 ? "Dự bị" : "Chính thức").append(',')
                    .append(cell.id()).append('\n');
        }
        Http.Answer answer = commands.upload("/api/members/import?filename=register.csv",
                csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), "text/csv; charset=utf-8");
        stats.good("member import", answer);
        answer.json().path("rows").forEach(row -> cell.members().add(UUID.fromString(row.get("memberId").asText())));
    }

    void playMonths() {
        YearMonth last = YearMonth.now(VIETNAM).minusMonths(1);
        for (YearMonth month = last.minusMonths(options.months() - 1); !month.isAfter(last); month = month.plusMonths(1)) {
            YearMonth m = month;
            parallel(cells, cell -> playMonth(cell, m), "tháng " + month.getMonthValue() + "/" + month.getYear());
        }
    }

    private void playMonth(Cell cell, YearMonth month) {
        Random random = new Random(cell.id().getLeastSignificantBits() ^ month.hashCode() ^ options.seed());
        boolean offDay = random.nextInt(10) == 0;
        LocalDate day = month.atDay(offDay ? 6 : 3);
        Instant starts = ZonedDateTime.of(day, LocalTime.of(8, 0), VIETNAM).toInstant();
        UUID meeting = id("meeting:" + cell.id() + ":" + month, 0);
        Map<String, Object> schedule = new LinkedHashMap<>();
        schedule.put("id", meeting);
        schedule.put("kind", "REGULAR");
        schedule.put("startsAt", starts.toString());
        schedule.put("announcedAt", starts.minusSeconds(7 * 86400L).toString());
        schedule.put("location", "Hội trường chi bộ");
        schedule.put("chairId", cell.members().get(0));
        schedule.put("recorderId", cell.members().get(1));
        if (offDay) {
            schedule.put("reason", "Trùng lịch sản xuất");
        }
        Http.Answer scheduled = commands.post("/api/cells/" + cell.id() + "/meetings", schedule);
        stats.good("meeting", scheduled);
        if (!scheduled.ok()) {
            return;
        }
        synchronized (meetingsByCell) {
            meetingsByCell.computeIfAbsent(cell.id(), k -> new ArrayList<>()).add(meeting);
        }
        if (measuresLag(random, meetingPageRead.get())) {
            measureLag(meeting);
        }
        UUID absent = cell.members().get(cell.members().size() - 1);
        List<UUID> present = cell.members().stream().filter(id -> !id.equals(absent)).toList();
        stats.good("attendance", commands.put("/api/meetings/" + meeting + "/attendance", Map.of("present", present,
                "absent", List.of(Map.of("memberId", absent, "reason", "Đi làm ăn xa", "excused", true)),
                "startedAt", starts.toString(), "endedAt", starts.plusSeconds(110 * 60).toString())));
        stats.good("score", commands.put("/api/meetings/" + meeting + "/score", Map.of("criteria",
                Map.of("preparation", 18, "attendance", 17, "conduct", 30 + random.nextInt(10), "closing", 17))));
        writeMinutes(cell, meeting, Map.of("currentAffairs", "Tình hình kinh tế - xã hội tháng " + month.getMonthValue(),
                "conclusions", "Thống nhất nghị quyết"));
        List<Map<String, Object>> ratings = new ArrayList<>();
        for (UUID member : cell.members()) {
            int r = random.nextInt(20);
            ratings.add(Map.of("memberId", member, "rating", r == 0 ? "COMPLETED" : r < 4 ? "EXCELLENT" : "GOOD"));
        }
        stats.good("ratings", commands.put("/api/cells/" + cell.id() + "/ratings/" + month, Map.of("ratings", ratings)));
        // the choices below draw from a Random of their own, so the earlier ones (and the bad requests) stay as they were
        Random work = new Random(cell.id().getMostSignificantBits() ^ 31L * month.hashCode() ^ options.seed());
        if (work.nextInt(10) == 0) {
            stats.good("amendment", commands.post("/api/meetings/" + meeting + "/minutes/amendments", Map.of(
                    "sections", Map.of("conclusions", "Thống nhất nghị quyết; bổ sung phần giao nhiệm vụ theo ý kiến của đảng ủy"),
                    "reason", "Bổ sung theo góp ý của đảng ủy cấp trên")));
        }
        assignTasks(cell, month, meeting, day, work);
        if (month.getMonthValue() % 3 == 2) {
            holdTopicalMeeting(cell, month);
        }
        if (month.getMonthValue() % 3 == 0) {
            List<Map<String, Object>> results = cell.members().stream()
                    .map(member -> Map.<String, Object>of("memberId", member, "ok", true)).toList();
            stats.good("notebook", commands.post("/api/cells/" + cell.id() + "/notebook-checks",
                    Map.of("checkedOn", month.atDay(20).toString(), "results", results)));
        }
        switch (random.nextInt(Math.max(3, options.badEvery()))) {
            case 0 -> {
                Map<String, Object> second = new LinkedHashMap<>(schedule);
                second.put("id", UUID.randomUUID());
                second.put("startsAt", starts.plusSeconds(10 * 86400L).toString());
                second.put("reason", "Họp thêm");
                stats.bad("second regular meeting", commands.post("/api/cells/" + cell.id() + "/meetings", second), 409);
            }
            case 1 -> stats.bad("unknown cell", commands.post("/api/cells/" + UUID.randomUUID() + "/members",
                    Map.of("fullName", "Người lạ", "birthDate", "1980-01-01", "joinedPartyOn", "2005-01-01", "status", "FULL")), 404);
            case 2 -> stats.bad("malformed JSON", commands.raw("POST", "/api/cells/" + cell.id() + "/members", "{\"fullName\": \"Nguy"), 400);
            default -> { }
        }
    }

    /**
     * At the regular meeting every member is given the month's task (phân công nhiệm vụ), due two weeks later; most
     * report it done, one in ten is left open past its deadline and shows as overdue on the dashboard.
     */
    private void assignTasks(Cell cell, YearMonth month, UUID meeting, LocalDate day, Random work) {
        for (int m = 0; m < cell.members().size(); m++) {
            UUID task = id("task:" + cell.id() + ":" + month, m);
            stats.good("task", commands.post("/api/cells/" + cell.id() + "/tasks", Map.of("id", task,
                    "memberId", cell.members().get(m), "title", TASKS[(m + month.getMonthValue()) % TASKS.length],
                    "meetingId", meeting, "assignedOn", day.toString(), "dueOn", day.plusDays(14).toString())));
            if (work.nextInt(10) != 0) {
                stats.good("task-complete", commands.post("/api/tasks/" + task + "/complete", Map.of("note", "Đã hoàn thành")));
            }
        }
    }

    /**
     * The quarter's topical meeting (sinh hoạt chuyên đề) on the 15th of its middle month: scheduled a week ahead,
     * everyone present for two hours, its minutes drafted and finalised.
     */
    private void holdTopicalMeeting(Cell cell, YearMonth month) {
        Instant starts = ZonedDateTime.of(month.atDay(15), LocalTime.of(14, 0), VIETNAM).toInstant();
        UUID meeting = id("topical:" + cell.id() + ":" + month, 0);
        Http.Answer scheduled = commands.post("/api/cells/" + cell.id() + "/meetings", Map.of("id", meeting,
                "kind", "TOPICAL", "startsAt", starts.toString(), "announcedAt", starts.minusSeconds(7 * 86400L).toString(),
                "location", "Nhà văn hóa ấp", "topic", "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
                "chairId", cell.members().get(0), "recorderId", cell.members().get(1)));
        stats.good("topical meeting", scheduled);
        if (!scheduled.ok()) {
            return;
        }
        stats.good("attendance", commands.put("/api/meetings/" + meeting + "/attendance", Map.of("present", cell.members(),
                "absent", List.of(), "startedAt", starts.toString(), "endedAt", starts.plusSeconds(120 * 60).toString())));
        writeMinutes(cell, meeting, Map.of("conclusions", "Mỗi đảng viên đăng ký một việc làm theo gương Bác trong quý"));
    }

    /** A meeting's minutes drafted, then finalised by its chair and recorder (the cell's first two members). */
    private void writeMinutes(Cell cell, UUID meeting, Map<String, Object> sections) {
        stats.good("minutes", commands.put("/api/meetings/" + meeting + "/minutes", Map.of("sections", sections)));
        stats.good("finalise", commands.post("/api/meetings/" + meeting + "/minutes/finalize",
                Map.of("chairId", cell.members().get(0), "recorderId", cell.members().get(1))));
    }

    /** Projection lag: from the 201 of a command to its effect visible through the query API. */
    /**
     * Whether a cell's month samples the lag on its meeting: one in twenty, and every one until a meeting's page has
     * been read. The draw is made either way: which months come before that first read depends on the threads' timing,
     * and a draw skipped for them would shift the month's later choices (its meeting's score...), so the records sent
     * would no longer follow from the seed alone.
     */
    static boolean measuresLag(Random random, boolean meetingPageRead) {
        boolean sampled = random.nextInt(20) == 0;
        return sampled || !meetingPageRead;
    }

    private void measureLag(UUID meeting) {
        try {
            long lag = untilVisible("/api/meetings/" + meeting, Http.Answer::ok, System.nanoTime());
            if (lag >= 0 && meetingPageRead.getAndSet(true)) {
                stats.lag(lag);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Polls the query API every 5 ms until {@code visible} holds for {@code path}: the nanoseconds from {@code since}
     * (a command's 201) until then, or -1 after 30 s.
     */
    long untilVisible(String path, Predicate<Http.Answer> visible, long since) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (visible.test(queries.get(path))) {
                return System.nanoTime() - since;
            }
            Thread.sleep(5);
        }
        return -1;
    }

    <T> void parallel(List<T> items, Consumer<T> work, String stage) {
        parallel(items, work, stage, options.concurrency());
    }

    <T> void parallel(List<T> items, Consumer<T> work, String stage, int concurrency) {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        AtomicInteger done = new AtomicInteger();
        long started = System.nanoTime();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (T item : items) {
                futures.add(pool.submit(() -> {
                    work.accept(item);
                    int n = done.incrementAndGet();
                    if (n % Math.max(1, items.size() / 10) == 0 || n == items.size()) {
                        progress.accept(String.format("  %-28s %5d/%d chi bộ  %6.1f s", stage, n, items.size(),
                                (System.nanoTime() - started) / 1e9));
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("The simulation failed at " + stage, e);
        } finally {
            pool.shutdownNow();
        }
    }
}
