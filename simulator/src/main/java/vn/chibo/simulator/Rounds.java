package vn.chibo.simulator;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The benchmark's timed rounds against a province the simulation built: single-event commands (a task assigned,
 * then completed: one event each) from N concurrent clients; and bulk ratings (each cell's monthly sheet in one
 * request: one event per member) from N concurrent clients. During both, the projection lag is sampled, and a
 * department user reads a committee's compliance page of the month being written, as at a month's end.
 */
final class Rounds {
    /** What one round measured. */
    record Result(String kind, int concurrency, int repeat, long commands, long events, long refused, double seconds,
                  double commandsPerSecond, double eventsPerSecond, double latencyP50Ms, double latencyP99Ms,
                  int lagSamples, double lagP50Ms, double lagP99Ms, double lagSeenReadP50Ms, double lagSeenReadP99Ms,
                  int readSamples, double readP50Ms, double readP99Ms) {
    }

    /**
     * The lag sampler's figures: each lag, and how long the read that first saw the write took, the part of a lag that
     * is the query-service answering under load rather than the projections applying.
     */
    private record LagSamples(List<Long> lags, List<Long> seenReads) {
        LagSamples() {
            this(Collections.synchronizedList(new ArrayList<>()), Collections.synchronizedList(new ArrayList<>()));
        }
    }

    /** A write accepted at a known instant, whose effect the lag sampler waits to see on {@code path}. */
    private record Accepted(String path, Predicate<Http.Answer> visible, long acceptedAt) {
    }

    /** In a cell's page of a month's ratings, the sign that every member of the cell has been rated. */
    static final String SHEET_COMPLETE = "\"missing\":[]";

    /** How often the department user reads the committee's page during a round. */
    private static final long READ_EVERY_MS = 250;

    private final Simulation simulation;
    private final Consumer<String> progress;
    private final AtomicInteger round = new AtomicInteger();

    Rounds(Simulation simulation, Consumer<String> progress) {
        this.simulation = simulation;
        this.progress = progress;
    }

    /** {@code perClient} tasks per client, each assigned then completed: 2 × perClient × concurrency commands. */
    Result singleEvents(int concurrency, int repeat, int perClient) {
        int r = round.incrementAndGet();
        List<Simulation.Cell> cells = simulation.cells;
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        LagSamples lags = new LagSamples();
        AtomicLong accepted = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Accepted> latest = new AtomicReference<>();
        LocalDate today = LocalDate.now(Simulation.VIETNAM);
        ExecutorService clients = Executors.newFixedThreadPool(concurrency);
        CountDownLatch done = new CountDownLatch(concurrency);
        long start = System.nanoTime();
        for (int c = 0; c < concurrency; c++) {
            clients.submit(() -> {
                try {
                    for (int i = 0; i < perClient; i++) {
                        int n = next.getAndIncrement();
                        Simulation.Cell cell = cells.get(n % cells.size());
                        UUID task = simulation.roundTaskId(r, n);
                        // every member of the cell in turn: n % members would give a cell the same member every
                        // time whenever the count of cells is a multiple of it (100 and 25), and that member's
                        // page, which the lag sampler polls, grew by hundreds of tasks a round
                        UUID member = cell.members().get(n / cells.size() % cell.members().size());
                        Http.Answer assigned = simulation.commands().post("/api/cells/" + cell.id() + "/tasks", Map.of("id", task,
                                "memberId", member, "title", "Nắm tình hình hộ nghèo trong ấp",
                                "assignedOn", today.toString(), "dueOn", today.plusDays(10).toString()));
                        count(assigned, latencies, accepted, refused);
                        if (assigned.ok()) {
                            String shown = task.toString();
                            latest.set(new Accepted("/api/members/" + member, a -> a.ok() && a.body().contains(shown), System.nanoTime()));
                            count(simulation.commands().post("/api/tasks/" + task + "/complete", Map.of("note", "Xong")),
                                    latencies, accepted, refused);
                        }
                    }
                } finally {
                    done.countDown();
                }
            });
        }
        Thread sampler = lagSampler(latest, lags, done);
        List<Long> reads = Collections.synchronizedList(new ArrayList<>());
        Thread reader = committeeReader(YearMonth.from(today), reads, done);
        await(done);
        double seconds = (System.nanoTime() - start) / 1e9;
        clients.shutdownNow();
        stop(sampler, reader);
        Result result = result("single-event", concurrency, repeat, accepted.get(), accepted.get(), refused.get(), seconds,
                latencies, lags, reads);
        progress.accept(String.format("  lệnh một sự kiện  %2d luồng, %s: %6d lệnh, %7.1f lệnh/s, p99 %6.1f ms, trễ p99 %6.1f ms",
                concurrency, label(repeat), result.commands(), result.commandsPerSecond(), result.latencyP99Ms(), result.lagP99Ms()));
        return result;
    }

    /** "lần 2" for a counted round; round 0 warms the services up and is not counted ("khởi động"). */
    private static String label(int repeat) {
        return repeat == 0 ? "khởi động" : "lần " + repeat;
    }

    /** Every cell's ratings sheet for {@code month}, {@code concurrency} cells at a time. */
    Result bulkRatings(int concurrency, int repeat, YearMonth month) {
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicLong sheets = new AtomicLong();
        AtomicLong events = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        LagSamples lags = new LagSamples();
        List<Long> reads = Collections.synchronizedList(new ArrayList<>());
        AtomicReference<Accepted> latest = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        Thread sampler = lagSampler(latest, lags, done);
        Thread reader = committeeReader(month, reads, done);
        long start = System.nanoTime();
        simulation.parallel(simulation.cells, cell -> {
            List<Map<String, Object>> ratings = new ArrayList<>();
            for (int i = 0; i < cell.members().size(); i++) {
                ratings.add(Map.of("memberId", cell.members().get(i), "rating", i % 7 == 0 ? "EXCELLENT" : "GOOD"));
            }
            Http.Answer answer = simulation.commands().put("/api/cells/" + cell.id() + "/ratings/" + month, Map.of("ratings", ratings));
            latencies.add(answer.nanos());
            if (answer.ok()) {
                sheets.incrementAndGet();
                events.addAndGet(ratings.size());
                // the sheet is visible when the cell's page of the month lists no member as missing
                latest.set(new Accepted("/api/cells/" + cell.id() + "/ratings?period=" + month,
                        a -> a.ok() && a.body().contains(SHEET_COMPLETE), System.nanoTime()));
            } else {
                refused.incrementAndGet();
            }
        }, "xếp loại " + month + " (" + concurrency + " luồng)", concurrency);
        double seconds = (System.nanoTime() - start) / 1e9;
        done.countDown();
        stop(sampler, reader);
        Result result = result("bulk-ratings", concurrency, repeat, sheets.get(), events.get(), refused.get(), seconds,
                latencies, lags, reads);
        progress.accept(String.format("  xếp loại hàng loạt %2d luồng, %s: %6d sự kiện, %7.1f sự kiện/s",
                concurrency, label(repeat), result.events(), result.eventsPerSecond()));
        return result;
    }

    /**
     * Every 100 ms takes the newest accepted write and polls the query API until it shows it: the time from the
     * command's 201 to its effect being readable. A task is looked for on the member's page, as the member would, not
     * on the cell's whole task list: polled every 5 ms, a list that grows by thousands of tasks a round made the
     * sampler itself a large part of the query-service's load (issue 7). A ratings sheet, on the cell's page of the
     * month.
     */
    private Thread lagSampler(AtomicReference<Accepted> latest, LagSamples lags, CountDownLatch done) {
        Thread thread = new Thread(() -> {
            try {
                while (done.getCount() > 0) {
                    Thread.sleep(100);
                    Accepted sample = latest.getAndSet(null);
                    if (sample == null) {
                        continue;
                    }
                    long[] seenRead = new long[1];
                    long lag = simulation.untilVisible(sample.path(), answer -> {
                        boolean visible = sample.visible().test(answer);
                        seenRead[0] = answer.nanos();
                        return visible;
                    }, sample.acceptedAt());
                    // a read under way when the round ended finishes (a socket's read does not stop for an
                    // interrupt): its sample would be of a service no longer under load
                    if (lag >= 0 && !Thread.currentThread().isInterrupted()) {
                        lags.lags().add(lag);
                        lags.seenReads().add(seenRead[0]);
                    }
                }
            } catch (InterruptedException e) {
                // the round ended while the sampler waited between reads
                Thread.currentThread().interrupt();
            }
        }, "lag-sampler");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /**
     * Every {@value #READ_EVERY_MS} ms reads the compliance page of the first cell's committee for {@code month}, as the
     * department does while the cells write: the page is built again as the month's records change, and its reads
     * wait for the database's connections with the projections' batches. Its times are the round's read latencies.
     */
    private Thread committeeReader(YearMonth month, List<Long> reads, CountDownLatch done) {
        String page = "/api/dashboard/compliance?unit=" + simulation.cells.get(0).committee() + "&month=" + month;
        Thread thread = new Thread(() -> {
            try {
                while (done.getCount() > 0) {
                    Thread.sleep(READ_EVERY_MS);
                    Http.Answer answer = simulation.queries().get(page);
                    if (answer.ok() && !Thread.currentThread().isInterrupted()) {
                        reads.add(answer.nanos());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "committee-reader");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void stop(Thread... threads) {
        for (Thread thread : threads) {
            thread.interrupt();
        }
        for (Thread thread : threads) {
            join(thread);
        }
    }

    private static void count(Http.Answer answer, List<Long> latencies, AtomicLong accepted, AtomicLong refused) {
        latencies.add(answer.nanos());
        if (answer.ok()) {
            accepted.incrementAndGet();
        } else {
            refused.incrementAndGet();
        }
    }

    private static Result result(String kind, int concurrency, int repeat, long commands, long events, long refused,
                                 double seconds, List<Long> latencies, LagSamples lag, List<Long> reads) {
        List<Long> lags = lag.lags();
        return new Result(kind, concurrency, repeat, commands, events, refused, Bench.round(seconds),
                Bench.round(commands / seconds), Bench.round(events / seconds),
                Bench.round(Stats.percentile(latencies, 50)), Bench.round(Stats.percentile(latencies, 99)),
                lags.size(), Bench.round(Stats.percentile(lags, 50)), Bench.round(Stats.percentile(lags, 99)),
                Bench.round(Stats.percentile(lag.seenReads(), 50)), Bench.round(Stats.percentile(lag.seenReads(), 99)),
                reads.size(), Bench.round(Stats.percentile(reads, 50)), Bench.round(Stats.percentile(reads, 99)));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join(35_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
