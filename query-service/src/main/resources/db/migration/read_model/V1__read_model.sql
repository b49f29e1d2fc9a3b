-- The read side of chibo: Axon's token store and dead letters (snake_case), and the read models.
-- Every table here is disposable: a replay of the event log rebuilds it.

CREATE TABLE token_entry (
    processor_name VARCHAR(255) NOT NULL,
    segment        INTEGER      NOT NULL,
    token          BYTEA,
    token_type     VARCHAR(255),
    timestamp      VARCHAR(255),
    owner          VARCHAR(255),
    PRIMARY KEY (processor_name, segment)
);

CREATE TABLE dead_letter_entry (
    dead_letter_id       VARCHAR(255)  NOT NULL,
    processing_group     VARCHAR(255)  NOT NULL,
    sequence_identifier  VARCHAR(255)  NOT NULL,
    sequence_index       BIGINT        NOT NULL,
    message_type         VARCHAR(255)  NOT NULL,
    event_identifier     VARCHAR(255)  NOT NULL,
    time_stamp           VARCHAR(255)  NOT NULL,
    payload_type         VARCHAR(255)  NOT NULL,
    payload_revision     VARCHAR(255),
    payload              BYTEA         NOT NULL,
    meta_data            BYTEA,
    aggregate_type       VARCHAR(255),
    aggregate_identifier VARCHAR(255),
    sequence_number      BIGINT,
    token_type           VARCHAR(255),
    token                BYTEA,
    enqueued_at          VARCHAR(255)  NOT NULL,
    last_touched         VARCHAR(255),
    processing_started   VARCHAR(255),
    cause_type           VARCHAR(255),
    cause_message        VARCHAR(1023),
    diagnostics          BYTEA,
    PRIMARY KEY (dead_letter_id),
    UNIQUE (processing_group, sequence_identifier, sequence_index)
);
CREATE INDEX dead_letter_entry_group ON dead_letter_entry (processing_group);

-- The organisation tree; path is '/<province>/<committee>/.../<unit>/' for subtree queries.
CREATE TABLE org_unit (
    id            UUID PRIMARY KEY,
    name          TEXT        NOT NULL,
    kind          VARCHAR(20) NOT NULL,
    parent_id     UUID,
    path          TEXT        NOT NULL,
    depth         INT         NOT NULL,
    regular_day   INT,
    registered_at TIMESTAMPTZ NOT NULL,
    last_seq      BIGINT      NOT NULL
);
CREATE INDEX org_unit_parent ON org_unit (parent_id);
CREATE INDEX org_unit_path ON org_unit (path text_pattern_ops);

-- Members as they are now.
CREATE TABLE member (
    id              UUID PRIMARY KEY,
    card_number     VARCHAR(40),
    full_name       TEXT        NOT NULL,
    birth_date      DATE        NOT NULL,
    joined_party_on DATE        NOT NULL,
    status          VARCHAR(20) NOT NULL,
    cell_id         UUID        NOT NULL,
    member_since    DATE        NOT NULL,
    last_seq        BIGINT      NOT NULL
);
CREATE INDEX member_cell ON member (cell_id);

-- Which cell a member belonged to, from when to when (to_date inclusive; null while current).
CREATE TABLE membership (
    member_id  UUID   NOT NULL,
    seq        BIGINT NOT NULL,
    cell_id    UUID   NOT NULL,
    from_date  DATE   NOT NULL,
    to_date    DATE,
    reason     TEXT,
    end_reason TEXT,
    by_transfer  BOOLEAN NOT NULL DEFAULT FALSE,
    received_on  DATE,
    receipt_late BOOLEAN,
    PRIMARY KEY (member_id, seq)
);
CREATE INDEX membership_cell ON membership (cell_id, from_date);

-- Temporary transfers (3 months to under a year): the member stays in the home cell, neither cell counts them.
CREATE TABLE temporary_transfer (
    member_id    UUID   NOT NULL,
    seq          BIGINT NOT NULL,
    home_cell_id UUID   NOT NULL,
    host_cell_id UUID   NOT NULL,
    from_date    DATE   NOT NULL,
    until_date   DATE   NOT NULL,
    reason       TEXT   NOT NULL,
    PRIMARY KEY (member_id, seq)
);

-- Exemptions from meetings (to_date inclusive; null means until further notice).
CREATE TABLE exemption (
    member_id UUID   NOT NULL,
    seq       BIGINT NOT NULL,
    cell_id   UUID   NOT NULL,
    from_date DATE   NOT NULL,
    to_date   DATE,
    reason    TEXT   NOT NULL,
    PRIMARY KEY (member_id, seq)
);

-- Meetings of the cells: one row each, with what the dashboards and the meeting page show.
CREATE TABLE meeting (
    id                  UUID PRIMARY KEY,
    cell_id             UUID        NOT NULL,
    kind                VARCHAR(20) NOT NULL,
    status              VARCHAR(20) NOT NULL,
    starts_at           TIMESTAMPTZ NOT NULL,
    meeting_date        DATE        NOT NULL,
    location            TEXT        NOT NULL,
    topic               TEXT,
    agenda              TEXT        NOT NULL,
    chair_id            UUID        NOT NULL,
    recorder_id         UUID        NOT NULL,
    presenter_id        UUID,
    presenter_reason    TEXT,
    reason              TEXT,
    off_regular_day     BOOLEAN     NOT NULL,
    announced_at        TIMESTAMPTZ NOT NULL,
    entered_at          TIMESTAMPTZ NOT NULL,
    entered_late        BOOLEAN     NOT NULL,
    notice_days         INT         NOT NULL,
    summoned_count      INT         NOT NULL,
    rule_set_version    INT         NOT NULL,
    cancel_reason       TEXT,
    started_at          TIMESTAMPTZ,
    ended_at            TIMESTAMPTZ,
    duration_minutes    BIGINT,
    attendance_rate     DOUBLE PRECISION,
    flags               TEXT        NOT NULL DEFAULT '',
    score_total         INT,
    score_level         VARCHAR(20),
    score_criteria      TEXT,
    minutes_version     INT         NOT NULL DEFAULT 0,
    minutes_final       BOOLEAN     NOT NULL DEFAULT FALSE,
    minutes_finalised_on DATE,
    minutes_days        BIGINT,
    minutes_late        BOOLEAN,
    last_seq            BIGINT      NOT NULL
);
CREATE INDEX meeting_cell_date ON meeting (cell_id, meeting_date);

-- Who was summoned, and then whether each was present or absent (why, excused or not).
CREATE TABLE meeting_member (
    meeting_id UUID        NOT NULL,
    member_id  UUID        NOT NULL,
    status     VARCHAR(20),
    summoned   BOOLEAN     NOT NULL,
    present    BOOLEAN,
    reason     TEXT,
    excused    BOOLEAN,
    PRIMARY KEY (meeting_id, member_id)
);

CREATE TABLE meeting_vote (
    meeting_id UUID    NOT NULL,
    vote_id    UUID    NOT NULL,
    seq        BIGINT  NOT NULL,
    subject    TEXT    NOT NULL,
    in_favour  INT     NOT NULL,
    against    INT     NOT NULL,
    abstain    INT     NOT NULL,
    counted    INT     NOT NULL,
    valid      BOOLEAN NOT NULL,
    PRIMARY KEY (meeting_id, vote_id)
);

-- Every version of the minutes, never overwritten.
CREATE TABLE minutes_version (
    meeting_id  UUID        NOT NULL,
    version     INT         NOT NULL,
    kind        VARCHAR(20) NOT NULL,
    sections    TEXT        NOT NULL,
    changed     TEXT,
    reason      TEXT,
    actor       VARCHAR(64),
    recorded_at TIMESTAMPTZ NOT NULL,
    final       BOOLEAN     NOT NULL DEFAULT FALSE,
    PRIMARY KEY (meeting_id, version)
);

-- The province's rule sets, for figures the read side judges (repeated absence) by the version a meeting used.
CREATE TABLE rule_set (
    version        INT PRIMARY KEY,
    effective_from DATE NOT NULL,
    rules          TEXT NOT NULL,
    meeting_score  TEXT NOT NULL,
    reason         TEXT
);

-- Ratings: the current one per member and period, and every rating and revision as it came.
CREATE TABLE rating (
    member_id        UUID        NOT NULL,
    period           VARCHAR(10) NOT NULL,
    kind             VARCHAR(10) NOT NULL,
    year             INT         NOT NULL,
    cell_id          UUID        NOT NULL,
    rating           VARCHAR(20) NOT NULL,
    score            INT,
    note             TEXT,
    revisions        INT         NOT NULL DEFAULT 0,
    rule_set_version INT         NOT NULL,
    last_seq         BIGINT      NOT NULL,
    PRIMARY KEY (member_id, period)
);
CREATE INDEX rating_cell_period ON rating (cell_id, period);
CREATE INDEX rating_year ON rating (year, kind);

CREATE TABLE rating_history (
    member_id       UUID        NOT NULL,
    seq             BIGINT      NOT NULL,
    period          VARCHAR(10) NOT NULL,
    change          VARCHAR(10) NOT NULL,
    rating          VARCHAR(20) NOT NULL,
    score           INT,
    previous_rating VARCHAR(20),
    previous_score  INT,
    reason          TEXT,
    actor           VARCHAR(64),
    recorded_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (member_id, seq)
);

CREATE TABLE task (
    id           UUID PRIMARY KEY,
    cell_id      UUID        NOT NULL,
    member_id    UUID        NOT NULL,
    title        TEXT        NOT NULL,
    assigned_on  DATE        NOT NULL,
    due_on       DATE        NOT NULL,
    meeting_id   UUID,
    status       VARCHAR(20) NOT NULL,
    completed_on DATE,
    late         BOOLEAN,
    last_seq     BIGINT      NOT NULL
);
CREATE INDEX task_cell_status ON task (cell_id, status, due_on);
CREATE INDEX task_member ON task (member_id);

CREATE TABLE notebook_result (
    check_id   UUID    NOT NULL,
    member_id  UUID    NOT NULL,
    cell_id    UUID    NOT NULL,
    checked_on DATE    NOT NULL,
    ok         BOOLEAN NOT NULL,
    note       TEXT,
    PRIMARY KEY (check_id, member_id)
);
CREATE INDEX notebook_result_member ON notebook_result (member_id, checked_on);

CREATE TABLE residence_feedback (
    member_id   UUID   NOT NULL,
    seq         BIGINT NOT NULL,
    cell_id     UUID   NOT NULL,
    received_on DATE   NOT NULL,
    from_unit   TEXT   NOT NULL,
    assessment  TEXT   NOT NULL,
    content     TEXT   NOT NULL,
    PRIMARY KEY (member_id, seq)
);

-- ===== The department's dashboards: their own tables, fed by the "dashboard" projection =====
CREATE TABLE dash_unit (
    id          UUID PRIMARY KEY,
    name        TEXT        NOT NULL,
    kind        VARCHAR(20) NOT NULL,
    parent_id   UUID,
    path        TEXT        NOT NULL,
    regular_day INT
);
CREATE INDEX dash_unit_path ON dash_unit (path text_pattern_ops);

CREATE TABLE dash_membership (
    member_id UUID   NOT NULL,
    seq       BIGINT NOT NULL,
    cell_id   UUID   NOT NULL,
    from_date DATE   NOT NULL,
    to_date   DATE,
    PRIMARY KEY (member_id, seq)
);
CREATE INDEX dash_membership_cell ON dash_membership (cell_id, from_date);

CREATE TABLE dash_meeting (
    meeting_id       UUID PRIMARY KEY,
    cell_id          UUID        NOT NULL,
    kind             VARCHAR(20) NOT NULL,
    status           VARCHAR(20) NOT NULL,
    meeting_date     DATE        NOT NULL,
    notice_days      INT         NOT NULL,
    off_regular_day  BOOLEAN     NOT NULL,
    reason           TEXT,
    entered_late     BOOLEAN     NOT NULL,
    attendance_rate  DOUBLE PRECISION,
    duration_minutes BIGINT,
    flags            TEXT        NOT NULL DEFAULT '',
    score_total      INT,
    score_level      VARCHAR(20),
    minutes_final    BOOLEAN     NOT NULL DEFAULT FALSE,
    minutes_days     BIGINT,
    minutes_late     BOOLEAN,
    minutes_deadline INT         NOT NULL DEFAULT 7,
    last_seq         BIGINT      NOT NULL
);
CREATE INDEX dash_meeting_cell_date ON dash_meeting (cell_id, meeting_date);

CREATE TABLE dash_rating (
    member_id UUID        NOT NULL,
    period    VARCHAR(10) NOT NULL,
    kind      VARCHAR(10) NOT NULL,
    year      INT         NOT NULL,
    cell_id   UUID        NOT NULL,
    rating    VARCHAR(20) NOT NULL,
    PRIMARY KEY (member_id, period)
);
CREATE INDEX dash_rating_cell ON dash_rating (cell_id, period);

CREATE TABLE dash_task (
    task_id      UUID PRIMARY KEY,
    cell_id      UUID        NOT NULL,
    due_on       DATE        NOT NULL,
    status       VARCHAR(20) NOT NULL,
    completed_on DATE
);
CREATE INDEX dash_task_cell ON dash_task (cell_id, status, due_on);

-- One row per cell and month: what the compliance dashboard shows, refreshed whenever an event touches it.
CREATE TABLE cell_month (
    cell_id             UUID    NOT NULL,
    month               DATE    NOT NULL,
    members             INT     NOT NULL,
    regular_meeting_id  UUID,
    meeting_date        DATE,
    notice_days         INT,
    off_regular_day     BOOLEAN,
    off_day_reason      TEXT,
    entered_late        BOOLEAN,
    attendance_rate     DOUBLE PRECISION,
    duration_minutes    BIGINT,
    score_total         INT,
    score_level         VARCHAR(20),
    minutes_final       BOOLEAN,
    minutes_days        BIGINT,
    minutes_late        BOOLEAN,
    minutes_deadline    INT,
    meeting_flags       TEXT    NOT NULL DEFAULT '',
    topical_in_quarter  INT     NOT NULL DEFAULT 0,
    ratings_submitted   INT     NOT NULL DEFAULT 0,
    excellent           INT     NOT NULL DEFAULT 0,
    good                INT     NOT NULL DEFAULT 0,
    completed           INT     NOT NULL DEFAULT 0,
    not_completed       INT     NOT NULL DEFAULT 0,
    PRIMARY KEY (cell_id, month)
);
CREATE INDEX cell_month_month ON cell_month (month);

CREATE TABLE dash_rule (
    version        INT PRIMARY KEY,
    effective_from DATE NOT NULL,
    minutes_days   INT  NOT NULL
);
