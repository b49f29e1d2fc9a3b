package vn.chibo.command.orgunit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;

import vn.chibo.command.testing.CommandServiceTestBase;
import vn.chibo.events.organisation.OrgUnitKind;
import vn.chibo.events.organisation.OrgUnitRegistered;

/**
 * Cells are found by name in import files, which are read composed: the write side's directory holds names composed
 * too, whether registered before request text was composed (its event keeps the name as typed) or stored before V3.
 */
class ComposedUnitNamesTest extends CommandServiceTestBase {
    /** "Chi bộ ấp Hòa" as a combining keyboard types it. */
    private static final String COMBINING = "Chi bo\u0323\u0302 a\u0302\u0301p Ho\u0300a ";

    @Autowired
    private UnitDirectory directory;

    @Test
    void a_unit_registered_with_combining_marks_is_kept_composed_and_found_by_its_composed_name() {
        UUID cell = UUID.randomUUID();
        String suffix = cell.toString().substring(0, 8);
        directory.on(new OrgUnitRegistered(cell, COMBINING + suffix, OrgUnitKind.CELL, PROVINCE, 3));
        assertThat(name(cell)).isEqualTo("Chi bộ ấp Hòa " + suffix);
        assertThat(directory.cellsNamed("chi bộ ấp hòa " + suffix)).containsExactly(cell);
    }

    @Test
    void v3_composes_the_names_stored_before_it() throws Exception {
        UUID cell = UUID.randomUUID();
        String suffix = cell.toString().substring(0, 8);
        jdbc.sql("INSERT INTO event_store.unit_directory (unit_id, parent_id, kind, name, path) VALUES (?, ?, 'CELL', ?, ?)")
                .params(cell, PROVINCE, COMBINING + suffix, "/" + PROVINCE + "/" + cell + "/").update();
        assertThat(name(cell)).isNotEqualTo("Chi bộ ấp Hòa " + suffix);
        String v3 = new ClassPathResource("db/migration/event_store/V3__composed_unit_names.sql").getContentAsString(StandardCharsets.UTF_8);
        jdbc.sql(v3).update();
        assertThat(name(cell)).isEqualTo("Chi bộ ấp Hòa " + suffix);
    }

    private String name(UUID unit) {
        return jdbc.sql("SELECT name FROM event_store.unit_directory WHERE unit_id = ?").param(unit).query(String.class).single();
    }
}
