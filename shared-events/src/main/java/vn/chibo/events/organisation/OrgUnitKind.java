package vn.chibo.events.organisation;

/** Loại tổ chức: Tỉnh ủy (province), Đảng bộ / Đảng ủy (committee, any depth), Chi bộ (cell). */
public enum OrgUnitKind {
    PROVINCE,
    COMMITTEE,
    CELL
}
