package vn.chibo.command.ruleset;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import vn.chibo.command.orgunit.DirectoryProcessing;
import vn.chibo.command.rules.RuleSets;
import vn.chibo.command.support.RecentReads;
import vn.chibo.events.ruleset.MeetingScoreScheme;
import vn.chibo.events.ruleset.RuleSetPublished;
import vn.chibo.events.ruleset.Rules;

/** The rule sets for the write side ({@code event_store.rule_set_directory}), kept in the events' transaction. */
@Component
@ProcessingGroup(DirectoryProcessing.GROUP)
public class RuleSetDirectory implements RuleSets {
    private static final String ALL = "all";

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    /** Every rule set (a handful of rows), read again when one is published here, or after 10 s. */
    private final RecentReads<String, List<InForce>> all = new RecentReads<>(Duration.ofSeconds(10), 1);

    public RuleSetDirectory(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventHandler
    void on(RuleSetPublished e) throws JsonProcessingException {
        jdbc.sql("""
                INSERT INTO event_store.rule_set_directory (version, effective_from, rules, meeting_score)
                VALUES (?, ?, ?, ?) ON CONFLICT (version) DO NOTHING""")
                .params(e.version(), e.effectiveFrom(), json.writeValueAsString(e.rules()), json.writeValueAsString(e.meetingScore()))
                .update();
        all.forget(ALL);
    }

    public boolean isEmpty() {
        return jdbc.sql("SELECT count(*) FROM event_store.rule_set_directory").query(Long.class).single() == 0;
    }

    @Override
    public InForce inForceOn(LocalDate date) {
        return all.get(ALL, key -> readAll()).stream()
                .filter(rules -> !rules.effectiveFrom().isAfter(date))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No rule set is in force on " + date
                        + "; the bootstrap publishes the defaults from 2000-01-01."));
    }

    /** Newest first: the first one in effect on a date is the one in force then. */
    private List<InForce> readAll() {
        return jdbc.sql("""
                SELECT version, effective_from, rules, meeting_score FROM event_store.rule_set_directory
                ORDER BY effective_from DESC, version DESC""")
                .query((rs, n) -> {
                    try {
                        return new InForce(rs.getInt(1), rs.getObject(2, LocalDate.class),
                                json.readValue(rs.getString(3), Rules.class),
                                json.readValue(rs.getString(4), MeetingScoreScheme.class));
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException("Unreadable rule set " + rs.getInt(1), e);
                    }
                })
                .list();
    }
}
