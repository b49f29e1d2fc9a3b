package vn.chibo.query.organisation;

import java.time.Instant;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import vn.chibo.events.organisation.CellSettingsChanged;
import vn.chibo.events.organisation.OrgUnitRegistered;
import vn.chibo.query.eventstore.ProjectionProcessing;
import vn.chibo.query.eventstore.SqlProjection;

/**
 * {@code read_model.org_unit}: the tree with each unit's materialised path, for drill-down and for scoping every
 * query to a subtree. Its processor applies the events in the log's order (one segment), so a parent is there before
 * its children; a unit whose parent's event was dead-lettered fails for want of the parent's path and is
 * dead-lettered too, until a retry applies both, oldest first. Idempotent: a replayed event changes nothing twice.
 */
@Component
@ProcessingGroup(ProjectionProcessing.ORG_UNITS)
public class OrgUnitProjection extends SqlProjection {

    public OrgUnitProjection(JdbcClient jdbc, DataSource dataSource) {
        super(jdbc, dataSource);
    }

    @EventHandler
    void on(OrgUnitRegistered e, @SequenceNumber long seq, @Timestamp Instant at) {
        String parentPath = e.parentId() == null ? "/" : sql("SELECT path FROM org_unit WHERE id = ?")
                .param(e.parentId()).query(String.class).single();
        String path = parentPath + e.unitId() + "/";
        int depth = (int) path.chars().filter(c -> c == '/').count() - 2;
        writeRow(e.unitId(), """
                INSERT INTO org_unit (id, name, kind, parent_id, path, depth, regular_day, registered_at, last_seq)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING""",
                e.unitId(), e.name(), e.kind().name(), e.parentId(), path, depth, e.regularDay(), java.sql.Timestamp.from(at), seq);
    }

    @EventHandler
    void on(CellSettingsChanged e, @SequenceNumber long seq) {
        writeRow(e.unitId(), "UPDATE org_unit SET regular_day = ?, last_seq = ? WHERE id = ? AND last_seq < ?",
                e.regularDay(), seq, e.unitId(), seq);
    }

    @ResetHandler
    void reset() {
        sql("TRUNCATE org_unit").update();
    }
}
