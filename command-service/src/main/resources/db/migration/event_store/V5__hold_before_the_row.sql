-- V4 took the shared lock that a large import holds exclusively in the AFTER ROW trigger, once the appended row and its
-- unique keys were written: an append of the same record as the import (a member's rating while the import transfers
-- that member) then held a key the import needed while it waited for the import, and PostgreSQL broke the deadlock by
-- failing the append with a 500. The lock is now taken before an INSERT writes anything, once per statement, so a
-- waiting append holds nothing the import could need. The chain is computed exactly as in V2.
CREATE OR REPLACE FUNCTION hold_for_imports() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock_shared(7243);
    RETURN NULL;
END
$$;

CREATE TRIGGER domain_event_entry_hold BEFORE INSERT ON domain_event_entry
    FOR EACH STATEMENT EXECUTE FUNCTION hold_for_imports();

CREATE OR REPLACE FUNCTION chain_event() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
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
