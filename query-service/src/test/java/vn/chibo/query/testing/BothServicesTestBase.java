package vn.chibo.query.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import com.fasterxml.jackson.databind.JsonNode;

import static org.awaitility.Awaitility.await;

import vn.chibo.command.CommandServiceApplication;
import vn.chibo.command.testing.Api;
import vn.chibo.command.testing.Api.Reply;
import vn.chibo.command.testing.TestSecrets;

/**
 * Both services against one PostgreSQL: the query-service of {@link QueryServiceTestBase}, and a command-service
 * started beside it on the same database with the same signing key.
 */
public abstract class BothServicesTestBase extends QueryServiceTestBase {
    public static final String DEMO_PASSWORD = "chibo-demo-2026";
    private static ConfigurableApplicationContext commandService;

    /** The command API, logged in as the province's demo user. */
    protected Api commands;
    /** The query API with the same token. */
    protected Api queries;

    @BeforeEach
    void startCommandService() {
        if (commandService == null) {
            commandService = new SpringApplicationBuilder(CommandServiceApplication.class)
                    .properties(CommandServiceApplication.DEFAULTS)
                    .run("--server.port=0",
                            "--spring.datasource.url=" + database.url(),
                            "--spring.datasource.username=" + database.username(),
                            "--spring.datasource.password=" + database.password(),
                            "--spring.flyway.locations=classpath:db/migration/event_store,classpath:db/demo",
                            "--chibo.jwt.secret=" + TestSecrets.JWT,
                            "--chibo.ui.origins=http://localhost:" + port);
        }
        commands = commandApi().as("tinhuy", DEMO_PASSWORD);
        queries = queries().withToken(commands.tokenForTests());
    }

    @AfterAll
    static void stopCommandService() {
        if (commandService != null) {
            commandService.close();
            commandService = null;
        }
    }

    protected Api commandApi() {
        return Api.at(((ServletWebServerApplicationContext) commandService).getWebServer().getPort());
    }

    /** The query API as the user who logs in with this name and password on the command-service. */
    protected Api queriesAs(String username, String password) {
        return queries().withToken(commandApi().as(username, password).tokenForTests());
    }

    /** Polls a query until the read model shows what the test waits for (projections are eventually consistent). */
    protected JsonNode awaitJson(Api api, String path, Predicate<JsonNode> ready) {
        List<Reply> last = new ArrayList<>(1);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
            Reply reply = api.get(path);
            last.clear();
            last.add(reply);
            return reply.status() == 200 && ready.test(reply.json());
        });
        return last.get(0).json();
    }
}
