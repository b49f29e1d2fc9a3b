package vn.chibo.command.testing;

import java.util.UUID;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import vn.chibo.command.CommandServiceApplication;

/**
 * A running command-service on a random port with a database of its own (one per test class), the demo
 * accounts, and the province registered. Tests log in as {@link #PROVINCE_USER} and build what they need.
 */
@SpringBootTest(classes = CommandServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=command-service")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public abstract class CommandServiceTestBase {
    public static final String PROVINCE_USER = "tinhuy";
    public static final String DEMO_PASSWORD = "chibo-demo-2026";
    public static final UUID PROVINCE = UUID.fromString("10000000-0000-4000-8000-000000000000");

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.Database db = TestDatabase.fresh();
        registry.add("spring.datasource.url", db::url);
        registry.add("spring.datasource.username", db::username);
        registry.add("spring.datasource.password", db::password);
        registry.add("spring.flyway.locations", () -> "classpath:db/migration/event_store,classpath:db/demo");
        registry.add("chibo.jwt.secret", () -> TestSecrets.JWT);
    }

    protected Api api() {
        return Api.at(port);
    }

    protected Api province() {
        return api().as(PROVINCE_USER, DEMO_PASSWORD);
    }

    /** The JSON of an aggregate's first event, as it is stored. */
    protected String firstPayloadOf(Object aggregateId) {
        return jdbc.sql("""
                SELECT convert_from(payload, 'UTF8') FROM event_store.domain_event_entry
                WHERE aggregate_identifier = ? AND sequence_number = 0""")
                .param(aggregateId.toString()).query(String.class).single();
    }

    protected long eventCount() {
        return jdbc.sql("SELECT count(*) FROM event_store.domain_event_entry").query(Long.class).single();
    }
}
