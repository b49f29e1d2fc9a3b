package vn.chibo.query.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import jakarta.annotation.PreDestroy;

/**
 * Rebuilds every read model from the event log while the service keeps answering (DESIGN §7): the projections'
 * processors stop, each projection's tracking token is reset, its dead-letter queue emptied (the replay applies those
 * events again, and queues again what still fails) and its {@code @ResetHandler} empties its tables, then
 * the log is read once and every projection applies it on a thread of its own ({@link OnePassRebuild}), and the
 * processors start again from where that ended, taking the events that came meanwhile. The indexes that no projection
 * reads while writing are dropped once the tables are empty, and built at the end ({@link DeferredIndexes}). Should a
 * page fail (a poison event), the processors start from the last page that committed and replay the rest themselves,
 * dead-lettering what fails.
 * The replay is over when every projection has passed the last event that was in the log when it began; how long
 * that took is kept, so the department (and the benchmark) can read the rate.
 */
@Component
public class Replays {
    /** One projection's progress. */
    public record ProcessorProgress(String name, boolean replaying, long position) {
    }

    /**
     * The last replay asked for, and where it is; {@code behind}: how many events of the log the slowest projection
     * has still to apply now (0 when every read model is up to date), replay or not; {@code indexesToBuild}: how many
     * of the indexes dropped for the replay are still to build (the replay runs until none is); {@code handedOverAt}:
     * where the one reading of the log stopped and the processors replayed the rest themselves (slower), after a page
     * failed twice, null while it has not.
     */
    public record Progress(boolean running, Instant startedAt, Instant finishedAt, Double seconds, long headIndex,
                           long events, Double eventsPerSecond, long behind, int indexesToBuild, Long handedOverAt,
                           List<ProcessorProgress> processors) {
    }

    private static final Logger log = LoggerFactory.getLogger(Replays.class);

    private final EventProcessingConfiguration processing;
    private final JdbcClient jdbc;
    private final EventStorageEngine eventLog;
    private final TransactionManager transactions;
    private final TokenStore tokens;
    private final DeferredIndexes deferredIndexes;
    private final int pageEvents;
    private final ExecutorService rebuilder = Executors.newSingleThreadExecutor(daemon("replay-rebuild"));
    private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(daemon("replay-watcher"));
    private Instant startedAt;
    private Instant finishedAt;
    private long headIndex;
    private long events;
    private ScheduledFuture<?> watching;
    /**
     * From a replay's start until every projection has passed the log's head of that start: the read models then hold
     * part of the log only, and every answer says so ({@link RebuildingNotice}).
     */
    private volatile boolean partial;
    /** Whether the one reading of the log runs (the processors are stopped meanwhile), and where it is. */
    private volatile boolean rebuilding;
    private volatile long rebuiltUpTo = -1;
    private volatile Long handedOverAt;
    private volatile boolean closing;
    /** How many indexes dropped for the replay are still to build, and when their build was last tried (nanoTime). */
    private volatile int indexesToBuild;
    private volatile long lastIndexBuild;
    private static final Duration INDEX_RETRY = Duration.ofSeconds(30);

    public Replays(EventProcessingConfiguration processing, JdbcClient jdbc, EventStorageEngine eventLog,
                   TransactionManager transactions, TokenStore tokens,
                   @Value("${chibo.replay.page-events:2000}") int pageEvents) {
        this.processing = processing;
        this.jdbc = jdbc;
        this.eventLog = eventLog;
        this.transactions = transactions;
        this.tokens = tokens;
        this.deferredIndexes = new DeferredIndexes(jdbc, transactions);
        this.pageEvents = pageEvents;
    }

    /** Starts a replay of every projection; false when one is already running. */
    public synchronized boolean start() {
        if (startedAt != null && finishedAt == null) {
            return false;
        }
        partial = true;
        headIndex = latestIndex();
        events = jdbc.sql("SELECT count(*) FROM event_store.domain_event_entry").query(Long.class).single();
        List<StreamingEventProcessor> processors = processors();
        processors.forEach(StreamingEventProcessor::shutDown);
        startedAt = Instant.now();
        finishedAt = null;
        List<OnePassRebuild.Projection> projections = new ArrayList<>();
        try {
            for (StreamingEventProcessor processor : processors) {
                processor.resetTokens();
                projections.add(OnePassRebuild.Projection.of((AbstractEventProcessor) processor, tokens));
            }
            // the tables are empty now: their indexes that no projection reads are built once, at the end
            deferredIndexes.drop();
            indexesToBuild = deferredIndexes.pending();
            rebuiltUpTo = -1;
            handedOverAt = null;
            rebuilding = true;
            rebuilder.execute(() -> rebuild(projections, processors));
        } catch (RuntimeException e) {
            // no projection may stay stopped, nor any index dropped, and another replay may be asked for
            rebuilding = false;
            buildDeferredIndexes();
            startStopped(processors);
            startedAt = null;
            partial = false;
            throw e;
        }
        watching = watcher.scheduleWithFixedDelay(this::checkFinished, 20, 20, TimeUnit.MILLISECONDS);
        return true;
    }

    /** The one reading of the log, then the processors again (from where it ended, or failed). */
    private void rebuild(List<OnePassRebuild.Projection> projections, List<StreamingEventProcessor> processors) {
        try {
            new OnePassRebuild(eventLog, transactions, tokens, projections, pageEvents)
                    .run(position -> rebuiltUpTo = position, () -> closing);
        } catch (RuntimeException e) {
            handedOverAt = rebuiltUpTo;
            log.warn("Rebuilding the read models in one pass stopped at event {}; the projections replay the rest "
                    + "themselves", rebuiltUpTo, e);
        } finally {
            try {
                if (!closing) {
                    buildDeferredIndexes();
                }
            } finally {
                rebuilding = false;
                if (!closing) {
                    startStopped(processors);
                }
            }
        }
    }

    /**
     * The indexes dropped at the start, built from the rebuilt tables before the processors go on: the replay is not
     * over until they are. An index whose build fails stays dropped: the processors start all the same (their writes
     * do not read these indexes), the replay goes on showing as running, with the indexes left to build, and they are
     * tried again every {@link #INDEX_RETRY} ({@link #checkFinished}); a start of the service builds them too.
     */
    private void buildDeferredIndexes() {
        long start = System.nanoTime();
        lastIndexBuild = start;
        try {
            int built = deferredIndexes.build();
            indexesToBuild = deferredIndexes.pending();
            log.info("Replay: {} indexes built in {} ms, {} left to build", built, (System.nanoTime() - start) / 1_000_000,
                    indexesToBuild);
        } catch (RuntimeException e) {
            indexesToBuild = Math.max(indexesToBuild, 1);
            log.warn("Building the read models' indexes after the replay failed; they are tried again", e);
        }
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    private static void startStopped(List<StreamingEventProcessor> processors) {
        processors.stream().filter(processor -> !processor.isRunning()).forEach(StreamingEventProcessor::start);
    }

    /** Whether the read models hold only part of the log now, a replay rebuilding them (on this instance). */
    public boolean readModelsPartial() {
        return partial;
    }

    public synchronized Progress progress() {
        Double seconds = startedAt == null ? null
                : Duration.between(startedAt, finishedAt == null ? Instant.now() : finishedAt).toMillis() / 1000.0;
        Double rate = finishedAt == null || seconds == null || seconds == 0 ? null : Math.round(events / seconds * 10) / 10.0;
        List<ProcessorProgress> rows = new ArrayList<>();
        for (StreamingEventProcessor processor : processors()) {
            if (rebuilding) {
                rows.add(new ProcessorProgress(processor.getName(), true, rebuiltUpTo));
                continue;
            }
            boolean replaying = processor.processingStatus().values().stream().anyMatch(EventTrackerStatus::isReplaying);
            long position = processor.processingStatus().values().stream()
                    .mapToLong(status -> status.getCurrentPosition().orElse(-1L)).min().orElse(-1L);
            rows.add(new ProcessorProgress(processor.getName(), replaying, position));
        }
        long latest = latestIndex();
        long slowest = rows.stream().mapToLong(ProcessorProgress::position).min().orElse(latest);
        return new Progress(startedAt != null && finishedAt == null, startedAt, finishedAt, seconds, headIndex, events, rate,
                Math.max(0, latest - slowest), indexesToBuild, handedOverAt, rows);
    }

    private synchronized void checkFinished() {
        if (startedAt == null || finishedAt != null || rebuilding) {
            return;
        }
        try {
            if (processors().stream().allMatch(this::passedHead)) {
                // every event up to the start is in the read models again; what is left is indexes, for speed
                partial = false;
                if (indexesToBuild > 0) {
                    if (System.nanoTime() - lastIndexBuild > INDEX_RETRY.toNanos()) {
                        lastIndexBuild = System.nanoTime();
                        rebuilder.execute(this::buildDeferredIndexes);
                    }
                    return;
                }
                finishedAt = Instant.now();
                watching.cancel(false);
            }
        } catch (RuntimeException e) {
            // an exception would end the scheduled checks for good; look again next time
        }
    }

    private boolean passedHead(StreamingEventProcessor processor) {
        var statuses = processor.processingStatus().values();
        // not isReplaying(): a replay token only says it is over once an event newer than the reset has come
        return !statuses.isEmpty() && statuses.stream().allMatch(status -> status.getCurrentPosition().orElse(-1L) >= headIndex);
    }

    /** The index of the newest event in the log (-1 when it is empty). */
    private long latestIndex() {
        return jdbc.sql("SELECT coalesce(max(global_index), -1) FROM event_store.domain_event_entry").query(Long.class).single();
    }

    private List<StreamingEventProcessor> processors() {
        return processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance).map(StreamingEventProcessor.class::cast)
                .sorted(java.util.Comparator.comparing(StreamingEventProcessor::getName)).toList();
    }

    /** The service is stopping (before its processors stop): a replay under way ends after its pages and starts none. */
    @EventListener(ContextClosedEvent.class)
    void closing() {
        closing = true;
    }

    @PreDestroy
    void stop() throws InterruptedException {
        closing = true;
        rebuilder.shutdown();
        // each page under way commits or rolls back whole before the connections close
        rebuilder.awaitTermination(30, TimeUnit.SECONDS);
        watcher.shutdownNow();
    }
}
