package vn.chibo.query.eventstore;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.stream.Stream;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.StreamableMessageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The newest events of the log, read from the table once for every projection. Axon's embedded event store does
 * the same with a linked list, but an event it drops still points at the next one: once one of them has reached
 * the old generation of the heap, it keeps every later event alive through the young collections, so the
 * query-service's old generation grew with the event rate, and a full collection of 0.6-1 s every ~100 s under
 * load made the projection lag's p99 (issue 7). Here the events sit in a ring of slots and nothing points from one
 * event to another: an event leaves memory when its slot is reused.
 * <p>
 * One thread reads what the log has after the newest event it holds, every {@code fetchDelay}. A projection's
 * stream reads the table itself until it reaches the log's head, and then goes on from the ring, from the event
 * whose preceding token is its own; when it falls a whole ring behind it reads the table again. The reading thread
 * starts from the token of the first stream to reach the head, so their tokens (which carry the gaps of uncommitted
 * inserts) match.
 * <p>
 * A pooled streaming processor that finds no new event looks again 500 ms later unless its stream calls it back when
 * events may have arrived: that alone put 250 ms on the average projection lag (issue 7). These streams call back
 * every {@code nudge}; looking at a stream that follows the ring costs no query.
 */
public final class EventTail implements StreamableMessageSource<TrackedEventMessage<?>>, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EventTail.class);
    private static final long IDLE_WAIT_MILLIS = 10;

    /**
     * The k-th event read (k counts from 0 for the life of the service), and the token before it. Each stored event
     * is one message with a token of its own (no upcaster splits one into several), so a token names one place.
     */
    private record Entry(long number, TrackingToken previous, TrackedEventMessage<?> event) {
    }

    private final EventStorageEngine engine;
    private final AtomicReferenceArray<Entry> ring;
    private final long fetchDelayMillis;
    private final long nudgeMillis;
    private final ScheduledExecutorService reader = daemonThread("event-tail");
    private final ScheduledExecutorService nudger = daemonThread("projection-nudger");
    /** How many events were ever read; the next goes to slot {@code read % capacity}. */
    private volatile long read;
    private volatile boolean started;
    /** Whether the last reading failed (the reading thread's own: a failure is logged once, not every run). */
    private boolean failing;
    private TrackingToken startToken;
    /** The token of the newest event read (the reading thread's own). */
    private TrackingToken newest;

    public EventTail(EventStorageEngine engine, int capacity, Duration fetchDelay, Duration nudge) {
        if (capacity < 1) {
            throw new IllegalArgumentException("The event tail must hold at least one event, not " + capacity);
        }
        this.engine = engine;
        this.ring = new AtomicReferenceArray<>(capacity);
        this.fetchDelayMillis = Math.max(1, fetchDelay.toMillis());
        this.nudgeMillis = Math.max(1, nudge.toMillis());
    }

    private static ScheduledExecutorService daemonThread(String name) {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken token) {
        return new Cursor(token);
    }

    @Override
    public TrackingToken createTailToken() {
        return engine.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return engine.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return engine.createTokenAt(dateTime);
    }

    @Override
    public void close() {
        reader.shutdownNow();
        nudger.shutdownNow();
    }

    /** Starts the reading thread from {@code token} (a stream that has just read the log up to its head). */
    private synchronized void startFrom(TrackingToken token) {
        if (started) {
            return;
        }
        startToken = token;
        newest = token;
        reader.scheduleWithFixedDelay(this::readNewEvents, 0, fetchDelayMillis, TimeUnit.MILLISECONDS);
        started = true;
    }

    /** Reads what the log has after the newest event held; runs on the reading thread only. */
    private void readNewEvents() {
        try (Stream<? extends TrackedEventMessage<?>> events = engine.readEvents(newest, false)) {
            Iterator<? extends TrackedEventMessage<?>> iterator = events.iterator();
            while (iterator.hasNext()) {
                TrackedEventMessage<?> event = iterator.next();
                long number = read;
                ring.set(slot(number), new Entry(number, newest, event));
                newest = event.trackingToken();
                read = number + 1;
            }
            failing = false;
        } catch (Throwable e) {
            // the next run reads again from the same token; a scheduled task that throws would never run again
            if (!failing) {
                log.warn("Reading the newest events failed; trying again every {} ms", fetchDelayMillis, e);
            }
            failing = true;
        }
    }

    /** How many events the reading thread has read since it started (tests). */
    long eventsRead() {
        return read;
    }

    private int slot(long number) {
        return (int) (number % ring.length());
    }

    /**
     * The number of the entry a stream whose last token is {@code token} goes on from ({@link #read} when it has
     * read everything held), or -1 when no entry follows that token (the ring has moved past it, the token comes
     * from another reading of the log, or nothing is read yet).
     */
    private long entryAfter(TrackingToken token) {
        if (!started) {
            return -1;
        }
        long end = read;
        if (end == 0) {
            return Objects.equals(token, startToken) ? 0 : -1;
        }
        Entry last = ring.get(slot(end - 1));
        if (last != null && last.number() == end - 1 && Objects.equals(token, last.event().trackingToken())) {
            return end;
        }
        for (long number = end - 1; number >= Math.max(0, end - ring.length()); number--) {
            Entry entry = ring.get(slot(number));
            if (entry == null || entry.number() != number) {
                return -1;
            }
            if (Objects.equals(token, entry.previous())) {
                return number;
            }
        }
        return -1;
    }

    /** One projection's stream: from the table until it reaches the head, then from the ring. */
    final class Cursor implements BlockingStream<TrackedEventMessage<?>> {
        private TrackingToken last;
        /** The next entry to hand out, or -1 while this stream reads the table. */
        private long next = -1;
        private Stream<? extends TrackedEventMessage<?>> own;
        private Iterator<? extends TrackedEventMessage<?>> ownEvents;
        private TrackedEventMessage<?> peeked;
        /** When this stream last found the table read to its end without a ring entry to go on from, and the ring then. */
        private long headSince = Long.MIN_VALUE;
        private long readAtHead = -1;
        private ScheduledFuture<?> nudging;

        Cursor(TrackingToken token) {
            this.last = token;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return Optional.ofNullable(peekEvent());
        }

        /** Calls the processor back every nudge period: it then looks at this stream again. */
        @Override
        public synchronized boolean setOnAvailableCallback(Runnable callback) {
            if (nudging != null) {
                nudging.cancel(false);
            }
            nudging = nudger.scheduleWithFixedDelay(callback, nudgeMillis, nudgeMillis, TimeUnit.MILLISECONDS);
            return true;
        }

        /** Whether this stream now reads from memory (tests). */
        boolean followsTail() {
            return next >= 0;
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            long deadline = System.nanoTime() + unit.toNanos(timeout);
            while (peekEvent() == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                Thread.sleep(Math.min(IDLE_WAIT_MILLIS, Math.max(1, TimeUnit.NANOSECONDS.toMillis(left))));
            }
            return true;
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            while (peekEvent() == null) {
                Thread.sleep(IDLE_WAIT_MILLIS);
            }
            TrackedEventMessage<?> event = peeked;
            peeked = null;
            last = event.trackingToken();
            if (next >= 0) {
                next++;
            }
            return event;
        }

        private TrackedEventMessage<?> peekEvent() {
            if (peeked != null) {
                return peeked;
            }
            if (next >= 0) {
                if (next >= read) {
                    return null;
                }
                Entry entry = ring.get(slot(next));
                if (entry != null && entry.number() == next) {
                    peeked = entry.event();
                    return peeked;
                }
                // the ring has moved past this stream: read the table from its token
                next = -1;
            }
            if (ownEvents == null) {
                long after = entryAfter(last);
                if (after >= 0) {
                    next = after;
                    return peekEvent();
                }
                if (readAtHead == read && System.nanoTime() - headSince < TimeUnit.MILLISECONDS.toNanos(fetchDelayMillis)) {
                    // at the head a moment ago and nothing read since: no query on every look
                    return null;
                }
                own = engine.readEvents(last, false);
                ownEvents = own.iterator();
            }
            if (ownEvents.hasNext()) {
                peeked = ownEvents.next();
                return peeked;
            }
            // at the head of the log: from here on the ring, if it holds what follows (the first stream here starts it)
            closeOwn();
            if (!started) {
                startFrom(last);
            }
            long after = entryAfter(last);
            if (after >= 0) {
                next = after;
                return peekEvent();
            }
            headSince = System.nanoTime();
            readAtHead = read;
            return null;
        }

        private void closeOwn() {
            if (own != null) {
                own.close();
            }
            own = null;
            ownEvents = null;
        }

        @Override
        public void close() {
            synchronized (this) {
                if (nudging != null) {
                    nudging.cancel(false);
                }
            }
            closeOwn();
        }
    }
}
