package vn.chibo.simulator;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
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
                  double slowLagsSeenReadShare, int readSamples, int readFailures, double readP50Ms, double readP99Ms,
                  Map<String, Double> cpu) {
    }

    /**
     * One lag sample: the time from a write's answer until a read showed it, and how long that read took (the part of
     * the lag that is the query-service answering under load rather than the projections applying).
     */
    record Lag(long nanos, long seenReadNanos) {
    }

    /** A write accepted at a known instant, whose effect the lag sampler waits to see on {@code path}. */
    private record Accepted(String path, Predicate<Http.Answer> visible, long acceptedAt) {
    }

    /** In a cell's page of a month's ratings, the sign that every member of the cell has been rated. */
    static final String SHEET_COMPLETE = "\"missing\":[]";

    /** How often the department user reads the committee's page during a round. */
    private static final long READ_EVERY_MS = 250;
    /** The slowest tenth of a round's lags, whose reads' share of them the round reports. */
    private static final double SLOW_LAGS = 0.1;

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
        Tally tally = new Tally();
        AtomicInteger next = new AtomicInteger();
        LocalDate today = LocalDate.now(Simulation.VIETNAM);
        Watch watch = new Watch(YearMonth.from(today));
        ExecutorService clients = Executors.newFixedThreadPool(concurrency);
        CountDownLatch done = new CountDownLatch(concurrency);
        CpuUse.Reading cpuBefore = readCpu();
        long start = System.nanoTime();
        double seconds;
        CpuUse.Reading cpuAfter;
        try (watch) {
            for (int c = 0; c < concurrency; c++) {
                clients.submit(() -> {
                    try {
                        for (int i = 0; i < perClient; i++) {
                            assignAndComplete(r, next.getAndIncrement(), today, tally, watch);
                        }
                    } finally {
                        done.countDown();
                    }
                });
            }
            await(done);
            seconds = (System.nanoTime() - start) / 1e9;
            cpuAfter = readCpu();
        } finally {
            clients.shutdownNow();
        }
        Result result = result("single-event", concurrency, repeat, tally.accepted().get(), tally.accepted().get(),
                tally.refused().get(), seconds, tally.latencies(), watch,
                CpuUse.split(cpuBefore, cpuAfter, tally.accepted().get()));
        progress.accept(String.format("  lệnh một sự kiện  %2d luồng, %s: %6d lệnh, %7.1f lệnh/s, p99 %6.1f ms, trễ p99 %6.1f ms%s",
                concurrency, label(repeat), result.commands(), result.commandsPerSecond(), result.latencyP99Ms(), result.lagP99Ms(),
                cpuText(result.cpu())));
        return result;
    }

    /** The round's {@code n}-th task: assigned, then, once accepted, watched for and completed. */
    private void assignAndComplete(int r, int n, LocalDate today, Tally tally, Watch watch) {
        List<Simulation.Cell> cells = simulation.cells;
        Simulation.Cell cell = cells.get(n % cells.size());
        UUID task = simulation.roundTaskId(r, n);
        // every member of the cell in turn: n % members would give a cell the same member every time whenever the
        // count of cells is a multiple of it (100 and 25), and that member's page, which the lag sampler polls, grew
        // by hundreds of tasks a round
        UUID member = cell.members().get(n / cells.size() % cell.members().size());
        Http.Answer assigned = simulation.commands().post("/api/cells/" + cell.id() + "/tasks", Map.of("id", task,
                "memberId", member, "title", "Nắm tình hình hộ nghèo trong ấp",
                "assignedOn", today.toString(), "dueOn", today.plusDays(10).toString()));
        tally.count(assigned);
        if (!assigned.ok()) {
            return;
        }
        String shown = task.toString();
        watch.accepted(new Accepted("/api/members/" + member, a -> a.ok() && a.body().contains(shown), System.nanoTime()));
        tally.count(simulation.commands().post("/api/tasks/" + task + "/complete", Map.of("note", "Xong")));
    }

    /** The machine's and the services' CPU now, for the round's split ({@link CpuUse}). */
    private CpuUse.Reading readCpu() {
        return CpuUse.read(simulation.options().commandPid(), simulation.options().queryPid());
    }

    /**
     * ", CPU 1234 µs/sự kiện (ghi 600, đọc 190, PostgreSQL 500), máy bận 95%, steal 1.0%" ("–" for a part not
     * found); empty when not read.
     */
    static String cpuText(Map<String, Double> cpu) {
        if (cpu == null || cpu.isEmpty()) {
            return "";
        }
        return String.format(", CPU %s µs/sự kiện (ghi %s, đọc %s, PostgreSQL %s), máy bận %s%%, steal %s%%",
                Bench.figureText(cpu.get("machineUs"), "%.0f"), Bench.figureText(cpu.get("commandServiceUs"), "%.0f"),
                Bench.figureText(cpu.get("queryServiceUs"), "%.0f"), Bench.figureText(cpu.get("postgresUs"), "%.0f"),
                Bench.figureText(cpu.get("machineBusyPercent"), "%.0f"), Bench.figureText(cpu.get("stealPercent"), "%.1f"));
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
        Watch watch = new Watch(month);
        CpuUse.Reading cpuBefore = readCpu();
        long start = System.nanoTime();
        double seconds;
        CpuUse.Reading cpuAfter;
        try (watch) {
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
                    watch.accepted(new Accepted("/api/cells/" + cell.id() + "/ratings?period=" + month,
                            a -> a.ok() && a.body().contains(SHEET_COMPLETE), System.nanoTime()));
                } else {
                    refused.incrementAndGet();
                }
            }, "xếp loại " + month + " (" + concurrency + " luồng)", concurrency);
            seconds = (System.nanoTime() - start) / 1e9;
            cpuAfter = readCpu();
        }
        Result result = result("bulk-ratings", concurrency, repeat, sheets.get(), events.get(), refused.get(), seconds,
                latencies, watch, CpuUse.split(cpuBefore, cpuAfter, events.get()));
        progress.accept(String.format("  xếp loại hàng loạt %2d luồng, %s: %6d sự kiện, %7.1f sự kiện/s%s",
                concurrency, label(repeat), result.events(), result.eventsPerSecond(), cpuText(result.cpu())));
        return result;
    }

    /**
     * What a round watches while it writes, from its start until it is closed (also when the round fails): the
     * projection lag, and a department user's reads of a committee's page.
     * <p>
     * Every 100 ms the lag sampler takes the newest accepted write and polls the query API until it shows it: the time
     * from the command's 201 to its effect being readable. A task is looked for on the member's page, as the member
     * would, not on the cell's whole task list: polled every 5 ms, a list that grows by thousands of tasks a round made
     * the sampler itself a large part of the query-service's load (issue 7). A ratings sheet, on the cell's page of the
     * month.
     * <p>
     * Every {@value #READ_EVERY_MS} ms the reader reads the compliance page of the first cell's committee for the
     * round's month, as the department does while the cells write: the page is built again as the month's records
     * change, and its reads wait for the database's connections with the projections' batches. Every read is timed,
     * a refused or failed one too (counted apart as well): a 503 after the pool's wait is the slowest read there is.
     */
    private final class Watch implements AutoCloseable {
        private final AtomicReference<Accepted> latest = new AtomicReference<>();
        private final List<Lag> lags = Collections.synchronizedList(new ArrayList<>());
        private final List<Long> reads = Collections.synchronizedList(new ArrayList<>());
        private final AtomicInteger readFailures = new AtomicInteger();
        private volatile boolean running = true;
        private final Thread sampler;
        private final Thread reader;

        Watch(YearMonth month) {
            sampler = daemon("lag-sampler", this::sampleLags);
            reader = daemon("committee-reader", () -> readCommittee(
                    "/api/dashboard/compliance?unit=" + simulation.cells.get(0).committee() + "&month=" + month));
        }

        void accepted(Accepted write) {
            latest.set(write);
        }

        /** The lag samples taken so far. */
        List<Lag> lags() {
            synchronized (lags) {
                return new ArrayList<>(lags);
            }
        }

        private void sampleLags() {
            try {
                while (running) {
                    Thread.sleep(100);
                    Accepted sample = latest.getAndSet(null);
                    if (sample == null) {
                        continue;
                    }
                    long[] seenRead = new long[1];
                    long lag = simulation.untilVisible(sample.path(), answer -> {
                        seenRead[0] = answer.nanos();
                        return sample.visible().test(answer);
                    }, sample.acceptedAt());
                    // a read under way when the round ended finishes (a socket's read does not stop for an
                    // interrupt): its sample would be of a service no longer under load
                    if (lag >= 0 && running) {
                        lags.add(new Lag(lag, seenRead[0]));
                    }
                }
            } catch (InterruptedException e) {
                // the round ended while the sampler waited between reads
                Thread.currentThread().interrupt();
            }
        }

        private void readCommittee(String page) {
            try {
                while (running) {
                    Thread.sleep(READ_EVERY_MS);
                    long began = System.nanoTime();
                    boolean ok;
                    try {
                        ok = simulation.queries().get(page).ok();
                    } catch (RuntimeException failed) {
                        ok = false;
                    }
                    if (running) {
                        reads.add(System.nanoTime() - began);
                        if (!ok) {
                            readFailures.incrementAndGet();
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() {
            running = false;
            for (Thread thread : List.of(sampler, reader)) {
                thread.interrupt();
            }
            for (Thread thread : List.of(sampler, reader)) {
                join(thread);
            }
        }
    }

    private static Thread daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /**
     * Of the slowest {@value #SLOW_LAGS} of the lags (at least one), the share of their time that the reads which saw
     * the writes took: near 1, the slow lags were slow reads; near 0, projections that had not applied the writes yet.
     */
    static double seenReadShareOfSlowest(List<Lag> lags) {
        if (lags.isEmpty()) {
            return -1;
        }
        List<Lag> slowest = lags.stream().sorted(Comparator.comparingLong(Lag::nanos).reversed())
                .limit(Math.max(1, Math.round(lags.size() * SLOW_LAGS))).toList();
        double lag = slowest.stream().mapToLong(Lag::nanos).sum();
        double read = slowest.stream().mapToLong(l -> Math.min(l.seenReadNanos(), l.nanos())).sum();
        return lag == 0 ? -1 : Math.round(read / lag * 100) / 100.0;
    }

    /** A single-event round's answers: each one's time, and how many were accepted and refused. */
    private record Tally(List<Long> latencies, AtomicLong accepted, AtomicLong refused) {
        Tally() {
            this(Collections.synchronizedList(new ArrayList<>()), new AtomicLong(), new AtomicLong());
        }

        void count(Http.Answer answer) {
            latencies.add(answer.nanos());
            (answer.ok() ? accepted : refused).incrementAndGet();
        }
    }

    private static Result result(String kind, int concurrency, int repeat, long commands, long events, long refused,
                                 double seconds, List<Long> latencies, Watch watch, Map<String, Double> cpu) {
        List<Lag> samples = watch.lags();
        List<Long> lags = samples.stream().map(Lag::nanos).toList();
        List<Long> seenReads = samples.stream().map(Lag::seenReadNanos).toList();
        List<Long> reads = watch.reads;
        return new Result(kind, concurrency, repeat, commands, events, refused, Bench.round(seconds),
                Bench.round(commands / seconds), Bench.round(events / seconds),
                Bench.round(Stats.percentile(latencies, 50)), Bench.round(Stats.percentile(latencies, 99)),
                lags.size(), Bench.round(Stats.percentile(lags, 50)), Bench.round(Stats.percentile(lags, 99)),
                Bench.round(Stats.percentile(seenReads, 50)), Bench.round(Stats.percentile(seenReads, 99)),
                seenReadShareOfSlowest(samples),
                reads.size(), watch.readFailures.get(), Bench.round(Stats.percentile(reads, 50)),
                Bench.round(Stats.percentile(reads, 99)), cpu);
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
