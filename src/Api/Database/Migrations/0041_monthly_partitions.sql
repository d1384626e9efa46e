-- RiverGis schema 0041: patrol tracks and issue events in monthly partitions (declarative partitioning), sized for
-- millions of patrols a year: a month's queries read one partition, old months can be dropped whole.
-- Months are calendar months in China Standard Time (office periods). Each table keeps a DEFAULT partition so a row of
-- a month without a partition is never refused; ensure_month_partition moves such rows into their month's partition
-- when it creates it (PartitionMaintenance does so at start and periodically for every month found there).

-- The partition key column of `parent` (range-partitioned on one column) and its DEFAULT partition (null when none).
CREATE FUNCTION month_partitioning(parent regclass, OUT key text, OUT default_partition regclass)
    LANGUAGE sql STABLE
    AS $$
    SELECT (SELECT a.attname FROM pg_partitioned_table p JOIN pg_attribute a ON a.attrelid = p.partrelid AND a.attnum = p.partattrs[0]
            WHERE p.partrelid = parent),
           (SELECT i.inhrelid::regclass FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
            WHERE i.inhparent = parent AND pg_get_expr(c.relpartbound, c.oid) = 'DEFAULT')
    $$;

-- The month partition of `parent` holding instant `at`, created (and attached) when missing; rows of that month waiting
-- in the DEFAULT partition move into it. Generic over every table partitioned by range on one timestamptz column.
CREATE FUNCTION ensure_month_partition(parent regclass, at timestamptz) RETURNS text
    LANGUAGE plpgsql
    AS $$
DECLARE
    month_start timestamp := date_trunc('month', at AT TIME ZONE 'Asia/Shanghai');
    lo timestamptz := month_start AT TIME ZONE 'Asia/Shanghai';
    hi timestamptz := (month_start + interval '1 month') AT TIME ZONE 'Asia/Shanghai';
    child text := format('%s_%s', (SELECT relname FROM pg_class WHERE oid = parent), to_char(month_start, 'YYYYMM'));
    key text;
    default_partition regclass;
BEGIN
    IF to_regclass(quote_ident(child)) IS NOT NULL THEN RETURN child; END IF;
    -- Several instances may maintain at once: one creates, the others find it.
    PERFORM pg_advisory_xact_lock(hashtext('rivergis.ensure_month_partition'));
    IF to_regclass(quote_ident(child)) IS NOT NULL THEN RETURN child; END IF;
    SELECT m.key, m.default_partition INTO key, default_partition FROM month_partitioning(parent) m;
    BEGIN
        EXECUTE format('CREATE TABLE %I (LIKE %s INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', child, parent);
    EXCEPTION WHEN duplicate_table THEN
        RETURN child; -- made meanwhile by another session (the catalog check above may not have seen it yet)
    END;
    IF default_partition IS NOT NULL THEN
        EXECUTE format('WITH moved AS (DELETE FROM %s WHERE %I >= $1 AND %I < $2 RETURNING *) INSERT INTO %I SELECT * FROM moved',
            default_partition, key, key, child) USING lo, hi;
    END IF;
    EXECUTE format('ALTER TABLE %s ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)', parent, child, lo, hi);
    RETURN child;
END $$;

-- Drops the month partitions of `parent` whose month ended at or before `before` (retention); returns their names.
CREATE FUNCTION drop_month_partitions_before(parent regclass, before timestamptz) RETURNS SETOF text
    LANGUAGE plpgsql
    AS $$
DECLARE
    child record;
BEGIN
    FOR child IN
        SELECT c.relname, to_timestamp(substring(c.relname FROM '_(\d{6})$'), 'YYYYMM')::timestamp AS month_start
        FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = parent AND c.relname ~ '_\d{6}$'
    LOOP
        IF ((child.month_start + interval '1 month') AT TIME ZONE 'Asia/Shanghai') <= before THEN
            EXECUTE format('DROP TABLE %I', child.relname);
            RETURN NEXT child.relname;
        END IF;
    END LOOP;
END $$;

-- The months that have rows waiting in the DEFAULT partition of `parent` (month starts, China Standard Time).
CREATE FUNCTION months_in_default_partition(parent regclass) RETURNS SETOF timestamptz
    LANGUAGE plpgsql
    AS $$
DECLARE
    key text;
    default_partition regclass;
BEGIN
    SELECT m.key, m.default_partition INTO key, default_partition FROM month_partitioning(parent) m;
    IF default_partition IS NULL THEN RETURN; END IF;
    RETURN QUERY EXECUTE format(
        'SELECT DISTINCT date_trunc(''month'', %I AT TIME ZONE ''Asia/Shanghai'') AT TIME ZONE ''Asia/Shanghai'' FROM %s', key, default_partition);
END $$;

-- patrol_tracks, partitioned by started_at (a patrol belongs to the month it started in).
ALTER TABLE patrol_tracks RENAME TO patrol_tracks_unpartitioned;
ALTER TABLE patrol_tracks_unpartitioned RENAME CONSTRAINT patrol_tracks_pkey TO patrol_tracks_unpartitioned_pkey;
ALTER TABLE patrol_tracks_unpartitioned RENAME CONSTRAINT patrol_tracks_chief_id_started_at_key TO patrol_tracks_unpartitioned_key;
ALTER INDEX patrol_tracks_geom RENAME TO patrol_tracks_unpartitioned_geom;

CREATE TABLE patrol_tracks (
    id           bigint NOT NULL DEFAULT nextval('patrol_tracks_id_seq'),
    dataset_code text NOT NULL REFERENCES datasets (code) ON DELETE CASCADE,
    chief_id     text NOT NULL REFERENCES chiefs (id) DEFERRABLE INITIALLY DEFERRED,
    started_at   timestamptz NOT NULL,
    ended_at     timestamptz NOT NULL,
    length_m     double precision NOT NULL,
    attributes   jsonb NOT NULL DEFAULT '{}',
    geom         geometry(LineString, 4326) NOT NULL CHECK (ST_IsValid(geom)),
    PRIMARY KEY (id, started_at),
    UNIQUE (chief_id, started_at),
    CHECK (ended_at >= started_at)
) PARTITION BY RANGE (started_at);
CREATE INDEX patrol_tracks_geom ON patrol_tracks USING gist (geom);
CREATE TABLE patrol_tracks_default PARTITION OF patrol_tracks DEFAULT;
SELECT ensure_month_partition('patrol_tracks', m)
FROM (SELECT DISTINCT date_trunc('month', started_at AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai' AS m FROM patrol_tracks_unpartitioned) months;
INSERT INTO patrol_tracks SELECT id, dataset_code, chief_id, started_at, ended_at, length_m, attributes, geom FROM patrol_tracks_unpartitioned;
ALTER SEQUENCE patrol_tracks_id_seq OWNED BY patrol_tracks.id;
DROP TABLE patrol_tracks_unpartitioned;

-- issue_events, partitioned by the time of the transition.
ALTER TABLE issue_events RENAME TO issue_events_unpartitioned;
ALTER TABLE issue_events_unpartitioned RENAME CONSTRAINT issue_events_pkey TO issue_events_unpartitioned_pkey;
ALTER INDEX issue_events_issue RENAME TO issue_events_unpartitioned_issue;

CREATE TABLE issue_events (
    id          bigint NOT NULL DEFAULT nextval('issue_events_id_seq'),
    issue_id    bigint NOT NULL REFERENCES issues (id) ON DELETE CASCADE,
    at          timestamptz NOT NULL,
    action      text NOT NULL,
    from_status text,
    to_status   text NOT NULL,
    actor       text NOT NULL,
    note        text,
    chief_id    text,
    PRIMARY KEY (id, at)
) PARTITION BY RANGE (at);
CREATE INDEX issue_events_issue ON issue_events (issue_id, at);
CREATE TABLE issue_events_default PARTITION OF issue_events DEFAULT;
SELECT ensure_month_partition('issue_events', m)
FROM (SELECT DISTINCT date_trunc('month', at AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai' AS m FROM issue_events_unpartitioned) months;
INSERT INTO issue_events SELECT id, issue_id, at, action, from_status, to_status, actor, note, chief_id FROM issue_events_unpartitioned;
ALTER SEQUENCE issue_events_id_seq OWNED BY issue_events.id;
DROP TABLE issue_events_unpartitioned;
