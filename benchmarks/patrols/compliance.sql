-- Patrol compliance of September 2026 in PostGIS alone: the same validity rules and district-plan frequencies as
-- RiverGis's defaults (PatrolValidityRules, PatrolFrequencyRules), said in SQL — ST_DWithin of the midpoints of track
-- steps to the chief's own segments, speeds over ±30 s windows, jumps and drifted fixes — and the valid patrols
-- counted per calendar window. Writes sql_verdicts (per track) and sql_compliance (per chief).
\set from '''2026-09-01 00:00:00+08'''
\set to '''2026-10-01 00:00:00+08'''
\timing on
SET max_parallel_workers_per_gather = 2;

DROP TABLE IF EXISTS sql_steps, sql_verdicts, sql_compliance, sql_subtree;

-- Every area with the areas under it (a general chief's beat is every segment in the subtree).
CREATE UNLOGGED TABLE sql_subtree AS
WITH RECURSIVE down(top, area) AS (
  SELECT code, code FROM admin_areas
  UNION ALL SELECT d.top, a.code FROM down d JOIN admin_areas a ON a.parent_code = d.area
) SELECT * FROM down;
CREATE INDEX ON sql_subtree (top, area);

-- Steps between consecutive fixes of the month's tracks: geodesic length, seconds, jump flags.
CREATE UNLOGGED TABLE sql_steps AS
WITH fixes AS (
  SELECT t.id, (dp).path[1] AS k, (dp).geom AS g, t.point_offsets_ms[(dp).path[1]] AS ms
  FROM patrol_tracks t, LATERAL ST_DumpPoints(t.geom) dp
  WHERE t.started_at >= :from AND t.started_at < :to
), pairs AS (
  SELECT id, k, g, ms, lead(g) OVER w AS g1, lead(ms) OVER w AS ms1, lead(g, 2) OVER w AS g2, lag(g) OVER w AS g0
  FROM fixes WINDOW w AS (PARTITION BY id ORDER BY k)
), measured AS (
  SELECT id, k, g, g1, ms, ms1, g0, g2, ST_Distance(g::geography, g1::geography) AS d FROM pairs WHERE g1 IS NOT NULL
), jumps AS (
  SELECT *, d > 200 AND (CASE WHEN ms IS NULL THEN d > 1000 ELSE ms1 - ms <= 0 OR d / ((ms1 - ms) / 1000.0) * 3.6 > 150 END) AS jump FROM measured
), spikes AS (
  -- A fix thrown off and straight back (the steps into and out of it are jumps, its neighbours within 200 m): drift, not a jump.
  SELECT *,
    jump AND ((lag(jump) OVER w AND g0 IS NOT NULL AND ST_Distance(g0::geography, g1::geography) <= 200)
           OR (lead(jump) OVER w AND g2 IS NOT NULL AND ST_Distance(g::geography, g2::geography) <= 200)) AS spike
  FROM jumps WINDOW w AS (PARTITION BY id ORDER BY k)
)
SELECT id, k, ms, d, jump, spike, ST_LineInterpolatePoint(ST_MakeLine(g, g1), 0.5) AS mid,
  coalesce(sum(CASE WHEN jump THEN 0 ELSE d END) OVER (PARTITION BY id ORDER BY k ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS walked_before
FROM spikes;

-- Per track: walked length, share along the chief's own segments, share at vehicle speed, jumps → the verdict.
CREATE UNLOGGED TABLE sql_verdicts AS
WITH speeds AS (
  SELECT s.*,
    (max(walked_before) OVER f - min(walked_before) OVER f) / nullif((max(ms) OVER f - min(ms) OVER f) / 1000.0, 0) * 3.6 AS kmh
  FROM sql_steps s WINDOW f AS (PARTITION BY id ORDER BY ms RANGE BETWEEN 30000 PRECEDING AND 30000 FOLLOWING)
), own AS (
  SELECT sp.*, EXISTS (
    SELECT 1 FROM segments seg
    WHERE ST_DWithin(seg.geom, sp.mid, 0.003) AND ST_DWithin(seg.geom::geography, sp.mid::geography, 200)
      AND (seg.chief_id = t.chief_id OR c.role = 'general' AND seg.area_code IN (SELECT area FROM sql_subtree WHERE top = c.area_code))
  ) AS near
  FROM speeds sp JOIN patrol_tracks t ON t.id = sp.id JOIN chiefs c ON c.id = t.chief_id
  WHERE NOT sp.jump
), sums AS (
  SELECT id, sum(d) AS walked, coalesce(sum(d) FILTER (WHERE near), 0) AS along, coalesce(sum(d) FILTER (WHERE kmh > 25), 0) AS fast
  FROM own GROUP BY id
), jumps AS (
  SELECT id, count(*) FILTER (WHERE jump AND NOT spike) AS jumps FROM sql_steps GROUP BY id
), tracks AS (
  SELECT t.id, t.chief_id, t.started_at, t.ended_at, t.point_offsets_ms IS NOT NULL AS timed,
    coalesce(s.walked, 0) AS walked, coalesce(s.along, 0) AS along, coalesce(s.fast, 0) AS fast, coalesce(j.jumps, 0) AS jumps
  FROM patrol_tracks t LEFT JOIN sums s ON s.id = t.id LEFT JOIN jumps j ON j.id = t.id
  WHERE t.started_at >= :from AND t.started_at < :to
)
SELECT id, chief_id, started_at,
  extract(epoch FROM ended_at - started_at) >= 15 * 60
  AND walked >= 1000
  AND walked > 0 AND along / walked >= 0.5
  AND (CASE WHEN timed THEN fast / nullif(walked, 0) <= 0.3 ELSE walked / nullif(extract(epoch FROM ended_at - started_at), 0) * 3.6 <= 25 END)
  AND jumps = 0 AS valid
FROM tracks;

-- Per judged chief (every general chief, every river chief holding a segment): the shipped frequency rules over
-- September's calendar windows — Q3 for quarterly rules (it ends with September), 2026 for yearly ones (not over: pending),
-- the month, its three 旬, and the ISO weeks wholly inside it (7–13, 14–20, 21–27 Sep).
CREATE UNLOGGED TABLE sql_compliance AS
WITH judged AS (
  SELECT c.id, c.role, a.level FROM chiefs c JOIN admin_areas a ON a.code = c.area_code
  WHERE c.role = 'general' OR EXISTS (SELECT 1 FROM segments s WHERE s.chief_id = c.id)
), valid AS (
  SELECT chief_id, (started_at AT TIME ZONE 'Asia/Shanghai')::date AS day FROM sql_verdicts WHERE valid
), counts AS (
  SELECT j.id, j.role, j.level,
    count(v.day) AS month,
    count(v.day) FILTER (WHERE extract(day FROM v.day) <= 10) AS x1,
    count(v.day) FILTER (WHERE extract(day FROM v.day) BETWEEN 11 AND 20) AS x2,
    count(v.day) FILTER (WHERE extract(day FROM v.day) >= 21) AS x3,
    count(v.day) FILTER (WHERE v.day BETWEEN '2026-09-07' AND '2026-09-13') AS w1,
    count(v.day) FILTER (WHERE v.day BETWEEN '2026-09-14' AND '2026-09-20') AS w2,
    count(v.day) FILTER (WHERE v.day BETWEEN '2026-09-21' AND '2026-09-27') AS w3
  FROM judged j LEFT JOIN valid v ON v.chief_id = j.id
  GROUP BY j.id, j.role, j.level
)
SELECT id AS chief_id, month AS valid_patrols,
  CASE
    WHEN role = 'general' OR level = 'city' THEN month >= 1          -- a quarter (Q3's patrols are all in September here)
    WHEN level = 'province' THEN month >= 2                           -- two a year (pending until then)
    WHEN level = 'county' THEN month >= 1
    WHEN level = 'township' THEN month >= 4 AND x1 >= 1 AND x2 >= 1 AND x3 >= 1
    ELSE w1 >= 1 AND w2 >= 1 AND w3 >= 1                              -- village: weekly
  END AS compliant
FROM counts;

SELECT count(*) AS tracks, count(*) FILTER (WHERE valid) AS valid FROM sql_verdicts;
SELECT count(*) AS chiefs, count(*) FILTER (WHERE compliant) AS compliant FROM sql_compliance;
\copy (SELECT chief_id, valid_patrols, compliant FROM sql_compliance ORDER BY chief_id) TO 'sql_compliance.tsv'
