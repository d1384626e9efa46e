-- 40-minute walks for the intake benchmark: 200 river chiefs of the area :root and the areas under it (the benchmark's
-- office files for them), about 2.8 km along their first segment (there and back where it is shorter), a position every
-- 11.7 m (1.17 m/s, one fix per 10 s: 240 fixes). One line per chief: chief_id <TAB> lon lat,lon lat,…
WITH RECURSIVE subtree AS (
  SELECT code FROM admin_areas WHERE code = :'root'
  UNION ALL SELECT a.code FROM admin_areas a JOIN subtree t ON a.parent_code = t.code
), holders AS (
  SELECT DISTINCT ON (s.chief_id) s.chief_id, ST_GeometryN(s.geom, 1) AS g
  FROM segments s JOIN chiefs c ON c.id = s.chief_id
  WHERE c.area_code IN (SELECT code FROM subtree) AND ST_Length(s.geom::geography) > 300
  ORDER BY s.chief_id, s.code
), picked AS (
  SELECT * FROM holders ORDER BY md5(chief_id) LIMIT 200
), line AS (
  SELECT chief_id, ST_Segmentize(ST_LineSubstring(g, 0, least(1, 1400 / ST_Length(g::geography)))::geography, 11.7)::geometry AS g FROM picked
), there_and_back AS (
  SELECT chief_id, ST_MakeLine(g, ST_Reverse(g)) AS g FROM line
)
SELECT chief_id || E'\t' || string_agg(round(ST_X(geom)::numeric, 7) || ' ' || round(ST_Y(geom)::numeric, 7), ',' ORDER BY path)
FROM (SELECT chief_id, (dp).path[1] AS path, (dp).geom FROM there_and_back, ST_DumpPoints(g) dp) p
GROUP BY chief_id;
