-- Units' names in their composed form (Unicode NFC), as every name registered from now on is: an import file names
-- cells by name, and a name stored as typed with combining marks ("Ho" + U+0300 + "a") matched only a file typed the
-- same way. The events keep the names as they were sent; only this lookup table changes. normalize() needs a UTF8
-- database (chibo's always are); another encoding is left as it was.
DO $$
BEGIN
    IF current_setting('server_encoding') = 'UTF8' THEN
        UPDATE event_store.unit_directory SET name = normalize(name, NFC) WHERE name IS NOT NFC NORMALIZED;
    END IF;
END
$$;
