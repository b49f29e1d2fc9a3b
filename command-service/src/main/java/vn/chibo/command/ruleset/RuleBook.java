package vn.chibo.command.ruleset;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import vn.chibo.command.rules.RuleBroken;
import vn.chibo.command.ruleset.RuleSetCommands.PublishRuleSet;
import vn.chibo.events.problem.Problem;
import vn.chibo.events.ruleset.MeetingScoreScheme;
import vn.chibo.events.ruleset.Rules;
import vn.chibo.events.ruleset.RuleSetPublished;
import vn.chibo.events.ruleset.ScoreCriterion;

/**
 * The province's rule book: every version of its rules, each with the date it takes effect. Party guidance
 * changes (it did in 2025); a new version never changes how earlier records were judged.
 */
@Aggregate
public class RuleBook {
    @AggregateIdentifier
    private UUID ruleBookId;
    private int version;
    private Rules latest = Rules.defaults();
    private MeetingScoreScheme latestScheme = MeetingScoreScheme.defaults();

    protected RuleBook() {
    }

    /** The rule book of a province has an id of its own, derived from the province's. */
    public static UUID idFor(UUID provinceId) {
        return UUID.nameUUIDFromBytes(("rule-book:" + provinceId).getBytes(StandardCharsets.UTF_8));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(PublishRuleSet cmd) {
        Rules rules = new Rules(
                or(cmd.noticeDays(), latest.noticeDays()),
                or(cmd.attendanceQuality(), latest.attendanceQuality()),
                or(cmd.minMinutes(), latest.minMinutes()),
                or(cmd.minMinutesCombined(), latest.minMinutesCombined()),
                or(cmd.minutesDays(), latest.minutesDays()),
                or(cmd.repeatedAbsences(), latest.repeatedAbsences()),
                or(cmd.excellentCapRatio(), latest.excellentCapRatio()),
                or(cmd.transferLateWorkingDays(), latest.transferLateWorkingDays()),
                or(cmd.excellentMin(), latest.excellentMin()),
                or(cmd.goodMin(), latest.goodMin()),
                or(cmd.completedMin(), latest.completedMin()));
        MeetingScoreScheme scheme = new MeetingScoreScheme(
                cmd.criteria() == null ? latestScheme.criteria() : List.copyOf(cmd.criteria()),
                or(cmd.good(), latestScheme.good()), or(cmd.fair(), latestScheme.fair()),
                or(cmd.average(), latestScheme.average()));
        requireValid(rules);
        requireValid(scheme);
        apply(new RuleSetPublished(cmd.ruleBookId(), version + 1, cmd.effectiveFrom(), rules, scheme,
                cmd.reason() == null ? null : cmd.reason().strip()));
    }

    private static void requireValid(Rules r) {
        check(r.noticeDays() >= 0 && r.noticeDays() <= 30, "noticeDays", "từ 0 đến 30 ngày");
        check(r.attendanceQuality() > 0 && r.attendanceQuality() <= 1, "attendanceQuality", "lớn hơn 0 và không quá 1");
        check(r.minMinutes() >= 1 && r.minMinutes() <= 600, "minMinutes", "từ 1 đến 600 phút");
        check(r.minMinutesCombined() >= r.minMinutes() && r.minMinutesCombined() <= 600, "minMinutesCombined",
                "không ít hơn minMinutes và không quá 600 phút");
        check(r.minutesDays() >= 1 && r.minutesDays() <= 60, "minutesDays", "từ 1 đến 60 ngày");
        check(r.repeatedAbsences() >= 1, "repeatedAbsences", "ít nhất 1");
        check(r.excellentCapRatio() >= 0 && r.excellentCapRatio() <= 1, "excellentCapRatio", "từ 0 đến 1");
        check(r.transferLateWorkingDays() >= 1, "transferLateWorkingDays", "ít nhất 1 ngày");
        check(r.excellentMin() <= 100 && r.excellentMin() > r.goodMin() && r.goodMin() > r.completedMin() && r.completedMin() > 0,
                "excellentMin", "ngưỡng xuất sắc > tốt > hoàn thành > 0, xuất sắc không quá 100");
    }

    private static void requireValid(MeetingScoreScheme s) {
        check(!s.criteria().isEmpty(), "meetingScore.criteria", "có ít nhất một tiêu chí");
        var codes = new HashSet<String>();
        for (ScoreCriterion c : s.criteria()) {
            check(c.code() != null && !c.code().isBlank() && codes.add(c.code()), "meetingScore.criteria",
                    "mỗi tiêu chí có mã riêng, không trùng");
            check(c.maxPoints() > 0, "meetingScore.criteria", "điểm tối đa của mỗi tiêu chí lớn hơn 0");
        }
        check(s.maxTotal() == 100, "meetingScore.criteria", "tổng điểm tối đa các tiêu chí bằng 100 (đang là " + s.maxTotal() + ")");
        check(s.good() <= 100 && s.good() > s.fair() && s.fair() > s.average() && s.average() > 0, "meetingScore",
                "ngưỡng Tốt > Khá > Trung bình > 0, Tốt không quá 100");
    }

    private static void check(boolean ok, String field, String expected) {
        if (!ok) {
            throw new RuleBroken(Problem.INVALID_RULE_SET, "Giá trị '" + field + "' phải " + expected + ". (Invalid rule value.)", field);
        }
    }

    private static <T> T or(T given, T fallback) {
        return given == null ? fallback : given;
    }

    @EventSourcingHandler
    void on(RuleSetPublished e) {
        ruleBookId = e.ruleBookId();
        version = e.version();
        latest = e.rules();
        latestScheme = e.meetingScore();
    }
}
