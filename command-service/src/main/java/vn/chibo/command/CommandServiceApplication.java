package vn.chibo.command;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

import vn.chibo.command.devdb.LocalDatabase;

/** The write side of chibo (port 8081 by default). */
@SpringBootApplication
public class CommandServiceApplication {
    /** Our configuration file is command-service.yml, so the query-service's file never shadows it. */
    public static final Map<String, Object> DEFAULTS = Map.of("spring.config.name", "command-service");

    public static void main(String[] args) {
        QuietAxon.apply();
        LocalDatabase.startIfNoneConfigured();
        SpringApplication application = new SpringApplication(CommandServiceApplication.class);
        application.setDefaultProperties(DEFAULTS);
        application.run(args);
    }
}
