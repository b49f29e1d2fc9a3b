package vn.chibo.query.replay;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.MultiEventHandlerInvoker;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

import vn.chibo.query.eventstore.SqlProjection;

/**
 * Every read model rebuilt in one reading of the log. One thread reads the log in pages and deserializes each event
 * once; each projection has a thread of its own that applies the pages in the log's order, each page in one
 * transaction that also moves that projection's tokens to the page's last event. A replay by the projections' own
 * processors reads and deserializes the log once per projection, and their coordinators took a third of the
 * service's CPU doing so (issue 7); applying every projection on one thread instead left PostgreSQL and the service
 * waiting on each other (13.2 s instead of 10.3 s for the small bench's log; 5.9-7.0 s with a thread per projection).
 * <p>
 * The handlers are called as their processor calls them (its interceptors, its dead-letter queue, one unit of work
 * and transaction per page, the unit's current message being the event handled), so a projection cannot tell the
 * difference, but for one thing: the events carry their own tokens, not replay tokens, so a handler that asked
 * whether it is replaying ({@code @DisallowReplay}, {@code ReplayStatus}) would be told no; none here does. Every
 * transaction of the pass names its schema first ({@code schema}: the read models built beside the served ones), so
 * its tables, tokens and dead letters are those. A page that fails is rolled back whole and applied once more with a
 * savepoint per event, so that only its poison event is dead-lettered; if it fails again it ends the rebuild with an
 * exception.
 */
final class OnePassRebuild {
    private static final Logger logger = LoggerFactory.getLogger(OnePassRebuild.class);
    /** One projection: its processor's name, handlers, interceptors and token segments. */
    record Projection(String name, EventHandlerInvoker invoker,
                      List<MessageHandlerInterceptor<? super EventMessage<?>>> interceptors, int[] segments) {
        static Projection of(AbstractEventProcessor processor, TokenStore tokens) {
            return new Projection(processor.getName(), processor.eventHandlerInvoker(),
                    List.copyOf(processor.getHandlerInterceptors()), tokens.fetchSegments(processor.getName()));
        }
    }

    private static final List<TrackedEventMessage<?>> END = List.of();
    /**
     * How many pages a projection's thread may have waiting: the slowest projection sets the pace, and one page
     * waiting keeps it busy. Every page read and not yet applied by all is live in the young generation and copied at
     * each young collection: with 4 a province month's replay spent 1.6-2.1 s in young pauses, with 2 1.0-1.1 s
     * (issue 7).
     */
    private static final int PAGES_AHEAD = 2;

    private final EventStorageEngine log;
    private final TransactionManager transactions;
    private final JdbcClient jdbc;
    /** The schema whose tables every transaction of the pass writes ({@link SqlProjection#schema()}). */
    private final String schema;
    private final TokenStore tokens;
    private final List<Projection> projections;
    private final int pageSize;

    OnePassRebuild(EventStorageEngine log, TransactionManager transactions, JdbcClient jdbc, String schema,
                   TokenStore tokens, List<Projection> projections, int pageSize) {
        this.log = log;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.schema = schema;
        this.tokens = tokens;
        this.projections = List.copyOf(projections);
        this.pageSize = Math.max(1, pageSize);
    }

    /**
     * Applies every event of the log, from the first to the head, to every projection (their tables are expected
     * empty). {@code applied} hears the global position up to which every projection has committed; the rebuild
     * stops after the pages under way when {@code stopped} says so, or when a projection fails (then the others stop
     * too, and this throws).
     */
    void run(LongConsumer applied, BooleanSupplier stopped) {
        for (Projection projection : projections) {
            if (projection.segments().length == 0) {
                // its processor has not made its tokens yet: it will read the whole log itself once it has
                throw new IllegalStateException("The projection " + projection.name() + " has no tokens yet");
            }
        }
        forgetDeadLetterCaches();
        List<Worker> workers = new ArrayList<>();
        projections.forEach(projection -> workers.add(new Worker(projection, workers, applied)));
        workers.forEach(Worker::begin);
        Throwable failure = null;
        try {
            readPages(workers, stopped);
        } catch (Throwable e) {
            failure = e;
        }
        // whatever happened: no projection's thread may still write once the processors take over
        workers.forEach(Worker::end);
        workers.forEach(Worker::await);
        try {
            releaseClaims();
        } catch (RuntimeException e) {
            failure = firstOf(failure, e);
        }
        forgetDeadLetterCaches();
        for (Worker worker : workers) {
            if (worker.failure != null) {
                failure = firstOf(failure, new IllegalStateException(
                        "Rebuilding the read model of " + worker.projection.name() + " failed", worker.failure));
            }
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        if (failure != null) {
            if (failure instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("Rebuilding the read models stopped", failure);
        }
    }

    private void readPages(List<Worker> workers, BooleanSupplier stopped) throws InterruptedException {
        long start = System.nanoTime();
        long blocked = 0;
        try (Stream<? extends TrackedEventMessage<?>> events = log.readEvents(null, false)) {
            Iterator<? extends TrackedEventMessage<?>> iterator = events.iterator();
            List<TrackedEventMessage<?>> page = new ArrayList<>(pageSize);
            while (iterator.hasNext() && !stopped.getAsBoolean() && workers.stream().noneMatch(Worker::failed)) {
                TrackedEventMessage<?> event = iterator.next();
                // read here, once, for every projection's thread (the metadata only by those that need it: few do)
                event.getPayload();
                page.add(event);
                if (page.size() == pageSize || !iterator.hasNext()) {
                    long offering = System.nanoTime();
                    for (Worker worker : workers) {
                        worker.offer(page);
                    }
                    blocked += System.nanoTime() - offering;
                    page = new ArrayList<>(pageSize);
                }
            }
        }
        logger.info("Replay: {} ms reading the log, {} ms of it waiting for the projections to take its pages",
                (System.nanoTime() - start) / 1_000_000, blocked / 1_000_000);
    }

    private static Throwable firstOf(Throwable first, Throwable next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }

    /**
     * The dead-letter queue's invoker remembers, per segment, which sequences it knows are not in the queue, and
     * whether the queue was empty when it began to. The processors' segments forget when a processor stops, but this
     * pass's (the whole log as one segment) would stay, and a later pass would apply the events of a sequence
     * dead-lettered since instead of queueing them behind it (the test of that failed before). Axon's invoker of
     * several invokers does not pass the release on: each is told here.
     */
    private void forgetDeadLetterCaches() {
        for (Projection projection : projections) {
            List<EventHandlerInvoker> invokers = projection.invoker() instanceof MultiEventHandlerInvoker multi
                    ? multi.delegates() : List.of(projection.invoker());
            invokers.forEach(invoker -> invoker.segmentReleased(Segment.ROOT_SEGMENT));
        }
    }

    /** One projection's thread: the pages in order, each in a transaction of its own. */
    private final class Worker implements Runnable {
        private final Projection projection;
        private final List<Worker> all;
        private final LongConsumer applied;
        private final BlockingQueue<List<TrackedEventMessage<?>>> pages = new ArrayBlockingQueue<>(PAGES_AHEAD);
        /** Whether the projection handles an event, by the event's kind: see {@link #handles}. */
        private final Map<EventKind, Boolean> handledKinds = new HashMap<>();
        private final Thread thread;
        private volatile long position = -1;
        private volatile Throwable failure;

        Worker(Projection projection, List<Worker> all, LongConsumer applied) {
            this.projection = projection;
            this.all = all;
            this.applied = applied;
            this.thread = new Thread(this, "replay-" + projection.name());
            thread.setDaemon(true);
        }

        void begin() {
            thread.start();
        }

        boolean failed() {
            return failure != null;
        }

        void offer(List<TrackedEventMessage<?>> page) throws InterruptedException {
            while (thread.isAlive() && !pages.offer(page, 100, TimeUnit.MILLISECONDS)) {
                // a worker that has ended (failed) takes no more pages
            }
        }

        /** Tells the thread there are no more pages, even when this thread is interrupted meanwhile. */
        void end() {
            boolean interrupted = false;
            while (true) {
                try {
                    offer(END);
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        /** Waits for the thread to end, even when this thread is interrupted meanwhile. */
        void await() {
            boolean interrupted = false;
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void run() {
            SqlProjection.inSchema(schema, this::applyPages);
        }

        private void applyPages() {
            // nanoseconds spent applying pages and waiting for them: which projection sets the pace
            long applying = 0;
            long waiting = 0;
            try {
                long start = System.nanoTime();
                for (List<TrackedEventMessage<?>> page = pages.take(); page != END; page = pages.take()) {
                    long taken = System.nanoTime();
                    waiting += taken - start;
                    position = applyOrAgainCarefully(projection, page, handledKinds).position().orElse(-1L);
                    applying += System.nanoTime() - taken;
                    progressed(all, applied);
                    start = System.nanoTime();
                }
            } catch (Throwable e) {
                failure = e;
            }
            long cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            logger.info("Replay of {}: {} ms applying pages ({} ms of this thread's CPU), {} ms waiting for them",
                    projection.name(), applying / 1_000_000, cpu < 0 ? "?" : cpu / 1_000_000, waiting / 1_000_000);
        }
    }

    /**
     * A page that fails is applied once more, as a processor retries a batch that failed: with every event in a
     * savepoint of its own from then on ({@link SqlProjection#beCarefulAfter}), so the event that fails goes to the
     * dead-letter queue alone and the page commits. Only a page that fails again ends the one pass. Since a replay
     * empties the queue, every event that still fails meets this; the pass used to stop at the first, and the
     * processors then read the rest of the log once each, every event in its own savepoint. A page cut off by a
     * dropped connection is applied again as it was (no poison event; care would slow the rest of the pass tenfold).
     */
    private TrackingToken applyOrAgainCarefully(Projection projection, List<TrackedEventMessage<?>> page,
                                                Map<EventKind, Boolean> handledKinds) {
        try {
            return apply(projection, page, handledKinds);
        } catch (RuntimeException first) {
            logger.info("Replay of {}: a page failed ({}); applying it again, event by event", projection.name(),
                    first.getCause() == null ? first : first.getCause());
            SqlProjection.beCarefulAfter(projection.name(), first);
            return apply(projection, page, handledKinds);
        }
    }

    /** Tells {@code applied} how far every projection has committed. */
    private synchronized void progressed(List<Worker> workers, LongConsumer applied) {
        applied.accept(workers.stream().mapToLong(worker -> worker.position).min().orElse(-1));
    }

    /**
     * One page of one projection in one transaction: its handlers, then its tokens. One unit of work for the page
     * whose current message moves from event to event: Axon's batching unit of work wraps each event's result in a
     * message of its own, with a random identifier and the event's metadata read for it (15% of a projection's CPU
     * in a replay, and most of the metadata read).
     */
    private TrackingToken apply(Projection projection, List<TrackedEventMessage<?>> page,
                                Map<EventKind, Boolean> handledKinds) {
        TrackingToken token = page.get(page.size() - 1).trackingToken();
        DefaultUnitOfWork<EventMessage<?>> batch = new DefaultUnitOfWork<>(page.get(0));
        batch.attachTransaction(transactions);
        batch.onPrepareCommit(unit -> {
            for (int segment : projection.segments()) {
                tokens.storeToken(token, projection.name(), segment);
            }
        });
        ResultMessage<?> result = batch.executeWithResult(() -> {
            // its tables, tokens and dead letters (all named alone) those of the pass, before a dead-letter queue's
            // first statement
            SqlProjection.nameSchema(jdbc);
            for (TrackedEventMessage<?> event : page) {
                batch.transformMessage(previous -> event);
                if (handles(projection, event, handledKinds)) {
                    handle(projection, batch, event);
                }
            }
            return null;
        }, RollbackConfigurationType.ANY_THROWABLE);
        if (result.isExceptional()) {
            throw new IllegalStateException("The page ending at " + token + " failed", result.exceptionResult());
        }
        return token;
    }

    /** What a projection's answer depends on in one pass: the payload's type, and whether the event is an aggregate's. */
    private record EventKind(Class<?> payloadType, boolean ofAggregate) {
    }

    /**
     * Whether the projection handles the event, asked of its handlers once per kind of event. In one pass every event
     * comes from the same log, on the whole log as one segment, and none carries a replay token; the handlers'
     * parameters (the event, its timestamp and optional metadata values) resolve for every event, and its sequence
     * number for every aggregate's event, so the answer depends on the payload type and on whether the event is an
     * aggregate's alone. Asking Axon's invoker for each event and each projection (it also looks through every handler
     * for a reset handler each time) was a seventh of the replay threads' CPU on a province month's log (issue 7).
     */
    private static boolean handles(Projection projection, EventMessage<?> event, Map<EventKind, Boolean> handledKinds) {
        EventKind kind = new EventKind(event.getPayloadType(), event instanceof DomainEventMessage<?>);
        Boolean handles = handledKinds.get(kind);
        if (handles == null) {
            handles = projection.invoker().canHandle(event, Segment.ROOT_SEGMENT);
            handledKinds.put(kind, handles);
        }
        return handles;
    }

    private static void handle(Projection projection, UnitOfWork<EventMessage<?>> batch, EventMessage<?> event)
            throws Exception {
        if (projection.interceptors().isEmpty()) {
            projection.invoker().handle(event, Segment.ROOT_SEGMENT);
        } else {
            new DefaultInterceptorChain<EventMessage<?>>(batch, projection.interceptors(), message -> {
                projection.invoker().handle(message, Segment.ROOT_SEGMENT);
                return null;
            }).proceed();
        }
    }

    /** Storing a token claims it for this node: the processors, started next, claim their segments themselves. */
    private void releaseClaims() {
        SqlProjection.inSchemaTransaction(schema, transactions, jdbc, () -> {
            for (Projection projection : projections) {
                for (int segment : projection.segments()) {
                    tokens.releaseClaim(projection.name(), segment);
                }
            }
        });
    }
}
