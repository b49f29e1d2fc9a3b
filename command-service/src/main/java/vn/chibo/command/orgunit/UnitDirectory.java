package vn.chibo.command.orgunit;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import vn.chibo.command.rules.OrgTree;
import vn.chibo.events.organisation.OrgUnitKind;
import vn.chibo.events.organisation.OrgUnitRegistered;

/**
 * The write side's own copy of the organisation tree ({@code event_store.unit_directory}), kept in the same
 * transaction as the events by a subscribing processor, so scope checks and parent checks never read a stale
 * read model. Each unit keeps its materialised path ({@code /province/committee/cell/}).
 */
@Component
@ProcessingGroup(DirectoryProcessing.GROUP)
public class UnitDirectory implements OrgTree {
    private final JdbcClient jdbc;

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
                .params(e.unitId(), e.parentId(), e.kind().name(), e.name(), parentPath + e.unitId() + "/")
                .update();
    }

    /** Cells whose name is {@code name} (ignoring case), for files that name cells rather than give their ids. */
    public List<UUID> cellsNamed(String name) {
        return jdbc.sql("SELECT unit_id FROM event_store.unit_directory WHERE kind = 'CELL' AND lower(name) = lower(?)")
                .param(name.strip()).query(UUID.class).list();
    }

    @Override
    public Optional<OrgUnitKind> kindOf(UUID unitId) {
        return jdbc.sql("SELECT kind FROM event_store.unit_directory WHERE unit_id = ?")
                .param(unitId).query(String.class).optional().map(OrgUnitKind::valueOf);
    }

    @Override
    public boolean isWithin(UUID unitId, UUID ancestorId) {
        return jdbc.sql("""
                SELECT count(*) FROM event_store.unit_directory u
                WHERE u.unit_id = ? AND u.path LIKE '%/' || ? || '/%'""")
                .params(unitId, ancestorId.toString()).query(Long.class).single() > 0;
    }
}
