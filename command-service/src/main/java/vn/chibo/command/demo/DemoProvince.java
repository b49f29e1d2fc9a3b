package vn.chibo.command.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import vn.chibo.command.member.MemberCommands.EnrolMember;
import vn.chibo.command.orgunit.OrgUnitCommands.RegisterOrgUnit;
import vn.chibo.events.organisation.MemberStatus;
import vn.chibo.events.organisation.OrgUnitKind;

/**
 * A small demo province, the same on every run (fixed seed, fixed ids): 4 committees, 20 cells and about 300
 * members with Vietnamese names. The ids of the first committee and cell match the demo accounts of the
 * Flyway seed {@code db/demo}.
 */
public final class DemoProvince {
    public static final UUID PROVINCE = UUID.fromString("10000000-0000-4000-8000-000000000000");
    public static final UUID FIRST_COMMITTEE = committeeId(1);
    public static final UUID FIRST_CELL = cellId(1);

    private static final String[] COMMITTEES = {
            "Đảng bộ xã Tân Phước", "Đảng bộ phường Hòa Bình", "Đảng bộ xã Thạnh Lộc", "Đảng bộ thị trấn Phú Mỹ"};
    private static final String[] CELLS = {
            "Chi bộ ấp Bình Minh", "Chi bộ ấp Đông Hòa", "Chi bộ khu phố 3", "Chi bộ Trường THCS Lê Quý Đôn",
            "Chi bộ Trạm Y tế"};
    private static final String[] FAMILY = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ",
            "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"};
    private static final String[] MIDDLE = {"Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Ngọc", "Quang", "Thu",
            "Hoàng", "Xuân", "Kim"};
    private static final String[] GIVEN = {"An", "Bình", "Châu", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hiếu",
            "Hòa", "Hùng", "Hương", "Khánh", "Lan", "Linh", "Long", "Mai", "Minh", "Nam", "Nga", "Nhung", "Phúc",
            "Phương", "Quân", "Quỳnh", "Sơn", "Tâm", "Thảo", "Thắng", "Trang", "Trung", "Tuấn", "Uyên", "Việt",
            "Xuân", "Yến"};

    private DemoProvince() {
    }

    public static UUID committeeId(int n) {
        return UUID.fromString(String.format("20000000-0000-4000-8000-%012d", n));
    }

    public static UUID cellId(int n) {
        return UUID.fromString(String.format("30000000-0000-4000-8000-%012d", n));
    }

    public static List<RegisterOrgUnit> units() {
        List<RegisterOrgUnit> units = new ArrayList<>();
        for (int c = 1; c <= COMMITTEES.length; c++) {
            units.add(new RegisterOrgUnit(committeeId(c), COMMITTEES[c - 1], OrgUnitKind.COMMITTEE, PROVINCE, null));
            for (int k = 1; k <= CELLS.length; k++) {
                int n = (c - 1) * CELLS.length + k;
                units.add(new RegisterOrgUnit(cellId(n), CELLS[k - 1], OrgUnitKind.CELL, committeeId(c), 3));
            }
        }
        return units;
    }

    public static List<EnrolMember> members() {
        Random random = new Random(2026);
        List<EnrolMember> members = new ArrayList<>();
        int cells = COMMITTEES.length * CELLS.length;
        int serial = 1;
        for (int n = 1; n <= cells; n++) {
            int size = 10 + random.nextInt(11);
            for (int i = 0; i < size; i++, serial++) {
                String name = FAMILY[random.nextInt(FAMILY.length)] + " " + MIDDLE[random.nextInt(MIDDLE.length)] + " "
                        + GIVEN[random.nextInt(GIVEN.length)];
                LocalDate birth = LocalDate.of(1950 + random.nextInt(50), 1 + random.nextInt(12), 1 + random.nextInt(28));
                LocalDate joined = birth.plusYears(19 + random.nextInt(15)).plusDays(random.nextInt(300));
                if (joined.isAfter(LocalDate.of(2025, 6, 1))) {
                    joined = LocalDate.of(2025, 6, 1).minusDays(random.nextInt(400));
                }
                MemberStatus status = joined.isAfter(LocalDate.of(2024, 9, 1)) ? MemberStatus.PROBATIONARY : MemberStatus.FULL;
                LocalDate since = joined.isAfter(LocalDate.of(2020, 1, 1)) ? joined : LocalDate.of(2020, 1, 1);
                UUID id = UUID.fromString(String.format("40000000-0000-4000-8000-%012d", serial));
                members.add(new EnrolMember(id, cellId(n), String.format("79.%06d", serial), name, birth, joined, status, since));
            }
        }
        return members;
    }
}
