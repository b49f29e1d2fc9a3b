package vn.chibo.query.eventstore;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcSQLErrorCodesResolver;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import vn.chibo.events.VietnamTime;
import vn.chibo.events.store.EventStoreLayout;

/**
 * The read side's view of the event store: it reads {@code event_store.domain_event_entry} (written only by the
 * command-service) with pooled streaming processors, and keeps its tokens in {@code read_model.token_entry}.
 * The same JSON (Jackson) as the writer; never XStream.
 */
@Configuration
public class EventSourceConfiguration {
    @Bean
    @Primary
    public Serializer serializer() {
        return EventStoreLayout.serializer();
    }

    @Bean
    @Qualifier("eventSerializer")
    public Serializer eventSerializer(Serializer serializer) {
        return serializer;
    }

    @Bean
    @Qualifier("messageSerializer")
    public Serializer messageSerializer(Serializer serializer) {
        return serializer;
    }

    @Bean
    public EventStorageEngine eventStorageEngine(ConnectionProvider connectionProvider,
                                                 TransactionManager transactionManager,
                                                 Serializer serializer) {
        return EventStoreLayout.storageEngine(connectionProvider, transactionManager, new JdbcSQLErrorCodesResolver(), serializer);
    }

    /** Axon's event bus of the service (no projection reads it: they read {@link #projectionSource}). */
    @Bean
    public EventStore eventStore(EventStorageEngine engine) {
        return EmbeddedEventStore.builder().storageEngine(engine).build();
    }

    /**
     * What the projections read (query-service.yml names it as their source): the newest events, read from the shared
     * event table once for all of them. {@code chibo.projection.fetch-delay-ms} bounds the lag when the log is idle,
     * {@code chibo.projection.tail-events} is how many are kept in memory, {@code chibo.projection.nudge-ms} how often
     * a processor looks at its stream.
     */
    @Bean(destroyMethod = "close")
    public EventTail projectionSource(EventStorageEngine engine,
                                      @Value("${chibo.projection.fetch-delay-ms:50}") long fetchDelayMs,
                                      @Value("${chibo.projection.tail-events:1000}") int tailEvents,
                                      @Value("${chibo.projection.nudge-ms:25}") long nudgeMs) {
        return new EventTail(engine, tailEvents, Duration.ofMillis(fetchDelayMs), Duration.ofMillis(nudgeMs));
    }

    /** This instance's name in the token store's claims: its process and host, as Axon's default. */
    public static final String NODE_ID = ManagementFactory.getRuntimeMXBean().getName();

    @Bean
    public TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer) {
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .nodeId(NODE_ID)
                .serializer(serializer)
                .contentType(byte[].class)
                .schema(TokenSchema.builder()
                        // named alone: read_model's on the service's connections, the one a replay builds beside it
                        // in the replay's transactions (ReadModelBeside)
                        .setTokenTable("token_entry")
                        .setProcessorNameColumn("processor_name")
                        .setSegmentColumn("segment")
                        .setTokenColumn("token")
                        .setTokenTypeColumn("token_type")
                        .setTimestampColumn("timestamp")
                        .setOwnerColumn("owner")
                        .build())
                .build();
    }

    @Bean
    public Clock clock() {
        return Clock.system(VietnamTime.ZONE);
    }
}
