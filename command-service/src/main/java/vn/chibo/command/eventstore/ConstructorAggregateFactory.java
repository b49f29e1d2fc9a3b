package vn.chibo.command.eventstore;

import java.lang.reflect.Constructor;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.AggregateFactory;
import org.axonframework.eventsourcing.IncompatibleAggregateException;

/**
 * Makes an aggregate read from the log with its no-argument constructor, before its events are applied to it. The
 * store keeps no snapshots, so the first event is never one to start from.
 */
public final class ConstructorAggregateFactory<T> implements AggregateFactory<T> {
    private final Class<T> type;
    private final Constructor<T> constructor;

    public ConstructorAggregateFactory(Class<T> type) {
        this.type = type;
        try {
            this.constructor = type.getDeclaredConstructor();
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(type.getName() + " has no constructor without arguments", e);
        }
        this.constructor.setAccessible(true);
    }

    @Override
    public T createAggregateRoot(String aggregateIdentifier, DomainEventMessage<?> firstEvent) {
        if (type.isAssignableFrom(firstEvent.getPayloadType())) {
            throw new IncompatibleAggregateException(type.getSimpleName() + " " + aggregateIdentifier
                    + " starts from a snapshot, which this store never keeps: build the repository with snapshots");
        }
        try {
            return constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IncompatibleAggregateException("Could not make " + type.getSimpleName() + " " + aggregateIdentifier, e);
        }
    }

    @Override
    public Class<T> getAggregateType() {
        return type;
    }
}
