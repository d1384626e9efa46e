-- PostGIS doing the whole-network coverage-gap analysis at one level (psql variable :level), the same rule as
-- CoverageAnalyzer and the integration tests' oracle: for every river managed at the level or above, each stretch
-- inside an area of the level minus the union of the 25 m geography buffers of the level's segments with a chief.
-- Returns the number of gap pieces and their total geodesic length (pieces ≤ 25 m are dropped, as ours does).
WITH cover AS (
  SELECT s.river_code, ST_Union(ST_Buffer(s.geom::geography, 25)::geometry) AS geom
  FROM segments s WHERE s.level = :'level' AND s.chief_id IS NOT NULL GROUP BY s.river_code
), levels(level, rank) AS (
  VALUES ('province', 0), ('city', 1), ('county', 2), ('township', 3), ('village', 4)
), required AS (
  SELECT r.code, a.code AS area_code, ST_Intersection(r.geom, a.geom) AS inside
  FROM rivers r
  JOIN levels rl ON rl.level = r.level
  JOIN levels al ON al.level = :'level' AND rl.rank <= al.rank
  JOIN admin_areas a ON a.level = :'level' AND ST_Intersects(r.geom, a.geom)
), gaps AS (
  SELECT q.code, q.area_code, (ST_Dump(ST_LineMerge(ST_CollectionExtract(
           ST_Difference(q.inside, coalesce(c.geom, 'SRID=4326;POLYGON EMPTY'::geometry)), 2)))).geom AS geom
  FROM required q LEFT JOIN cover c ON c.river_code = q.code
)
SELECT count(*) AS gap_pieces, round(sum(ST_Length(geom::geography))::numeric / 1000, 1) AS gap_km
FROM gaps WHERE ST_Length(geom::geography) > 25;
