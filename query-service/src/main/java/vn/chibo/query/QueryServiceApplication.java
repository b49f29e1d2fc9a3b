package vn.chibo.query;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The read side of chibo (port 8082 by default): projections and the query API. */
@SpringBootApplication
public class QueryServiceApplication {
    /** Our configuration file is query-service.yml, so the command-service's file never shadows it. */
    public static final Map<String, Object> DEFAULTS = Map.of("spring.config.name", "query-service");

    public static void main(String[] args) {
        // Axon's update checker and console advert stay off (closed network, no Axon Server)
        System.setProperty("axoniq.update-checker.disabled", "true");
        System.setProperty("disable-axoniq-console-message", "true");
        SpringApplication application = new SpringApplication(QueryServiceApplication.class);
        application.setDefaultProperties(DEFAULTS);
        application.run(args);
    }
}
