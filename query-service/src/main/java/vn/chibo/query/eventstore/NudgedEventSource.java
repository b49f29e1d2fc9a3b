package vn.chibo.query.eventstore;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;

/**
 * The event log as the projections read it. A pooled streaming processor that finds no new event looks again
 * 500 ms later unless its stream can call it back when events arrive, and the streams it reads cannot: that alone
 * put 250 ms on the average projection lag (issue 7). These streams "call back" every {@code period}: the processor
 * then looks at its stream, which {@link EventTail} fills from memory (it polls the table every
 * {@code chibo.projection.fetch-delay-ms}), so looking costs no query.
 */
public final class NudgedEventSource implements StreamableMessageSource<TrackedEventMessage<?>>, AutoCloseable {
    private final StreamableMessageSource<TrackedEventMessage<?>> source;
    private final long periodMillis;
    private final ScheduledExecutorService nudger = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "projection-nudger");
        thread.setDaemon(true);
        return thread;
    });

    public NudgedEventSource(StreamableMessageSource<TrackedEventMessage<?>> source, Duration period) {
        this.source = source;
        this.periodMillis = Math.max(1, period.toMillis());
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken token) {
        return new Nudged(source.openStream(token));
    }

    @Override
    public TrackingToken createTailToken() {
        return source.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return source.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return source.createTokenAt(dateTime);
    }

    @Override
    public TrackingToken createTokenSince(Duration duration) {
        return source.createTokenSince(duration);
    }

    @Override
    public void close() {
        nudger.shutdownNow();
    }

    private final class Nudged implements BlockingStream<TrackedEventMessage<?>> {
        private final BlockingStream<TrackedEventMessage<?>> stream;
        private ScheduledFuture<?> nudging;

        Nudged(BlockingStream<TrackedEventMessage<?>> stream) {
            this.stream = stream;
        }

        @Override
        public synchronized boolean setOnAvailableCallback(Runnable callback) {
            if (nudging != null) {
                nudging.cancel(false);
            }
            nudging = nudger.scheduleWithFixedDelay(callback, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
            return true;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return stream.peek();
        }

        @Override
        public boolean hasNextAvailable() {
            return stream.hasNextAvailable();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            return stream.hasNextAvailable(timeout, unit);
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return stream.nextAvailable();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            stream.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public synchronized void close() {
            if (nudging != null) {
                nudging.cancel(false);
            }
            stream.close();
        }
    }
}
