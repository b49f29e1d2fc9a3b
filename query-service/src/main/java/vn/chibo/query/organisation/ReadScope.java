package vn.chibo.query.organisation;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
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
    private final Clock clock;

    public ReadScope(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
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

    /**
     * A member's record is read where the member belongs now: the cell of a membership not ended before today
     * (Vietnam), the host cell of a temporary transfer not over, and the units above them. A cell the member left, and
     * its committee, no longer read what the new cell records (their own ratings and meetings stay on their lists).
     */
    public void requireMember(Caller caller, UUID memberId) {
        LocalDate today = LocalDate.now(clock);
        List<Place> places = jdbc.sql("""
                SELECT u.id, u.path, m.to_date IS NULL OR m.to_date >= ? FROM read_model.membership m
                JOIN read_model.org_unit u ON u.id = m.cell_id WHERE m.member_id = ?
                UNION ALL
                SELECT u.id, u.path, TRUE FROM read_model.temporary_transfer t
                JOIN read_model.org_unit u ON u.id = t.host_cell_id WHERE t.member_id = ? AND t.until_date >= ?""")
                .params(today, memberId, memberId, today)
                .query((rs, n) -> new Place(rs.getObject(1, UUID.class), rs.getString(2), rs.getBoolean(3))).list();
        if (places.isEmpty()) {
            throw QueryRefused.notFound("đảng viên", memberId);
        }
        if (places.stream().anyMatch(p -> p.current() && covers(caller, p.unitId(), p.path()))) {
            return;
        }
        if (places.stream().anyMatch(p -> covers(caller, p.unitId(), p.path()))) {
            throw new QueryRefused(Problem.OUT_OF_SCOPE, "Đảng viên đã chuyển sinh hoạt khỏi đơn vị của tài khoản " + caller.username()
                    + "; hồ sơ do chi bộ đang quản lý xem. Xếp loại và cuộc họp của đơn vị vẫn có trong danh sách của đơn vị. "
                    + "(The member has moved out of your scope.)", null);
        }
        throw outOfScope(caller);
    }

    private record Place(UUID unitId, String path, boolean current) {
    }

    private static QueryRefused outOfScope(Caller caller) {
        return new QueryRefused(Problem.OUT_OF_SCOPE,
                "Tài khoản " + caller.username() + " không được xem đơn vị này. (Outside your scope.)", null);
    }
}
