-- RiverGis schema 0070: the chief roster over time (河长名录, 动态调整) and the units of the river-chief system (单位).

-- A chief's government post (职务, e.g. 副区长): chiefs.csv's optional `post` column.
ALTER TABLE chiefs ADD COLUMN post text;

-- Every appointment ever recorded. Never deleted: a re-import or an edit closes the old appointment (ended_on) and
-- opens the new one, so a past month credits whoever held a post then. No foreign keys into chiefs, segments or
-- admin_areas on purpose: the history outlives the rows a re-import removes (the chief's name is kept with it).
-- Tenure is the half-open day range [appointed_on, ended_on) in China Standard Time; appointed_on NULL = held since
-- before the roster's records (the first import of a dataset says who holds a post, not since when).
CREATE TABLE appointments (
    id           bigserial PRIMARY KEY,
    chief_id     text NOT NULL,
    chief_name   text NOT NULL,
    post         text,
    duty         text NOT NULL CHECK (duty IN ('chief', 'dual', 'deputy', 'acting', 'executive', 'general', 'deputy_general')),
    area_code    text NOT NULL,
    segment_code text,
    appointed_on date,
    ended_on     date,
    -- roster_file: a dataset's roster.csv; derived: from a dataset's chief_id / general chiefs; edit: an office's change.
    origin       text NOT NULL CHECK (origin IN ('roster_file', 'derived', 'edit')),
    dataset_code text,
    note         text,
    recorded_at  timestamptz NOT NULL DEFAULT now(),
    CHECK ((segment_code IS NULL) = (duty IN ('general', 'deputy_general'))),
    CHECK (ended_on IS NULL OR appointed_on IS NULL OR ended_on >= appointed_on)
);
CREATE INDEX appointments_segment ON appointments (segment_code) WHERE segment_code IS NOT NULL;
CREATE INDEX appointments_area ON appointments (area_code);
CREATE INDEX appointments_chief ON appointments (chief_id);
-- One 河长 per segment at a time (the one routing answers with: segments.chief_id).
CREATE UNIQUE INDEX appointments_one_open_chief ON appointments (segment_code) WHERE duty = 'chief' AND ended_on IS NULL;

-- Units (成员单位, 联络员单位, township governments, offices). Loaded from a dataset's units.csv or created by an office
-- (dataset_code NULL). Never deleted while tasks and issues may name them: removing one retires it (retired_on).
CREATE TABLE units (
    code         text PRIMARY KEY,
    name         text NOT NULL,
    kind         text NOT NULL CHECK (kind IN ('member', 'liaison', 'government', 'office')),
    area_code    text NOT NULL,
    phone        text,
    dataset_code text,
    retired_on   date,
    updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX units_area ON units (area_code);
