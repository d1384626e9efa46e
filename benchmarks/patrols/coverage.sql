-- Patrol coverage of September 2026 in PostGIS alone: for every segment of a river chief, the length within 200 m of the
-- chief's valid patrols of the month (sql_verdicts, written by compliance.sql), by geography buffers.
\timing on
DROP TABLE IF EXISTS sql_coverage;
CREATE UNLOGGED TABLE sql_coverage AS
SELECT s.code AS segment_code, ST_Length(s.geom::geography) AS length_m,
  coalesce((
    SELECT ST_Length(ST_Intersection(s.geom, ST_Union(ST_Buffer(t.geom::geography, 200)::geometry))::geography)
    FROM sql_verdicts v JOIN patrol_tracks t ON t.id = v.id
    WHERE v.valid AND v.chief_id = s.chief_id
  ), 0) AS patrolled_m
FROM segments s WHERE s.chief_id IS NOT NULL;
SELECT count(*) AS segments, round((sum(patrolled_m) / sum(length_m) * 100)::numeric, 1) AS patrolled_pct FROM sql_coverage;
\copy (SELECT segment_code, round(length_m::numeric, 1), round(patrolled_m::numeric, 1) FROM sql_coverage ORDER BY segment_code) TO 'sql_coverage.tsv'
