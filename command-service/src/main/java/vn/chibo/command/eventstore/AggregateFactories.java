package vn.chibo.command.eventstore;

import org.axonframework.eventsourcing.AggregateFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import vn.chibo.command.meeting.Meeting;
import vn.chibo.command.member.Member;
import vn.chibo.command.notebook.NotebookCheck;
import vn.chibo.command.orgunit.OrgUnit;
import vn.chibo.command.ruleset.RuleBook;
import vn.chibo.command.task.Task;

/**
 * How an aggregate read from the log is made before its events are applied: by its no-argument constructor. Axon's
 * default under Spring makes each one as a prototype bean and runs every bean post-processor on it, about a sixth of
 * the CPU of reading a member from the log (issue 7, measured with a profile of monthly sheets of ratings whose
 * members were no longer in the cache, as in a province). The aggregates take their collaborators as handler
 * parameters, never as fields, so they need nothing from Spring. Axon finds each by its bean name,
 * {@code <aggregate>AggregateFactory}.
 */
@Configuration
public class AggregateFactories {
    @Bean
    public AggregateFactory<Member> memberAggregateFactory() {
        return new ConstructorAggregateFactory<>(Member.class);
    }

    @Bean
    public AggregateFactory<OrgUnit> orgUnitAggregateFactory() {
        return new ConstructorAggregateFactory<>(OrgUnit.class);
    }

    @Bean
    public AggregateFactory<Meeting> meetingAggregateFactory() {
        return new ConstructorAggregateFactory<>(Meeting.class);
    }

    @Bean
    public AggregateFactory<Task> taskAggregateFactory() {
        return new ConstructorAggregateFactory<>(Task.class);
    }

    @Bean
    public AggregateFactory<NotebookCheck> notebookCheckAggregateFactory() {
        return new ConstructorAggregateFactory<>(NotebookCheck.class);
    }

    @Bean
    public AggregateFactory<RuleBook> ruleBookAggregateFactory() {
        return new ConstructorAggregateFactory<>(RuleBook.class);
    }
}
