package vn.chibo.query.ruleset;

import java.time.LocalDate;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import vn.chibo.events.ruleset.Rules;

/**
 * The province's rules as the read side judges by them: the rule set in force on a day (the latest effective date
 * not after it), from {@code read_model.rule_set}; the defaults of DESIGN §4 before any was published.
 */
@Component
public class RulesInForce {
    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public RulesInForce(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    public Rules on(LocalDate day) {
        return jdbc.sql("""
                SELECT rules FROM read_model.rule_set WHERE effective_from <= ?
                ORDER BY effective_from DESC, version DESC LIMIT 1""")
                .param(day).query(String.class).optional().map(this::read).orElseGet(Rules::defaults);
    }

    private Rules read(String text) {
        try {
            return json.readValue(text, Rules.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable rule set: " + text, e);
        }
    }
}
