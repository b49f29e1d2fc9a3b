-- Builds again every index that a replay dropped and could not build at its end (the service stopped or died during
-- the replay): see V8__indexes_built_after_a_replay.sql. This runs before any migration, so none meets a missing index.
-- Nothing to do on a new database, before V8 has made the table.
DO $$
DECLARE
    deferred RECORD;
BEGIN
    IF to_regclass('read_model.rebuild_deferred_index') IS NULL THEN
        RETURN;
    END IF;
    PERFORM set_config('maintenance_work_mem', '256MB', true);
    FOR deferred IN SELECT index_name, definition FROM read_model.rebuild_deferred_index WHERE definition IS NOT NULL LOOP
        EXECUTE regexp_replace(deferred.definition, '^CREATE (UNIQUE )?INDEX ', 'CREATE \1INDEX IF NOT EXISTS ');
        UPDATE read_model.rebuild_deferred_index SET definition = NULL WHERE index_name = deferred.index_name;
    END LOOP;
END $$;
