package vn.chibo.query.organisation;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import vn.chibo.query.organisation.OrganisationViews.CellView;
import vn.chibo.query.organisation.OrganisationViews.Child;
import vn.chibo.query.organisation.OrganisationViews.Exemption;
import vn.chibo.query.organisation.OrganisationViews.MemberRow;
import vn.chibo.query.organisation.OrganisationViews.MemberView;
import vn.chibo.query.organisation.OrganisationViews.Membership;
import vn.chibo.query.organisation.OrganisationViews.OrgUnitView;
import vn.chibo.query.organisation.OrganisationViews.TemporaryTransfer;
import vn.chibo.query.organisation.OrganisationViews.UnitRef;
import vn.chibo.events.problem.Problem;
import vn.chibo.query.web.QueryRefused;

/** Reads of the organisation read models (callers check scope first), each page from one snapshot. */
@Component
@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
public class OrganisationQueries {
    private final JdbcClient jdbc;

    public OrganisationQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public OrgUnitView unit(UUID id) {
        record Row(UUID id, String name, String kind, UUID parentId, Integer regularDay, String path) {
        }
        Row row = jdbc.sql("SELECT id, name, kind, parent_id, regular_day, path FROM read_model.org_unit WHERE id = ?")
                .param(id)
                .query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getObject(4, UUID.class), (Integer) rs.getObject(5), rs.getString(6)))
                .optional().orElseThrow(() -> QueryRefused.notFound("đơn vị", id));
        List<UnitRef> ancestors = jdbc.sql("""
                SELECT id, name, kind FROM read_model.org_unit
                WHERE ? LIKE path || '%' AND id <> ? ORDER BY depth""")
                .params(row.path(), id)
                .query((rs, n) -> new UnitRef(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3))).list();
        List<Child> children = jdbc.sql("""
                SELECT c.id, c.name, c.kind, c.regular_day,
                       (SELECT count(*) FROM read_model.member m JOIN read_model.org_unit u ON u.id = m.cell_id
                        WHERE u.path LIKE c.path || '%') AS members
                FROM read_model.org_unit c WHERE c.parent_id = ?""")
                .param(id)
                .query((rs, n) -> new Child(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        (Integer) rs.getObject(4), rs.getLong(5)))
                .list().stream().sorted(Comparator.comparing(Child::kind).thenComparing(Child::name, VietnameseNames.COLLATION)).toList();
        long members = jdbc.sql("""
                SELECT count(*) FROM read_model.member m JOIN read_model.org_unit u ON u.id = m.cell_id
                WHERE u.path LIKE ? || '%'""").param(row.path()).query(Long.class).single();
        return new OrgUnitView(row.id(), row.name(), row.kind(), row.parentId(), row.regularDay(), ancestors, children, members);
    }

    public CellView cell(UUID id, LocalDate today) {
        return jdbc.sql("""
                SELECT c.id, c.name, c.parent_id, p.name, c.regular_day, c.kind,
                       (SELECT count(*) FROM read_model.member m WHERE m.cell_id = c.id),
                       (SELECT count(DISTINCT e.member_id) FROM read_model.exemption e JOIN read_model.member m ON m.id = e.member_id
                        WHERE m.cell_id = c.id AND e.from_date <= ? AND (e.to_date IS NULL OR e.to_date >= ?)),
                       (SELECT count(*) FROM read_model.member m WHERE m.cell_id = c.id AND m.status = 'PROBATIONARY')
                FROM read_model.org_unit c LEFT JOIN read_model.org_unit p ON p.id = c.parent_id WHERE c.id = ?""")
                .params(today, today, id)
                .query((rs, n) -> {
                    if (!"CELL".equals(rs.getString(6))) {
                        throw new QueryRefused(Problem.NOT_FOUND, "Đơn vị " + id + " không phải chi bộ. (Not a cell.)", "cellId");
                    }
                    return new CellView(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class),
                            rs.getString(4), rs.getInt(5), rs.getLong(7), rs.getLong(8), rs.getLong(9));
                })
                .optional().orElseThrow(() -> QueryRefused.notFound("chi bộ", id));
    }

    /** The cell's members on {@code day}, from the membership history, in Vietnamese name order. */
    public List<MemberRow> members(UUID cellId, LocalDate day) {
        return jdbc.sql("""
                SELECT m.id, m.card_number, m.full_name, m.birth_date, m.joined_party_on, m.status, s.from_date,
                       EXISTS (SELECT 1 FROM read_model.exemption e WHERE e.member_id = m.id
                               AND e.from_date <= ? AND (e.to_date IS NULL OR e.to_date >= ?)),
                       EXISTS (SELECT 1 FROM read_model.temporary_transfer t WHERE t.member_id = m.id AND t.home_cell_id = s.cell_id
                               AND t.from_date <= ? AND t.until_date >= ?)
                FROM read_model.membership s JOIN read_model.member m ON m.id = s.member_id
                WHERE s.cell_id = ? AND s.from_date <= ? AND (s.to_date IS NULL OR s.to_date >= ?)""")
                .params(day, day, day, day, cellId, day, day)
                .query((rs, n) -> new MemberRow(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getObject(4, LocalDate.class), rs.getObject(5, LocalDate.class), rs.getString(6),
                        rs.getObject(7, LocalDate.class), rs.getBoolean(8), rs.getBoolean(9)))
                .list().stream().sorted(Comparator.comparing(MemberRow::fullName, VietnameseNames.ORDER)).toList();
    }

    public MemberView member(UUID id) {
        List<Membership> memberships = jdbc.sql("""
                SELECT s.cell_id, u.name, s.from_date, s.to_date, s.reason, s.end_reason, s.received_on, s.receipt_late
                FROM read_model.membership s LEFT JOIN read_model.org_unit u ON u.id = s.cell_id
                WHERE s.member_id = ? ORDER BY s.seq""").param(id)
                .query((rs, n) -> new Membership(rs.getObject(1, UUID.class), rs.getString(2),
                        rs.getObject(3, LocalDate.class), rs.getObject(4, LocalDate.class), rs.getString(5), rs.getString(6),
                        rs.getObject(7, LocalDate.class), (Boolean) rs.getObject(8)))
                .list();
        List<TemporaryTransfer> temporary = jdbc.sql("""
                SELECT t.host_cell_id, u.name, t.from_date, t.until_date, t.reason
                FROM read_model.temporary_transfer t LEFT JOIN read_model.org_unit u ON u.id = t.host_cell_id
                WHERE t.member_id = ? ORDER BY t.seq""").param(id)
                .query((rs, n) -> new TemporaryTransfer(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, LocalDate.class),
                        rs.getObject(4, LocalDate.class), rs.getString(5)))
                .list();
        List<Exemption> exemptions = jdbc.sql("""
                SELECT from_date, to_date, reason FROM read_model.exemption WHERE member_id = ? ORDER BY seq""").param(id)
                .query((rs, n) -> new Exemption(rs.getObject(1, LocalDate.class), rs.getObject(2, LocalDate.class), rs.getString(3)))
                .list();
        return jdbc.sql("""
                SELECT m.id, m.card_number, m.full_name, m.birth_date, m.joined_party_on, m.status, m.cell_id, u.name, m.member_since
                FROM read_model.member m LEFT JOIN read_model.org_unit u ON u.id = m.cell_id WHERE m.id = ?""").param(id)
                .query((rs, n) -> new MemberView(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getObject(4, LocalDate.class), rs.getObject(5, LocalDate.class), rs.getString(6),
                        rs.getObject(7, UUID.class), rs.getString(8), rs.getObject(9, LocalDate.class), memberships, exemptions, temporary))
                .optional().orElseThrow(() -> QueryRefused.notFound("đảng viên", id));
    }
}
