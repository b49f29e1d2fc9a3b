package vn.chibo.events.store;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.UnknownSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * Axon's JSON serializer, remembering which class each stored type name is. Axon asks the class loader for the
 * class of every event it reads (once to wrap it, once to read it); in a packaged service that look-up took 8% of
 * the query-service's CPU in a replay (issue 7). Only classes that exist are kept here; a type without a class is
 * left to Axon, which answers {@link UnknownSerializedType} for it and remembers that itself.
 */
final class TypeKeepingSerializer extends JacksonSerializer {
    private final Map<SerializedType, Class<?>> classes = new ConcurrentHashMap<>();

    TypeKeepingSerializer(Builder builder) {
        super(builder);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class classForType(SerializedType type) {
        Class<?> known = classes.get(type);
        if (known != null) {
            return known;
        }
        Class<?> found = super.classForType(type);
        if (!UnknownSerializedType.class.equals(found)) {
            classes.put(type, found);
        }
        return found;
    }
}
