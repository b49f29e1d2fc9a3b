package vn.chibo.command.ruleset;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import vn.chibo.command.rules.RuleBroken;
import vn.chibo.command.ruleset.RuleSetCommands.PublishRuleSet;
import vn.chibo.command.web.CommandSender;
import vn.chibo.command.web.WriteResult;
import vn.chibo.events.access.Caller;
import vn.chibo.events.access.Role;
import vn.chibo.events.problem.Problem;
import vn.chibo.events.ruleset.ScoreCriterion;

/** The department publishes the province's rules as data: {@code POST /api/rule-sets} (PROVINCE only). */
@RestController
public class RuleSetController {

    public record RulesBody(Integer noticeDays, Double attendanceQuality, Integer minMinutes, Integer minMinutesCombined,
                            Integer minutesDays, Integer repeatedAbsences, Double excellentCapRatio,
                            Integer transferLateWorkingDays, Integer excellentMin, Integer goodMin, Integer completedMin) {
    }

    public record ScoreBody(List<ScoreCriterion> criteria, Integer good, Integer fair, Integer average) {
    }

    public record RuleSetBody(@NotNull LocalDate effectiveFrom, RulesBody rules, ScoreBody meetingScore,
                              @Size(max = 2000) String reason) {
    }

    private final CommandSender sender;
    private final UUID ruleBookId;

    public RuleSetController(CommandSender sender, @Value("${chibo.province.id}") UUID provinceId) {
        this.sender = sender;
        this.ruleBookId = RuleBook.idFor(provinceId);
    }

    @PostMapping("/api/rule-sets")
    public ResponseEntity<WriteResult> publish(@Valid @RequestBody RuleSetBody body, Caller caller, HttpServletRequest request) {
        if (caller.role() != Role.PROVINCE) {
            throw new RuleBroken(Problem.FORBIDDEN_ROLE, "Chỉ Ban Tổ chức Tỉnh ủy ban hành bộ quy định. (Province only.)");
        }
        RulesBody r = body.rules() == null ? new RulesBody(null, null, null, null, null, null, null, null, null, null, null) : body.rules();
        ScoreBody s = body.meetingScore() == null ? new ScoreBody(null, null, null, null) : body.meetingScore();
        PublishRuleSet command = new PublishRuleSet(ruleBookId, body.effectiveFrom(), r.noticeDays(), r.attendanceQuality(),
                r.minMinutes(), r.minMinutesCombined(), r.minutesDays(), r.repeatedAbsences(), r.excellentCapRatio(),
                r.transferLateWorkingDays(), r.excellentMin(), r.goodMin(), r.completedMin(), s.criteria(), s.good(), s.fair(), s.average(), body.reason());
        return sender.send(command, ruleBookId, null, caller, request, HttpStatus.CREATED);
    }
}
