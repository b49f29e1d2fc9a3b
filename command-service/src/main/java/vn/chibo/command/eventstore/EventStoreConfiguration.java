package vn.chibo.command.eventstore;

import java.time.Clock;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import vn.chibo.events.VietnamTime;
import vn.chibo.events.store.EventStoreLayout;

/**
 * The event store: Axon's JDBC storage engine on {@code event_store.domain_event_entry} (Flyway creates it),
 * BYTEA payloads, events and metadata as JSON ({@link EventStoreLayout}).
 */
@Configuration
public class EventStoreConfiguration {
    @Bean
    @Primary
    public Serializer serializer() {
        return EventStoreLayout.serializer();
    }

    @Bean
    @Qualifier("eventSerializer")
    public Serializer eventSerializer() {
        return serializer();
    }

    @Bean
    @Qualifier("messageSerializer")
    public Serializer messageSerializer() {
        return serializer();
    }

    @Bean
    public EventStorageEngine eventStorageEngine(ConnectionProvider connectionProvider,
                                                 TransactionManager transactionManager,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer) {
        return EventStoreLayout.storageEngine(connectionProvider, transactionManager, new PostgresDuplicateKeys(), eventSerializer);
    }

    /**
     * Every aggregate's command handler takes it: Axon's aggregate configuration asks for the
     * {@code CommandTargetResolver} component.
     */
    @Bean
    public CommandTargetResolver commandTargetResolver() {
        return new KeptCommandTargets();
    }

    /*
     * One cache per aggregate type (the cache is keyed by the id alone), bounded so a province-sized service stays
     * within its memory: every member of a province (a cell's monthly ratings reach all its members a month after they
     * were last written, so a smaller cache would read most of them from the log), recent units, meetings and tasks;
     * the rest is read from the log. See AggregateCache for how it stays right when a transaction rolls back after
     * Axon's unit of work.
     */
    @Bean
    public Cache memberCache(@Value("${chibo.command.cache.members:250000}") int members) {
        return new AggregateCache(members);
    }

    @Bean
    public Cache orgUnitCache() {
        return new AggregateCache(10_000);
    }

    @Bean
    public Cache meetingCache() {
        return new AggregateCache(10_000);
    }

    @Bean
    public Cache taskCache() {
        return new AggregateCache(10_000);
    }

    @Bean
    public Clock clock() {
        return Clock.system(VietnamTime.ZONE);
    }
}
