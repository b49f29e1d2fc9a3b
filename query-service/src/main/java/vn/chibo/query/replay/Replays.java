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

import javax.sql.DataSource;

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
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import jakarta.annotation.PreDestroy;

import vn.chibo.query.eventstore.EventSourceConfiguration;
import vn.chibo.query.eventstore.ReadModelsSwapped;
import vn.chibo.query.eventstore.SqlProjection;

/**
 * Rebuilds every read model from the event log while the service keeps answering from the ones it has (DESIGN §5): the
 * projections' processors stop, and the read models are built beside the served ones, in tables of their own
 * ({@link ReadModelBeside}): each projection is reset there (its {@code @ResetHandler} empties those tables and forgets
 * what it kept in memory, its dead letters there start afresh: the replay applies every event again, and queues again
 * what still fails), the log is read once and every projection applies it on a thread of its own
 * ({@link OnePassRebuild}), the indexes no projection's write reads are built at the end, and one transaction swaps the
 * rebuilt tables in, tokens and dead letters with them. The processors then start again from where the pass ended,
 * taking the events that came meanwhile. Until the swap the pages answer from the read models as they were when the
 * replay began, whole, with every index, and say so ({@link RebuildingNotice}); the events of that time show once the
 * processors have caught up after it. A replay that fails (or a service that stops during one) changes nothing of the
 * served read models: the processors go on from their own tokens, and what was built beside is dropped.
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
     * of the indexes built at the end are still to build; {@code failure}: why the replay was given up (the served
     * read models were left as they were), null unless it was.
     */
    public record Progress(boolean running, Instant startedAt, Instant finishedAt, Double seconds, long headIndex,
                           long events, Double eventsPerSecond, long behind, int indexesToBuild, String failure,
                           List<ProcessorProgress> processors) {
    }

    private static final Logger log = LoggerFactory.getLogger(Replays.class);

    private final EventProcessingConfiguration processing;
    private final JdbcClient jdbc;
    private final EventStorageEngine eventLog;
    private final TransactionManager transactions;
    private final TokenStore tokens;
    private final ReadModelBeside beside;
    private final ApplicationEventPublisher publisher;
    private final int pageEvents;
    private final ExecutorService rebuilder = Executors.newSingleThreadExecutor(daemon("replay-rebuild"));
    private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(daemon("replay-watcher"));
    private Instant startedAt;
    private Instant finishedAt;
    private long headIndex;
    private long events;
    private ScheduledFuture<?> watching;
    /**
     * From a replay's start until every projection has passed the log's head of that start: the read models answer
     * as they were when it began, and every answer says so ({@link RebuildingNotice}).
     */
    private volatile boolean partial;
    /** Whether the replay builds the read models beside the served ones (the processors are stopped meanwhile). */
    private volatile boolean rebuilding;
    private volatile long rebuiltUpTo = -1;
    private volatile String failure;
    private volatile boolean closing;

    public Replays(EventProcessingConfiguration processing, JdbcClient jdbc, DataSource dataSource, EventStorageEngine eventLog,
                   TransactionManager transactions, TokenStore tokens, ApplicationEventPublisher publisher,
                   @Value("${chibo.replay.page-events:2000}") int pageEvents) {
        this.processing = processing;
        this.jdbc = jdbc;
        this.eventLog = eventLog;
        this.transactions = transactions;
        this.tokens = tokens;
        this.beside = new ReadModelBeside(jdbc, dataSource, transactions, EventSourceConfiguration.NODE_ID);
        this.publisher = publisher;
        this.pageEvents = pageEvents;
        try {
            // what a replay cut short by a stop of the service had built: never swapped in
            beside.discardUnlessLeased();
        } catch (RuntimeException e) {
            log.warn("Dropping what a replay cut short had built failed; the next replay drops it", e);
        }
    }

    /** Another instance of the service projects into the read models: a replay here would lose its writes. */
    public static final class ProjectedElsewhere extends RuntimeException {
        ProjectedElsewhere() {
            super("Another instance of the service projects into the read models");
        }
    }

    /**
     * Starts a replay of every projection; false when one is already running; {@link ProjectedElsewhere} (nothing
     * started) when another instance of the service projects into the read models: stop its projections first.
     */
    public synchronized boolean start() {
        if (startedAt != null && finishedAt == null) {
            return false;
        }
        if (!beside.lease()) {
            // another instance's replay builds beside the served read models
            return false;
        }
        List<StreamingEventProcessor> processors = processors();
        long head;
        long count;
        try {
            head = latestIndex();
            count = jdbc.sql("SELECT count(*) FROM event_store.domain_event_entry").query(Long.class).single();
            processors.forEach(StreamingEventProcessor::shutDown);
            if (beside.projectedElsewhere()) {
                throw new ProjectedElsewhere();
            }
        } catch (RuntimeException | Error e) {
            // refused before anything was built: the last replay's record stays as it was
            try {
                startStopped(processors);
            } finally {
                beside.unlease();
            }
            throw e;
        }
        partial = true;
        headIndex = head;
        events = count;
        startedAt = Instant.now();
        finishedAt = null;
        failure = null;
        List<OnePassRebuild.Projection> projections = new ArrayList<>();
        try {
            beside.prepare();
            inTablesBeside(() -> {
                for (StreamingEventProcessor processor : processors) {
                    processor.resetTokens();
                    projections.add(OnePassRebuild.Projection.of((AbstractEventProcessor) processor, tokens));
                }
            });
            rebuiltUpTo = -1;
            rebuilding = true;
            rebuilder.execute(() -> rebuild(projections, processors));
        } catch (RuntimeException | Error e) {
            // the served read models are as they were: their processors go on, and another replay may be asked for
            failure = describe(e);
            log.warn("The replay failed at its start; the read models stay as they were before it", e);
            try {
                giveUp();
                startStopped(processors);
            } finally {
                rebuilding = false;
                partial = false;
                finishedAt = Instant.now();
                beside.unlease();
            }
            throw e;
        }
        watching = watcher.scheduleWithFixedDelay(this::checkFinished, 20, 20, TimeUnit.MILLISECONDS);
        return true;
    }

    /** The one reading of the log beside the served read models, their swap, then the processors again. */
    private void rebuild(List<OnePassRebuild.Projection> projections, List<StreamingEventProcessor> processors) {
        boolean swapped = false;
        try {
            new OnePassRebuild(eventLog, transactions, jdbc, ReadModelBeside.NEXT, tokens, projections, pageEvents)
                    .run(position -> rebuiltUpTo = position, () -> closing);
            if (!closing) {
                beside.finish(() -> closing);
                beside.swap(() -> closing);
                swapped = true;
            }
        } catch (RuntimeException | Error e) {
            failure = describe(e);
            log.warn("The replay failed at event {}; the read models stay as they were before it", rebuiltUpTo, e);
        } finally {
            try {
                if (swapped) {
                    quietly("Telling the read side of the swap", () -> publisher.publishEvent(new ReadModelsSwapped()));
                } else if (!closing) {
                    giveUp();
                }
                // the processors run again before the replay can be over, and another asked for
                if (!closing) {
                    quietly("Starting the projections again", () -> startStopped(processors));
                }
                if (swapped) {
                    quietly("Dropping the old read models (the next replay or start drops them)", beside::dropOld);
                }
            } finally {
                beside.unlease();
                rebuilding = false;
            }
        }
    }

    /** Runs one step of a replay's ending; a failure is logged and the next steps still run. */
    private static void quietly(String step, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException | Error e) {
            log.warn("{} failed", step, e);
        }
    }

    /** Why a replay was given up: the exception, and what it wraps. */
    private static String describe(Throwable e) {
        return e.getCause() == null ? String.valueOf(e) : e + "; " + e.getCause();
    }

    /** What was built beside is dropped: the processors go on with the served read models. */
    private void giveUp() {
        try {
            beside.discard();
        } catch (RuntimeException e) {
            log.warn("Dropping the read models of a replay given up failed; the next replay drops them", e);
        }
    }

    /** {@code work} in one transaction, every projection statement, token and dead letter of it beside the served ones. */
    private void inTablesBeside(Runnable work) {
        SqlProjection.inSchemaTransaction(ReadModelBeside.NEXT, transactions, jdbc, work);
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

    /**
     * Whether a replay runs (on this instance): the read models answer as they were when it began, or have not yet
     * caught up with the events that came meanwhile.
     */
    public boolean readModelsPartial() {
        return partial;
    }

    public synchronized Progress progress() {
        Double seconds = startedAt == null ? null
                : Duration.between(startedAt, finishedAt == null ? Instant.now() : finishedAt).toMillis() / 1000.0;
        Double rate = finishedAt == null || seconds == null || seconds == 0 || failure != null ? null
                : Math.round(events / seconds * 10) / 10.0;
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
                Math.max(0, latest - slowest), rebuilding ? beside.deferredToBuild() : 0, failure, rows);
    }

    private synchronized void checkFinished() {
        if (startedAt == null || finishedAt != null || rebuilding) {
            return;
        }
        try {
            if (failure != null || processors().stream().allMatch(this::passedHead)) {
                // every event up to the start is in the read models again, or the replay was given up
                partial = false;
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
