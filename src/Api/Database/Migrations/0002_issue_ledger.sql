-- RiverGis schema, version 2: the problem ledger (问题台账). Issues keep a snapshot of who they were routed to, so
-- the ledger survives re-imports of the river-chief data (no foreign keys into chiefs/segments on purpose).
CREATE TABLE issues (
    id               bigserial PRIMARY KEY,
    category         text NOT NULL,
    description      text NOT NULL,
    source           text NOT NULL CHECK (source IN ('patrol', 'public', 'inspection')),
    reporter_name    text,
    reporter_contact text,
    photo_urls       text[] NOT NULL DEFAULT '{}',
    status           text NOT NULL,
    reported_at      timestamptz NOT NULL,
    deadline         timestamptz NOT NULL,
    closed_at        timestamptz,
    chief_id         text,
    chief            jsonb,
    chain            jsonb NOT NULL DEFAULT '[]',
    routing          jsonb NOT NULL DEFAULT '{}',
    river_code       text,
    segment_code     text,
    area_code        text,
    area_codes       text[] NOT NULL DEFAULT '{}',
    measure_m        double precision,
    distance_m       double precision,
    off_river        boolean NOT NULL DEFAULT false,
    duplicate_of     bigint[] NOT NULL DEFAULT '{}',
    idempotency_key  text UNIQUE,
    request_hash     text,
    geom             geometry(Point, 4326) NOT NULL,
    CHECK (deadline >= reported_at)
);
CREATE INDEX issues_geom ON issues USING gist (geom);
CREATE INDEX issues_status ON issues (status, deadline);
CREATE INDEX issues_chief ON issues (chief_id);
CREATE INDEX issues_river ON issues (river_code);
CREATE INDEX issues_area_codes ON issues USING gin (area_codes);
CREATE INDEX issues_reported ON issues (reported_at);

-- Every transition with time, actor and note: the ledger's audit trail.
CREATE TABLE issue_events (
    id          bigserial PRIMARY KEY,
    issue_id    bigint NOT NULL REFERENCES issues (id) ON DELETE CASCADE,
    at          timestamptz NOT NULL,
    action      text NOT NULL,
    from_status text,
    to_status   text NOT NULL,
    actor       text NOT NULL,
    note        text,
    chief_id    text
);
CREATE INDEX issue_events_issue ON issue_events (issue_id, at);
