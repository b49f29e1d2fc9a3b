package vn.chibo.query.dashboard;

import java.text.CollationKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;

import vn.chibo.events.organisation.OrgUnitRegistered;
import vn.chibo.query.organisation.VietnameseNames;

/**
 * Every cell (chi bộ) of the organisation in the order the dashboards list them: by the name of the unit right above
 * it (cells without one last), then by its own name, in Vietnamese order; each with that unit's name, its path and
 * its regular meeting day. Read and sorted once and kept until a unit is registered or a cell's settings change
 * ({@link ProvinceCounts#cells}): building the province's page read the names and paths of 8,000 cells and sorted
 * them on every build, though they change only when the organisation does (issue 7).
 */
final class CellDirectory {
    /** A cell as the dashboards list it; {@code unitId} and {@code unitName} are null for a cell at the top. */
    record Cell(UUID id, String name, UUID unitId, String unitName, String path, int regularDay) {
    }

    private final List<Cell> cells;

    private CellDirectory(List<Cell> cells) {
        this.cells = List.copyOf(cells);
    }

    /** Every cell of the dashboard's unit table, in list order. */
    static CellDirectory read(JdbcClient jdbc) {
        record Row(UUID id, String name, String kind, UUID parentId, String path, Integer regularDay) {
        }
        List<Row> units = new ArrayList<>();
        jdbc.sql("SELECT id, name, kind, parent_id, path, regular_day FROM read_model.dash_unit")
                .query((RowCallbackHandler) rs -> units.add(new Row(rs.getObject(1, UUID.class), rs.getString(2),
                        rs.getString(3), rs.getObject(4, UUID.class), rs.getString(5), (Integer) rs.getObject(6))));
        Map<UUID, String> names = new HashMap<>();
        units.forEach(unit -> names.put(unit.id(), unit.name()));
        Stream<Cell> cells = units.stream().filter(unit -> unit.kind().equals("CELL"))
                .map(unit -> new Cell(unit.id(), unit.name(), unit.parentId(), names.get(unit.parentId()), unit.path(),
                        unit.regularDay() == null ? OrgUnitRegistered.DEFAULT_REGULAR_DAY : unit.regularDay()));
        return new CellDirectory(sortedByUnitThenCell(cells));
    }

    /** The cells under the unit whose path is {@code path} (all when it is the top's), in list order. */
    List<Cell> under(String path) {
        List<Cell> under = new ArrayList<>();
        for (Cell cell : cells) {
            if (cell.path().startsWith(path)) {
                under.add(cell);
            }
        }
        return under;
    }

    /**
     * Cells by unit name (cells without one last), then cell name, in Vietnamese order. Each cell's collation keys are
     * looked up once, before sorting: comparing with the collator is slow and serialised (0.4 s for a province's
     * 8,000 cells), and looking the keys up in each comparison was a fifth of building the province's page (issue 7).
     */
    private static List<Cell> sortedByUnitThenCell(Stream<Cell> cells) {
        record Keyed(Cell cell, boolean noUnit, CollationKey unitKey, CollationKey cellKey) {
        }
        Comparator<Keyed> order = (x, y) -> {
            int c = Boolean.compare(x.noUnit(), y.noUnit());
            if (c == 0 && x.unitKey() != y.unitKey()) { // a name's key is one object: most cells share their unit's
                c = x.unitKey().compareTo(y.unitKey());
            }
            return c != 0 ? c : x.cellKey().compareTo(y.cellKey());
        };
        return cells.map(cell -> new Keyed(cell, cell.unitName() == null, VietnameseNames.collationKey(cell.unitName()),
                        VietnameseNames.collationKey(cell.name())))
                .sorted(order)
                .map(Keyed::cell)
                .toList();
    }
}
