package vn.chibo.command.security;

import java.util.UUID;

import org.springframework.stereotype.Component;

import vn.chibo.command.audit.AccessLogFilter;
import vn.chibo.command.rules.OrgTree;
import vn.chibo.events.problem.Problem;
import vn.chibo.command.rules.RuleBroken;
import vn.chibo.events.access.Caller;
import vn.chibo.events.access.Role;
import vn.chibo.events.organisation.OrgUnitKind;

/**
 * Who may write where (DESIGN §6): the province anywhere in its tree, a cell only in itself; committees and
 * auditors read. Checked before a command is sent, so a refused write writes nothing.
 */
@Component
public class Scope {
    private final OrgTree tree;

    public Scope(OrgTree tree) {
        this.tree = tree;
    }

    /** The caller may write the records of this cell (members, settings, meetings...). */
    public void requireCellWrite(Caller caller, UUID cellId) {
        AccessLogFilter.rememberTarget(cellId);
        switch (caller.role()) {
            case PROVINCE -> {
                // a committee's id where a cell's belongs would otherwise be judged as a cell without members
                if (requireWithin(caller, cellId) != OrgUnitKind.CELL) {
                    throw new RuleBroken(Problem.NOT_A_CELL, "Đơn vị " + cellId + " không phải chi bộ; hồ sơ này chỉ ghi "
                            + "cho chi bộ. (Not a cell.)", "cellId");
                }
            }
            case CELL -> {
                if (!caller.unitId().equals(cellId)) {
                    throw outOfScope(caller, cellId);
                }
            }
            default -> throw readOnly(caller);
        }
    }

    /** The caller may change the organisation tree under this unit: the province only. */
    public void requireTreeWrite(Caller caller, UUID parentId) {
        if (caller.role() != Role.PROVINCE) {
            // a cell writes its own records, but not the tree: "read-only" would be untrue for it
            throw new RuleBroken(Problem.FORBIDDEN_ROLE, "Chỉ Ban Tổ chức Tỉnh ủy được thêm hoặc sửa đơn vị trong cây tổ chức; "
                    + "vai trò " + caller.role() + " không được. (Only the province changes the organisation tree.)");
        }
        if (parentId != null) {
            requireWithin(caller, parentId);
        }
    }

    /** The caller may manage accounts of this unit: the province anywhere, a committee inside its subtree. */
    public void requireAccountAdmin(Caller caller, UUID unitId) {
        if (caller.role() != Role.PROVINCE && caller.role() != Role.COMMITTEE) {
            throw new RuleBroken(Problem.FORBIDDEN_ROLE,
                    "Chỉ Ban Tổ chức hoặc cấp ủy cấp trên quản lý tài khoản. (Only the department or a committee manages accounts.)");
        }
        requireWithin(caller, unitId);
    }

    /** The unit's kind, once it is known to lie within the caller's unit. */
    private OrgUnitKind requireWithin(Caller caller, UUID unitId) {
        AccessLogFilter.rememberTarget(unitId);
        OrgUnitKind kind = tree.kindOf(unitId).orElseThrow(() ->
                new RuleBroken(Problem.NOT_FOUND, "Không tìm thấy đơn vị " + unitId + ". (Unknown unit.)"));
        if (!tree.isWithin(unitId, caller.unitId())) {
            throw outOfScope(caller, unitId);
        }
        return kind;
    }

    private static RuleBroken outOfScope(Caller caller, UUID unitId) {
        return new RuleBroken(Problem.OUT_OF_SCOPE,
                "Tài khoản " + caller.username() + " không có quyền ghi vào đơn vị " + unitId + ". "
                        + "(This account may not write to that unit.)");
    }

    private static RuleBroken readOnly(Caller caller) {
        return new RuleBroken(Problem.FORBIDDEN_ROLE,
                "Vai trò " + caller.role() + " chỉ được xem, không được ghi. (This role is read-only here.)");
    }
}
