package vn.chibo.query.organisation;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import vn.chibo.events.access.Caller;
import vn.chibo.events.access.Role;
import vn.chibo.events.problem.Problem;
import vn.chibo.query.web.QueryRefused;

/**
 * What a caller may read: the province, a committee and an auditor their subtree; a cell itself. Decided on
 * the unit's materialised path, so a subtree check is one indexed lookup.
 */
@Component
public class ReadScope {
    private final JdbcClient jdbc;

    public ReadScope(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Refuses with 404 when the unit is unknown and 403 when it lies outside the caller's scope. */
    public void requireUnit(Caller caller, UUID unitId) {
        require(caller, unitId, "", "đơn vị");
    }

    /**
     * As {@link #requireUnit}, for an address under {@code /api/cells/}: a committee's id is not found there, as
     * {@code GET /api/cells/{id}} already answers, instead of answering with a cell's empty lists.
     */
    public void requireCell(Caller caller, UUID cellId) {
        require(caller, cellId, " AND kind = 'CELL'", "chi bộ");
    }

    private void require(Caller caller, UUID unitId, String ofKind, String what) {
        String path = jdbc.sql("SELECT path FROM read_model.org_unit WHERE id = ?" + ofKind).param(unitId)
                .query(String.class).optional()
                .orElseThrow(() -> QueryRefused.notFound(what, unitId));
        if (!covers(caller, unitId, path)) {
            throw outOfScope(caller);
        }
    }

    /** True when the caller may read this unit. */
    public boolean covers(Caller caller, UUID unitId, String path) {
        if (caller.role() == Role.CELL) {
            return caller.unitId().equals(unitId);
        }
        return path.contains("/" + caller.unitId() + "/");
    }

    /** A member is readable where any of their memberships, past or present, is. */
    public void requireMember(Caller caller, UUID memberId) {
        var paths = jdbc.sql("""
                SELECT u.id, u.path FROM read_model.membership m JOIN read_model.org_unit u ON u.id = m.cell_id
                WHERE m.member_id = ?""").param(memberId)
                .query((rs, n) -> new Object[]{rs.getObject(1, UUID.class), rs.getString(2)}).list();
        if (paths.isEmpty()) {
            throw QueryRefused.notFound("đảng viên", memberId);
        }
        if (paths.stream().noneMatch(p -> covers(caller, (UUID) p[0], (String) p[1]))) {
            throw outOfScope(caller);
        }
    }

    private static QueryRefused outOfScope(Caller caller) {
        return new QueryRefused(Problem.OUT_OF_SCOPE,
                "Tài khoản " + caller.username() + " không được xem đơn vị này. (Outside your scope.)", null);
    }
}
