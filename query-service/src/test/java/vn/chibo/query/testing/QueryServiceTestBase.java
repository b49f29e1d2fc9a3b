package vn.chibo.query.testing;

import java.util.UUID;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import vn.chibo.command.testing.Api;
import vn.chibo.command.testing.TestDatabase;
import vn.chibo.command.testing.TestSecrets;
import vn.chibo.query.QueryServiceApplication;

/**
 * A running query-service on a random port with a database of its own (one per test class), whose event store
 * schema is migrated exactly as the command-service migrates it, so tests can append real events to it.
 */
@SpringBootTest(classes = QueryServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=query-service", "chibo.projection.fetch-delay-ms=50"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public abstract class QueryServiceTestBase {
    /** The database of the test class being set up; the command-service of an end-to-end test uses it too. */
    protected static TestDatabase.Database database;

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    private EventStore eventStore;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        database = TestDatabase.freshEventStore();
        registry.add("spring.datasource.url", database::url);
        registry.add("spring.datasource.username", database::username);
        registry.add("spring.datasource.password", database::password);
        registry.add("chibo.jwt.secret", () -> TestSecrets.JWT);
    }

    protected Api queries() {
        return Api.at(port);
    }

    /** Appends a real event to the log, as the command-service would: the {@code seq}-th event of the aggregate. */
    protected void append(String type, UUID aggregate, long seq, Object payload) {
        eventStore.publish(new GenericDomainEventMessage<>(type, aggregate.toString(), seq, payload));
    }
}
