-- Patrols (巡河) as a live capability (issue 12). Tracks submitted by phones or files join the imported ones in
-- patrol_tracks (partitioned by month of started_at, migration 0041; the columns and constraints added here reach every
-- partition): dataset_code NULL marks a submitted patrol (re-imports leave it alone). Every fix keeps its time as
-- milliseconds after started_at. The one unique key a submission relies on, (chief_id, started_at), holds the partition
-- key; nothing references patrol_tracks by foreign key (photos and issues name a patrol by id). Idempotency-Keys of
-- submissions are kept with every other write's in idempotency_keys (scope 'patrols', migration 0040).
ALTER TABLE patrol_tracks ALTER COLUMN dataset_code DROP NOT NULL;
ALTER TABLE patrol_tracks
    ADD COLUMN point_offsets_ms integer[],
    ADD COLUMN source           text NOT NULL DEFAULT 'dataset' CHECK (source IN ('dataset', 'upload')),
    ADD COLUMN findings         text,
    ADD COLUMN photo_urls       text[] NOT NULL DEFAULT '{}',
    ADD COLUMN submitted_by     text,
    ADD COLUMN submitted_at     timestamptz,
    ADD COLUMN track_hash       text,
    ADD CONSTRAINT patrol_tracks_times_per_fix CHECK (point_offsets_ms IS NULL OR cardinality(point_offsets_ms) = ST_NPoints(geom));
-- A month's compliance and ledger read a month of tracks by start time (per chief or for everyone).
CREATE INDEX patrol_tracks_started ON patrol_tracks (started_at);

-- A problem found during a patrol (巡河发现问题) names the patrol.
ALTER TABLE issues ADD COLUMN patrol_id bigint;
CREATE INDEX issues_patrol ON issues (patrol_id) WHERE patrol_id IS NOT NULL;

-- Photos: the bytes in photo_blobs by content hash (behind IPhotoBlobStore, which an S3-compatible store could replace),
-- what they show in photos. A photo belongs to a patrol or an issue, or to neither until one names its URL.
CREATE TABLE photo_blobs (
    sha256  text PRIMARY KEY,
    content bytea NOT NULL
);
CREATE TABLE photos (
    id           bigserial PRIMARY KEY,
    sha256       text NOT NULL,
    content_type text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png')),
    bytes        integer NOT NULL,
    taken_at     timestamptz,
    lon          double precision,
    lat          double precision,
    chief_id     text,
    uploaded_by  text NOT NULL,
    uploaded_at  timestamptz NOT NULL,
    patrol_id    bigint,
    issue_id     bigint REFERENCES issues (id) ON DELETE SET NULL,
    flags        text[] NOT NULL DEFAULT '{}'
);
CREATE INDEX photos_patrol ON photos (patrol_id) WHERE patrol_id IS NOT NULL;
CREATE INDEX photos_issue ON photos (issue_id) WHERE issue_id IS NOT NULL;
CREATE INDEX photos_sha ON photos (sha256);
