-- pgbench: PostGIS's own GeoJSON aggregation of a bbox page of segments (same joins and properties as the /features
-- segments collection, a random 0.2° box of bench_boxes like the wrk script asks, first :lim features by code).
\set k random(1, :nboxes)
SELECT json_agg(ST_AsGeoJSON(p.*, 'geom', 6)::json) FROM (
  SELECT t.code, t.name, t.river_code, r.name AS river_name, t.level, t.area_code, a.name AS area_name, t.chief_id,
         c.name AS chief_name, c.phone AS chief_phone, (t.chief_id IS NULL) AS vacant, t.dataset_code,
         round(t.length_m::numeric, 1) AS length_m, t.geom
  FROM bench_boxes b, segments t JOIN rivers r ON r.code = t.river_code JOIN admin_areas a ON a.code = t.area_code
       LEFT JOIN chiefs c ON c.id = t.chief_id
  WHERE b.id = :k AND t.geom && b.geom AND ST_Intersects(t.geom, b.geom) ORDER BY t.code LIMIT :lim) p;
