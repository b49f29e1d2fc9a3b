package vn.chibo.command.orgunit;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import vn.chibo.command.rules.OrgTree;
import vn.chibo.command.support.RecentReads;
import vn.chibo.events.organisation.OrgUnitKind;
import vn.chibo.events.organisation.OrgUnitRegistered;
import vn.chibo.events.text.ComposedText;

/**
 * The write side's own copy of the organisation tree ({@code event_store.unit_directory}), kept in the same
 * transaction as the events by a subscribing processor, so scope checks and parent checks never read a stale
 * read model. Each unit keeps its materialised path ({@code /province/committee/cell/}).
 */
@Component
@ProcessingGroup(DirectoryProcessing.GROUP)
public class UnitDirectory implements OrgTree {
    /** A unit's kind and path never change once registered: each request need not read them again. */
    private record Unit(OrgUnitKind kind, String path) {
    }

    private final JdbcClient jdbc;
    private final RecentReads<UUID, Unit> units = new RecentReads<>(Duration.ofMinutes(10), 50_000);

    public UnitDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(OrgUnitRegistered e) {
        String parentPath = e.parentId() == null ? "/" : jdbc.sql("SELECT path FROM event_store.unit_directory WHERE unit_id = ?")
                .param(e.parentId()).query(String.class).single();
        jdbc.sql("""
                INSERT INTO event_store.unit_directory (unit_id, parent_id, kind, name, path) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (unit_id) DO NOTHING""")
                // composed, as import files are read: events written before request text was composed keep theirs
                .params(e.unitId(), e.parentId(), e.kind().name(), ComposedText.of(e.name()), parentPath + e.unitId() + "/")
                .update();
        units.forget(e.unitId());
    }

    /** Cells whose name is {@code name} (ignoring case), for files that name cells rather than give their ids. */
    public List<UUID> cellsNamed(String name) {
        return jdbc.sql("SELECT unit_id FROM event_store.unit_directory WHERE kind = 'CELL' AND lower(name) = lower(?)")
                .param(name.strip()).query(UUID.class).list();
    }

    @Override
    public Optional<OrgUnitKind> kindOf(UUID unitId) {
        return unit(unitId).map(Unit::kind);
    }

    @Override
    public boolean isWithin(UUID unitId, UUID ancestorId) {
        return unit(unitId).map(u -> u.path().contains("/" + ancestorId + "/")).orElse(false);
    }

    /** An unknown unit is not remembered: it may be registered a moment later. */
    private Optional<Unit> unit(UUID unitId) {
        return Optional.ofNullable(units.get(unitId, id -> jdbc.sql("SELECT kind, path FROM event_store.unit_directory WHERE unit_id = ?")
                .param(id).query((rs, n) -> new Unit(OrgUnitKind.valueOf(rs.getString(1)), rs.getString(2))).optional().orElse(null)));
    }
}
