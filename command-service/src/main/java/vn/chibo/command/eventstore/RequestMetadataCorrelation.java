package vn.chibo.command.eventstore;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.springframework.stereotype.Component;

import vn.chibo.events.EventMetadata;

/**
 * Copies the request's metadata (actor, role, cell, correlation id, client and server time, idempotency key)
 * from a command onto every event it produces, and names the command as the events' cause. Replaces Axon's
 * default provider, whose "correlationId" means the parent message rather than the user's request.
 */
@Component
public class RequestMetadataCorrelation implements CorrelationDataProvider {
    private static final List<String> COPIED = List.of(EventMetadata.ACTOR, EventMetadata.ACTOR_ROLE,
            EventMetadata.CELL_ID, EventMetadata.CORRELATION_ID, EventMetadata.CLIENT_TIME,
            EventMetadata.SERVER_TIME, EventMetadata.IDEMPOTENCY_KEY);

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        Map<String, Object> data = new HashMap<>();
        for (String key : COPIED) {
            Object value = message.getMetaData().get(key);
            if (value != null) {
                data.put(key, value);
            }
        }
        data.put(EventMetadata.CAUSATION_ID, message.getIdentifier());
        return data;
    }
}
