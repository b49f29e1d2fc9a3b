package vn.chibo.query.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import vn.chibo.query.testing.QueryServiceTestBase;

/**
 * Every projection's stream sees every event of the log once and in the log's order, whether it reads the table,
 * the events kept in memory, or the table again after it fell further behind than memory holds; and it calls its
 * processor back until it is closed.
 */
class EventTailTest extends QueryServiceTestBase {
    @Autowired
    EventStorageEngine engine;
    @Autowired
    EventStore eventStore;

    private final UUID task = UUID.randomUUID();
    private long sequence;

    @Test
    void streams_read_the_table_then_memory_then_the_table_again_and_miss_nothing() throws Exception {
        try (EventTail tail = new EventTail(engine, 4, Duration.ofMillis(10), Duration.ofMillis(25))) {
            List<String> expected = new ArrayList<>(append(3));
            EventTail.Cursor first = (EventTail.Cursor) tail.openStream(engine.createTailToken());
            List<String> seenByFirst = new ArrayList<>(readAvailable(first));
            assertThat(first.followsTail()).as("at the head of the log a stream goes on from memory").isTrue();

            List<TrackingToken> tokens = new ArrayList<>();
            for (int round = 0; round < 5; round++) {
                expected.addAll(append(2));
                seenByFirst.addAll(readUntil(first, expected.size() - seenByFirst.size(), tokens));
                assertThat(first.followsTail()).isTrue();
            }
            // a stream whose token is one memory still holds goes on from memory at once, from the event after it
            EventTail.Cursor resumed = (EventTail.Cursor) tail.openStream(tokens.get(tokens.size() - 3));
            assertThat(readUntil(resumed, 2, new ArrayList<>())).containsExactlyElementsOf(expected.subList(expected.size() - 2, expected.size()));
            assertThat(resumed.followsTail()).isTrue();
            assertThat(resumed.hasNextAvailable()).isFalse();
            resumed.close();
            // more than memory holds arrives at once: the stream falls behind, reads the table, and comes back
            long held = tail.eventsRead();
            expected.addAll(append(9));
            await().atMost(Duration.ofSeconds(10)).until(() -> tail.eventsRead() == held + 9);
            seenByFirst.addAll(readUntil(first, 9, tokens));
            assertThat(first.followsTail()).as("nine events, memory holds four: read from the table").isFalse();
            assertThat(first.hasNextAvailable()).isFalse();
            assertThat(first.followsTail()).as("back at the head: from memory again").isTrue();
            expected.addAll(append(1));
            seenByFirst.addAll(readUntil(first, 1, tokens));
            assertThat(first.followsTail()).isTrue();

            BlockingStream<TrackedEventMessage<?>> second = tail.openStream(engine.createTailToken());
            List<String> seenBySecond = readUntil(second, expected.size(), new ArrayList<>());

            List<String> log = expected.stream().toList();
            assertThat(seenByFirst).as("the first stream: every event once, in order").containsExactlyElementsOf(log);
            assertThat(seenBySecond).as("a stream opened later, from the start").containsExactlyElementsOf(log);
            assertThat(first.hasNextAvailable()).isFalse();
            assertThat(second.hasNextAvailable()).isFalse();

            // a processor that found nothing is called back, so it looks again without waiting 500 ms; not once closed
            AtomicInteger callbacks = new AtomicInteger();
            assertThat(second.setOnAvailableCallback(callbacks::incrementAndGet)).isTrue();
            await().atMost(Duration.ofSeconds(5)).until(() -> callbacks.get() >= 3);
            first.close();
            second.close();
            int whenClosed = callbacks.get();
            Thread.sleep(200);
            assertThat(callbacks.get()).isLessThanOrEqualTo(whenClosed + 1);
        }
    }

    /** Appends {@code count} events of this test's task; their identifiers in the order appended. */
    private List<String> append(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            // a payload no projection handles: this test reads the streams itself
            GenericDomainEventMessage<String> event = new GenericDomainEventMessage<>("Probe", task.toString(),
                    sequence++, "sự kiện " + sequence);
            eventStore.publish(event);
            ids.add(event.getIdentifier());
        }
        return ids;
    }

    private static List<String> readAvailable(BlockingStream<TrackedEventMessage<?>> stream) throws InterruptedException {
        List<String> ids = new ArrayList<>();
        while (stream.hasNextAvailable(300, TimeUnit.MILLISECONDS)) {
            ids.add(stream.nextAvailable().getIdentifier());
        }
        return ids;
    }

    /** Up to {@code count} events' identifiers (within 5 s each); their tokens are added to {@code tokens}. */
    private static List<String> readUntil(BlockingStream<TrackedEventMessage<?>> stream, int count, List<TrackingToken> tokens)
            throws InterruptedException {
        List<String> ids = new ArrayList<>();
        while (ids.size() < count && stream.hasNextAvailable(5, TimeUnit.SECONDS)) {
            TrackedEventMessage<?> event = stream.nextAvailable();
            ids.add(event.getIdentifier());
            tokens.add(event.trackingToken());
        }
        return ids;
    }
}
