-- A register import appends up to thousands of events in one transaction and holds their global indexes until it
-- commits, seconds later. A reader of the log forgets an index it has not seen once it has read 10,000 indexes past
-- it (Axon's gap window: SnapshotlessStorageEngine.MAX_GAP_OFFSET), so appends committed meanwhile by other requests
-- could carry the readers past an import's events, and every projection would miss them until a replay.
-- An import takes advisory lock 7243 exclusively before it appends (RegisterImportController); every append takes it
-- shared here, in the trigger the append already runs, so no append commits past an import's events while it runs:
-- other writes wait for the import's commit instead. The chain itself is computed exactly as in V2.
CREATE OR REPLACE FUNCTION chain_event() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock_shared(7243);
    INSERT INTO event_store.event_chain (global_index, aggregate_identifier, sequence_number, previous_hash, hash)
    SELECT NEW.global_index, NEW.aggregate_identifier, NEW.sequence_number, p.hash,
           sha256(coalesce(p.hash, ''::bytea)
                  || convert_to(NEW.event_identifier || '|' || NEW.aggregate_identifier || '|' || NEW.sequence_number || '|'
                                || coalesce(NEW.type, '') || '|' || NEW.payload_type || '|'
                                || coalesce(NEW.payload_revision, '') || '|' || NEW.time_stamp || '|', 'UTF8')
                  || NEW.payload || convert_to('|', 'UTF8') || coalesce(NEW.meta_data, ''::bytea))
      FROM (SELECT (SELECT hash FROM event_store.event_chain
                     WHERE aggregate_identifier = NEW.aggregate_identifier
                       AND sequence_number = NEW.sequence_number - 1) AS hash) p;
    RETURN NULL;
END
$$;
