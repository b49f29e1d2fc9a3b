package vn.chibo.events.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.UnknownSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import vn.chibo.events.task.TaskCancelled;

class EventStoreLayoutTest {
    private final Serializer serializer = EventStoreLayout.serializer();

    @Test
    void anEventReadsBackAsItWasWritten() {
        TaskCancelled event = new TaskCancelled(UUID.randomUUID(), UUID.randomUUID(), "Trùng việc");
        SerializedObject<byte[]> stored = serializer.serialize(event, byte[].class);

        assertThat(new String(stored.getData(), StandardCharsets.UTF_8)).contains("\"reason\":\"Trùng việc\"");
        assertThat((Object) serializer.deserialize(stored)).isEqualTo(event);
        assertThat((Object) serializer.deserialize(stored)).isEqualTo(event);
    }

    @Test
    void aFieldAddedByALaterVersionIsIgnored() {
        UUID task = UUID.randomUUID();
        byte[] json = ("{\"taskId\":\"" + task + "\",\"cellId\":null,\"reason\":\"x\",\"addedLater\":1}")
                .getBytes(StandardCharsets.UTF_8);
        Object read = serializer.deserialize(new SimpleSerializedObject<>(json, byte[].class,
                new SimpleSerializedType(TaskCancelled.class.getName(), null)));

        assertThat(read).isEqualTo(new TaskCancelled(task, null, "x"));
    }

    @Test
    void theReaderIsLenientAndRemembersTypes() {
        assertThat(serializer).isInstanceOf(TypeKeepingSerializer.class);
        ObjectMapper mapper = ((JacksonSerializer) serializer).getObjectMapper();
        assertThat(mapper.isEnabled(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)).isTrue();
        assertThat(mapper.isEnabled(DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS)).isTrue();
        assertThat(mapper.isEnabled(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)).isFalse();
        assertThat(mapper.isEnabled(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)).isFalse();
    }

    @Test
    void aTypeWithoutAClassIsUnknownEachTimeAndAKnownOneIsItsClass() {
        SimpleSerializedType missing = new SimpleSerializedType("vn.chibo.events.NotYetWritten", null);
        SimpleSerializedType known = new SimpleSerializedType(TaskCancelled.class.getName(), null);

        assertThat(serializer.classForType(missing)).isEqualTo(UnknownSerializedType.class);
        assertThat(serializer.classForType(missing)).isEqualTo(UnknownSerializedType.class);
        assertThat(serializer.classForType(known)).isEqualTo(TaskCancelled.class);
        assertThat(serializer.classForType(known)).isEqualTo(TaskCancelled.class);
    }

    @Test
    void noSnapshotIsAskedForNorStored() {
        ConnectionProvider noDatabase = () -> {
            throw new IllegalStateException("no query was expected");
        };
        JdbcEventStorageEngine engine = EventStoreLayout.storageEngine(noDatabase, NoTransactionManager.INSTANCE,
                e -> false, serializer);
        GenericDomainEventMessage<TaskCancelled> snapshot = new GenericDomainEventMessage<>("Task", "t-1", 3,
                new TaskCancelled(UUID.randomUUID(), UUID.randomUUID(), "x"));

        assertThat(engine.readSnapshot("t-1")).isEmpty();
        assertThatThrownBy(() -> engine.storeSnapshot(snapshot)).isInstanceOf(UnsupportedOperationException.class);
    }
}
