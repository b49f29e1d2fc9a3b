-- The event store of chibo: Axon's JDBC tables with snake_case names (PostgresEventTableFactory's shape),
-- and the write side's own small tables: directories kept in the events' transaction, accounts, idempotency.

CREATE TABLE domain_event_entry (
    global_index         BIGSERIAL    NOT NULL,
    event_identifier     VARCHAR(255) NOT NULL,
    meta_data            BYTEA,
    payload              BYTEA        NOT NULL,
    payload_revision     VARCHAR(255),
    payload_type         VARCHAR(255) NOT NULL,
    time_stamp           VARCHAR(255) NOT NULL,
    aggregate_identifier VARCHAR(255) NOT NULL,
    sequence_number      BIGINT       NOT NULL,
    type                 VARCHAR(255),
    PRIMARY KEY (global_index),
    UNIQUE (aggregate_identifier, sequence_number),
    UNIQUE (event_identifier)
);

CREATE TABLE snapshot_event_entry (
    aggregate_identifier VARCHAR(255) NOT NULL,
    sequence_number      BIGINT       NOT NULL,
    type                 VARCHAR(255) NOT NULL,
    event_identifier     VARCHAR(255) NOT NULL,
    meta_data            BYTEA,
    payload              BYTEA        NOT NULL,
    payload_revision     VARCHAR(255),
    payload_type         VARCHAR(255) NOT NULL,
    time_stamp           VARCHAR(255) NOT NULL,
    PRIMARY KEY (aggregate_identifier, sequence_number),
    UNIQUE (event_identifier)
);

-- The organisation tree as the write side needs it for parent and scope checks.
CREATE TABLE unit_directory (
    unit_id   UUID PRIMARY KEY,
    parent_id UUID REFERENCES unit_directory (unit_id),
    kind      VARCHAR(20) NOT NULL,
    name      TEXT        NOT NULL,
    path      TEXT        NOT NULL
);
CREATE INDEX unit_directory_path ON unit_directory (path text_pattern_ops);

-- Which cell each member is in now, and who holds which card (unique: member-elsewhere).
CREATE TABLE member_directory (
    member_id   UUID PRIMARY KEY,
    cell_id     UUID NOT NULL,
    card_number VARCHAR(40),
    CONSTRAINT member_directory_card_number_key UNIQUE (card_number)
);
CREATE INDEX member_directory_cell ON member_directory (cell_id);

-- Accounts: bcrypt hashes only; managed through POST /api/users.
CREATE TABLE account (
    username            VARCHAR(64) PRIMARY KEY,
    password_hash       VARCHAR(100) NOT NULL,
    full_name           VARCHAR(200) NOT NULL,
    role                VARCHAR(20)  NOT NULL,
    unit_id             UUID         NOT NULL,
    enabled             BOOLEAN      NOT NULL DEFAULT TRUE,
    password_changed_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    created_at          TIMESTAMPTZ  NOT NULL DEFAULT now(),
    created_by          VARCHAR(64)  NOT NULL
);

-- The first answer to each (user, Idempotency-Key), committed with the write it answers.
CREATE TABLE idempotency_key (
    actor        VARCHAR(64)  NOT NULL,
    key          VARCHAR(200) NOT NULL,
    request_hash CHAR(64)     NOT NULL,
    status       INT          NOT NULL,
    body         TEXT         NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (actor, key)
);

-- Memberships and exemptions by date, for who is summoned to a meeting and who may chair, record or speak.
CREATE TABLE membership_directory (
    member_id UUID        NOT NULL,
    seq       BIGINT      NOT NULL,
    cell_id   UUID        NOT NULL,
    status    VARCHAR(20) NOT NULL,
    from_date DATE        NOT NULL,
    to_date   DATE,
    PRIMARY KEY (member_id, seq)
);
CREATE INDEX membership_directory_cell ON membership_directory (cell_id, from_date);

CREATE TABLE exemption_directory (
    member_id UUID   NOT NULL,
    seq       BIGINT NOT NULL,
    from_date DATE   NOT NULL,
    to_date   DATE,
    PRIMARY KEY (member_id, seq)
);

-- The province's rule sets: the one in force on a date is the latest effective_from not after it.
CREATE TABLE rule_set_directory (
    version        INT PRIMARY KEY,
    effective_from DATE NOT NULL,
    rules          TEXT NOT NULL,
    meeting_score  TEXT NOT NULL
);

-- Which cell each meeting belongs to, for scope checks before a command is sent.
CREATE TABLE meeting_directory (
    meeting_id UUID PRIMARY KEY,
    cell_id    UUID NOT NULL
);

-- Which cell each task belongs to, for scope checks before a command is sent.
CREATE TABLE task_directory (
    task_id UUID PRIMARY KEY,
    cell_id UUID NOT NULL
);

-- Temporary transfers out: the home cell does not summon the member while one covers the day.
CREATE TABLE temporary_transfer_directory (
    member_id    UUID   NOT NULL,
    seq          BIGINT NOT NULL,
    host_cell_id UUID   NOT NULL,
    from_date    DATE   NOT NULL,
    until_date   DATE   NOT NULL,
    PRIMARY KEY (member_id, seq)
);

-- Tamper evidence: every appended event gets a SHA-256 over its content and the previous hash of its own
-- stream (aggregate), computed by the database in the transaction of the append. A chain per stream, not one
-- global chain: appends to different records never wait on each other, and a record's history is verified on
-- its own. Changing any stored byte of an event breaks its link and every later link of its stream.
CREATE TABLE event_chain (
    global_index         BIGINT PRIMARY KEY,
    aggregate_identifier VARCHAR(255) NOT NULL,
    sequence_number      BIGINT       NOT NULL,
    previous_hash        BYTEA,
    hash                 BYTEA        NOT NULL,
    UNIQUE (aggregate_identifier, sequence_number)
);

CREATE FUNCTION event_content(e domain_event_entry) RETURNS BYTEA LANGUAGE SQL IMMUTABLE AS $$
    SELECT convert_to(e.event_identifier || '|' || e.aggregate_identifier || '|' || e.sequence_number || '|'
                      || coalesce(e.type, '') || '|' || e.payload_type || '|' || coalesce(e.payload_revision, '') || '|'
                      || e.time_stamp || '|', 'UTF8')
           || e.payload || convert_to('|', 'UTF8') || coalesce(e.meta_data, ''::bytea)
$$;

CREATE FUNCTION chain_event() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE
    previous BYTEA;
BEGIN
    SELECT hash INTO previous FROM event_store.event_chain
     WHERE aggregate_identifier = NEW.aggregate_identifier AND sequence_number = NEW.sequence_number - 1;
    INSERT INTO event_store.event_chain (global_index, aggregate_identifier, sequence_number, previous_hash, hash)
    VALUES (NEW.global_index, NEW.aggregate_identifier, NEW.sequence_number, previous,
            sha256(coalesce(previous, ''::bytea) || event_store.event_content(NEW)));
    RETURN NULL;
END
$$;

CREATE TRIGGER domain_event_entry_chain AFTER INSERT ON domain_event_entry
    FOR EACH ROW EXECUTE FUNCTION chain_event();

-- Writes that were refused (403, 409, 422): the audit shows attempts, not only what was accepted.
CREATE TABLE access_log (
    id          BIGSERIAL PRIMARY KEY,
    at          TIMESTAMPTZ  NOT NULL DEFAULT now(),
    actor       VARCHAR(64),
    actor_role  VARCHAR(20),
    method      VARCHAR(10)  NOT NULL,
    path        TEXT         NOT NULL,
    status      INT          NOT NULL,
    problem     VARCHAR(60),
    detail      TEXT,
    unit_id     UUID,
    correlation VARCHAR(100)
);
CREATE INDEX access_log_at ON access_log (at);
