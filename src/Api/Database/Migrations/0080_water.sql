-- RiverGis schema, issue 14: the water itself. Monitoring sections and their samples, outlets' lifecycle and
-- monitoring, signboards (公示牌), lakes and reservoirs with their zones (湖长制/库长制), candidate decisions and the
-- escalations opened by the consecutive-failure scan. Retried sample posts and escalations are told apart through
-- idempotency_keys (scopes 'samples' and 'water-escalations'), like every other idempotent write.

ALTER TABLE outlets
    ADD COLUMN status      text NOT NULL DEFAULT 'normal' CHECK (status IN ('normal', 'rectifying', 'closed', 'connected_to_sewer')),
    ADD COLUMN approved_on date,
    ADD COLUMN approval_no text;

CREATE TABLE water_bodies (
    code         text PRIMARY KEY,
    dataset_code text NOT NULL REFERENCES datasets (code) ON DELETE CASCADE,
    name         text NOT NULL,
    kind         text NOT NULL CHECK (kind IN ('lake', 'reservoir')),
    level        text NOT NULL CHECK (level IN ('province', 'city', 'county', 'township', 'village')),
    attributes   jsonb NOT NULL DEFAULT '{}',
    geom         geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(geom))
);
CREATE INDEX water_bodies_geom ON water_bodies USING gist (geom);

CREATE TABLE water_body_zones (
    code            text PRIMARY KEY,
    dataset_code    text NOT NULL REFERENCES datasets (code) ON DELETE CASCADE,
    water_body_code text NOT NULL REFERENCES water_bodies (code) DEFERRABLE INITIALLY DEFERRED,
    name            text,
    level           text NOT NULL CHECK (level IN ('province', 'city', 'county', 'township', 'village')),
    area_code       text NOT NULL REFERENCES admin_areas (code) DEFERRABLE INITIALLY DEFERRED,
    chief_id        text REFERENCES chiefs (id) DEFERRABLE INITIALLY DEFERRED,
    attributes      jsonb NOT NULL DEFAULT '{}',
    geom            geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(geom))
);
CREATE INDEX water_body_zones_geom ON water_body_zones USING gist (geom);
CREATE INDEX water_body_zones_body ON water_body_zones (water_body_code, level);

-- Sections of a dataset carry its code; sections an office adds (origin 'office') have none, so re-importing the
-- dataset keeps them.
CREATE TABLE sections (
    code            text PRIMARY KEY,
    dataset_code    text REFERENCES datasets (code) ON DELETE CASCADE,
    origin          text NOT NULL DEFAULT 'dataset' CHECK (origin IN ('dataset', 'office')),
    name            text NOT NULL,
    kind            text NOT NULL CHECK (kind IN ('boundary', 'assessment', 'function_zone', 'drinking_source')),
    target_class    text NOT NULL CHECK (target_class IN ('I', 'II', 'III', 'IV', 'V', '劣V')),
    river_code      text REFERENCES rivers (code) DEFERRABLE INITIALLY DEFERRED,
    water_body_code text REFERENCES water_bodies (code) DEFERRABLE INITIALLY DEFERRED,
    area_codes      text[] NOT NULL CHECK (cardinality(area_codes) > 0),
    attributes      jsonb NOT NULL DEFAULT '{}',
    geom            geometry(Point, 4326) NOT NULL,
    CHECK ((river_code IS NULL) <> (water_body_code IS NULL))
);
CREATE INDEX sections_geom ON sections USING gist (geom);
CREATE INDEX sections_river ON sections (river_code);
CREATE INDEX sections_areas ON sections USING gin (area_codes);

-- Factors are mg/L by factor code ({"nh3_n": 0.42, …}); the class is stored as computed when the sample arrived.
CREATE TABLE samples (
    id              bigserial PRIMARY KEY,
    section_code    text NOT NULL REFERENCES sections (code) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    dataset_code    text REFERENCES datasets (code) ON DELETE CASCADE,
    sampled_at      timestamptz NOT NULL,
    factors         jsonb NOT NULL,
    water_class     text NOT NULL CHECK (water_class IN ('I', 'II', 'III', 'IV', 'V', '劣V')),
    deciding        text[] NOT NULL DEFAULT '{}',
    source          text,
    received_at     timestamptz NOT NULL DEFAULT now(),
    UNIQUE (section_code, sampled_at)
);
CREATE INDEX samples_time ON samples (sampled_at, section_code);

CREATE TABLE outlet_monitoring (
    id           bigserial PRIMARY KEY,
    outlet_code  text NOT NULL REFERENCES outlets (code) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    dataset_code text REFERENCES datasets (code) ON DELETE CASCADE,
    sampled_at   timestamptz NOT NULL,
    factors      jsonb NOT NULL,
    source       text,
    UNIQUE (outlet_code, sampled_at)
);
CREATE INDEX outlet_monitoring_time ON outlet_monitoring (sampled_at, outlet_code);

CREATE TABLE signboards (
    code              text PRIMARY KEY,
    dataset_code      text REFERENCES datasets (code) ON DELETE CASCADE,
    segment_code      text REFERENCES segments (code) DEFERRABLE INITIALLY DEFERRED,
    zone_code         text REFERENCES water_body_zones (code) DEFERRABLE INITIALLY DEFERRED,
    chief_name        text NOT NULL,
    chief_post        text,
    chief_phone       text,
    extent            text,
    duties            text,
    target            text,
    supervision_phone text,
    printed_on        date,
    attributes        jsonb NOT NULL DEFAULT '{}',
    geom              geometry(Point, 4326) NOT NULL,
    CHECK ((segment_code IS NULL) <> (zone_code IS NULL))
);
CREATE INDEX signboards_geom ON signboards USING gist (geom);

-- The office's answer to a proposed boundary section (candidate key: river:level:measure).
CREATE TABLE section_candidate_decisions (
    candidate_key text PRIMARY KEY,
    decision      text NOT NULL CHECK (decision IN ('accepted', 'rejected')),
    section_code  text,
    decided_at    timestamptz NOT NULL,
    decided_by    text NOT NULL,
    note          text
);

-- An area and its ancestors: an office's scope (its area's subtree) holds a resource of area A when the office's area
-- is in area_lineage(A). The water stores add it to their WHERE, so nothing out of scope is changed.
CREATE FUNCTION area_lineage(area text) RETURNS text[]
    LANGUAGE sql STABLE AS $$
    WITH RECURSIVE up (code, parent_code) AS (
        SELECT code, parent_code FROM admin_areas WHERE code = area
        UNION ALL
        SELECT a.code, a.parent_code FROM admin_areas a JOIN up ON a.code = up.parent_code
    )
    SELECT coalesce(array_agg(code), '{}') FROM up
    $$;
