package vn.chibo.command.notebook;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import vn.chibo.command.rules.CellRoster;
import vn.chibo.command.rules.RuleBroken;
import vn.chibo.events.notebook.NotebookResult;
import vn.chibo.events.notebook.NotebooksChecked;
import vn.chibo.events.problem.Problem;

/** Kiểm tra sổ tay đảng viên: one dated check of the cell's members' notebooks, a result per member. */
@Aggregate
public class NotebookCheck {
    /** Record a check of the notebooks. */
    public record CheckNotebooks(@TargetAggregateIdentifier UUID checkId, UUID cellId, LocalDate checkedOn,
                                 List<NotebookResult> results) {
    }

    @AggregateIdentifier
    private UUID checkId;

    protected NotebookCheck() {
    }

    @CommandHandler
    public NotebookCheck(CheckNotebooks cmd, CellRoster roster, Clock clock) {
        if (cmd.checkedOn().isAfter(LocalDate.now(clock))) {
            throw new RuleBroken(Problem.DATE_IN_FUTURE, "Ngày kiểm tra chưa tới. (checkedOn lies in the future.)", "checkedOn");
        }
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < cmd.results().size(); i++) {
            UUID member = cmd.results().get(i).memberId();
            if (!seen.add(member)) {
                throw new RuleBroken(Problem.INVALID_VALUE, "Đảng viên " + member + " có hai kết quả. (Listed twice.)",
                        "results[" + i + "].memberId");
            }
            if (!roster.isMemberOn(cmd.cellId(), member, cmd.checkedOn())) {
                throw new RuleBroken(Problem.NOT_A_MEMBER, "Đảng viên " + member + " không sinh hoạt tại chi bộ ngày "
                        + cmd.checkedOn() + ". (Not a member that day.)", "results[" + i + "].memberId");
            }
        }
        apply(new NotebooksChecked(cmd.checkId(), cmd.cellId(), cmd.checkedOn(), List.copyOf(cmd.results())));
    }

    @EventSourcingHandler
    void on(NotebooksChecked e) {
        checkId = e.checkId();
    }
}
