-- RiverGis schema, version 1: the river-chief system of one or more datasets.
-- Geometries are WGS84 lon/lat (SRID 4326), valid per OGC, indexed with GiST.
CREATE EXTENSION IF NOT EXISTS postgis;

CREATE TABLE datasets (
    code        text PRIMARY KEY,
    name        text NOT NULL,
    imported_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE admin_areas (
    code         text PRIMARY KEY,
    dataset_code text NOT NULL REFERENCES datasets (code) ON DELETE CASCADE,
    name         text NOT NULL,
    level        text NOT NULL CHECK (level IN ('province', 'city', 'county', 'township', 'village')),
    parent_code  text REFERENCES admin_areas (code) DEFERRABLE INITIALLY DEFERRED,
    attributes   jsonb NOT NULL DEFAULT '{}',
    geom         geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(geom)),
    CHECK (parent_code IS NULL OR parent_code <> code)
);
CREATE INDEX admin_areas_geom ON admin_areas USING gist (geom);
CREATE INDEX admin_areas_parent ON admin_areas (parent_code);
CREATE INDEX admin_areas_level ON admin_areas (level, code);

CREATE TABLE chiefs (
    id           text PRIMARY KEY,
    dataset_code text NOT NULL REFERENCES datasets (code) ON DELETE CASCADE,
    name         text NOT NULL,
    role         text NOT NULL CHECK (role IN ('general', 'chief')),
    area_code    text NOT NULL REFERENCES admin_areas (code) DEFERRABLE INITIALLY DEFERRED,
    phone        text
);
CREATE INDEX chiefs_area ON chiefs (area_code);

CREATE TABLE rivers (
    code            text PRIMARY KEY,
    dataset_code    text NOT NULL REFERENCES datasets (code) ON DELETE CASCADE,
    name            text NOT NULL,
    level           text NOT NULL CHECK (level IN ('province', 'city', 'county', 'township', 'village')),
    downstream_code text REFERENCES rivers (code) DEFERRABLE INITIALLY DEFERRED,
    length_m        double precision NOT NULL,
    attributes      jsonb NOT NULL DEFAULT '{}',
    geom            geometry(Geometry, 4326) NOT NULL
        CHECK (GeometryType(geom) IN ('LINESTRING', 'MULTILINESTRING') AND ST_IsValid(geom) AND ST_IsSimple(geom)),
    CHECK (downstream_code IS NULL OR downstream_code <> code)
);
CREATE INDEX rivers_geom ON rivers USING gist (geom);
CREATE INDEX rivers_level ON rivers (level, code);

CREATE TABLE segments (
    code         text PRIMARY KEY,
    dataset_code text NOT NULL REFERENCES datasets (code) ON DELETE CASCADE,
    river_code   text NOT NULL REFERENCES rivers (code) DEFERRABLE INITIALLY DEFERRED,
    level        text NOT NULL CHECK (level IN ('province', 'city', 'county', 'township', 'village')),
    area_code    text NOT NULL REFERENCES admin_areas (code) DEFERRABLE INITIALLY DEFERRED,
    chief_id     text REFERENCES chiefs (id) DEFERRABLE INITIALLY DEFERRED,
    name         text,
    length_m     double precision NOT NULL,
    attributes   jsonb NOT NULL DEFAULT '{}',
    geom         geometry(Geometry, 4326) NOT NULL
        CHECK (GeometryType(geom) IN ('LINESTRING', 'MULTILINESTRING') AND ST_IsValid(geom) AND ST_IsSimple(geom))
);
CREATE INDEX segments_geom ON segments USING gist (geom);
CREATE INDEX segments_river ON segments (river_code, level);
CREATE INDEX segments_area ON segments (area_code);
CREATE INDEX segments_chief ON segments (chief_id);
CREATE INDEX segments_level ON segments (level, code);

CREATE TABLE outlets (
    code         text PRIMARY KEY,
    dataset_code text NOT NULL REFERENCES datasets (code) ON DELETE CASCADE,
    name         text NOT NULL,
    kind         text NOT NULL CHECK (kind IN ('industrial', 'municipal', 'agricultural', 'aquaculture', 'other')),
    scale        text NOT NULL CHECK (scale IN ('above', 'below')),
    permit       text NOT NULL CHECK (permit IN ('approved', 'pending', 'none')),
    river_code   text REFERENCES rivers (code) DEFERRABLE INITIALLY DEFERRED,
    attributes   jsonb NOT NULL DEFAULT '{}',
    geom         geometry(Point, 4326) NOT NULL
);
CREATE INDEX outlets_geom ON outlets USING gist (geom);
CREATE INDEX outlets_river ON outlets (river_code);

CREATE TABLE patrol_tracks (
    id           bigserial PRIMARY KEY,
    dataset_code text NOT NULL REFERENCES datasets (code) ON DELETE CASCADE,
    chief_id     text NOT NULL REFERENCES chiefs (id) DEFERRABLE INITIALLY DEFERRED,
    started_at   timestamptz NOT NULL,
    ended_at     timestamptz NOT NULL,
    length_m     double precision NOT NULL,
    attributes   jsonb NOT NULL DEFAULT '{}',
    geom         geometry(LineString, 4326) NOT NULL CHECK (ST_IsValid(geom)),
    UNIQUE (chief_id, started_at),
    CHECK (ended_at >= started_at)
);
CREATE INDEX patrol_tracks_geom ON patrol_tracks USING gist (geom);

-- Bumped on every change of the river-chief data, so in-memory indexes and cached counts know when to rebuild.
CREATE TABLE data_version (
    id      boolean PRIMARY KEY DEFAULT true CHECK (id),
    version bigint NOT NULL
);
INSERT INTO data_version (version) VALUES (1);
