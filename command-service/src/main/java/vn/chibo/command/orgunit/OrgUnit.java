package vn.chibo.command.orgunit;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.UUID;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import vn.chibo.command.orgunit.OrgUnitCommands.ChangeCellSettings;
import vn.chibo.command.orgunit.OrgUnitCommands.RegisterOrgUnit;
import vn.chibo.command.rules.OrgTree;
import vn.chibo.events.problem.Problem;
import vn.chibo.command.rules.RuleBroken;
import vn.chibo.events.organisation.CellSettingsChanged;
import vn.chibo.events.organisation.OrgUnitKind;
import vn.chibo.events.organisation.OrgUnitRegistered;

/**
 * A unit of the organisation tree: the province (Tỉnh ủy), a committee (Đảng bộ, any depth) or a cell (Chi bộ).
 * A cell owns its settings, and later its calendar.
 */
@Aggregate
public class OrgUnit {
    /** Ngày sinh hoạt thường kỳ mặc định: the 3rd of each month. */
    public static final int DEFAULT_REGULAR_DAY = 3;

    @AggregateIdentifier
    private UUID unitId;
    private OrgUnitKind kind;
    private int regularDay;

    protected OrgUnit() {
    }

    @CommandHandler
    public OrgUnit(RegisterOrgUnit cmd, OrgTree tree) {
        if (cmd.kind() == OrgUnitKind.PROVINCE) {
            if (cmd.parentId() != null) {
                throw new RuleBroken(Problem.INVALID_PARENT, "Tỉnh ủy không có đơn vị cấp trên. (A province has no parent.)", "parentId");
            }
        } else {
            if (cmd.parentId() == null) {
                throw new RuleBroken(Problem.INVALID_PARENT, "Cần đơn vị cấp trên. (A committee or cell needs a parent.)", "parentId");
            }
            OrgUnitKind parentKind = tree.kindOf(cmd.parentId()).orElseThrow(() -> new RuleBroken(Problem.NOT_FOUND,
                    "Không tìm thấy đơn vị cấp trên " + cmd.parentId() + ". (Unknown parent unit.)", "parentId"));
            if (parentKind == OrgUnitKind.CELL) {
                throw new RuleBroken(Problem.INVALID_PARENT,
                        "Chi bộ không có đơn vị trực thuộc. (A cell cannot have units below it.)", "parentId");
            }
        }
        Integer day = null;
        if (cmd.kind() == OrgUnitKind.CELL) {
            day = cmd.regularDay() == null ? DEFAULT_REGULAR_DAY : cmd.regularDay();
            requireValidRegularDay(day);
        } else if (cmd.regularDay() != null) {
            throw new RuleBroken(Problem.NOT_A_CELL, "Chỉ chi bộ có ngày sinh hoạt thường kỳ. (Only cells have a regular day.)", "regularDay");
        }
        apply(new OrgUnitRegistered(cmd.unitId(), cmd.name().strip(), cmd.kind(), cmd.parentId(), day));
    }

    @CommandHandler
    public void handle(ChangeCellSettings cmd) {
        if (kind != OrgUnitKind.CELL) {
            throw new RuleBroken(Problem.NOT_A_CELL, "Đơn vị này không phải chi bộ. (This unit is not a cell.)");
        }
        requireValidRegularDay(cmd.regularDay());
        if (cmd.regularDay() != regularDay) {
            apply(new CellSettingsChanged(unitId, cmd.regularDay(), regularDay));
        }
    }

    /** Days 29–31 do not exist in every month, so a regular day is between 1 and 28. */
    private static void requireValidRegularDay(int day) {
        if (day < 1 || day > 28) {
            throw new RuleBroken(Problem.INVALID_REGULAR_DAY,
                    "Ngày sinh hoạt thường kỳ phải từ 1 đến 28, nhận được " + day + ". (The regular day must be 1 to 28.)",
                    "regularDay");
        }
    }

    @EventSourcingHandler
    void on(OrgUnitRegistered e) {
        unitId = e.unitId();
        kind = e.kind();
        regularDay = e.regularDay() == null ? 0 : e.regularDay();
    }

    @EventSourcingHandler
    void on(CellSettingsChanged e) {
        regularDay = e.regularDay();
    }
}
