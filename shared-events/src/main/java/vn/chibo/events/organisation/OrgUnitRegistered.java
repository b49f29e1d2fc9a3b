package vn.chibo.events.organisation;

import java.util.UUID;

/**
 * A unit joined the organisation tree. {@code parentId} is null only for the province (Tỉnh ủy).
 * {@code regularDay} is the cell's regular meeting day (ngày sinh hoạt thường kỳ) at registration; null for
 * committees.
 */
public record OrgUnitRegistered(UUID unitId, String name, OrgUnitKind kind, UUID parentId, Integer regularDay)
        implements OrgUnitEvent {
    /** Ngày sinh hoạt thường kỳ mặc định: the 3rd of each month, for a cell registered without a day of its own. */
    public static final int DEFAULT_REGULAR_DAY = 3;
}
