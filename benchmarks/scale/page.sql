-- pgbench: PostGIS's own GeoJSON aggregation of the same 1000-segment page (same joins and properties as the
-- /features segments collection, keyset position chosen at random from bench_keys like the wrk script does).
\set k random(1, :nkeys)
SELECT json_agg(ST_AsGeoJSON(p.*, 'geom', 7)::json) FROM (
  SELECT t.code, t.name, t.river_code, r.name AS river_name, t.level, t.area_code, a.name AS area_name, t.chief_id,
         c.name AS chief_name, c.phone AS chief_phone, (t.chief_id IS NULL) AS vacant, t.dataset_code,
         round(t.length_m::numeric, 1) AS length_m, t.geom
  FROM segments t JOIN rivers r ON r.code = t.river_code JOIN admin_areas a ON a.code = t.area_code
       LEFT JOIN chiefs c ON c.id = t.chief_id
  WHERE t.code > (SELECT k.code FROM bench_keys k WHERE k.id = :k) ORDER BY t.code LIMIT 1000) p;
