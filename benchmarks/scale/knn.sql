-- pgbench: PostGIS's own nearest segment by KNN for a random report position from the same points file as wrk
-- (loaded into bench_points). -D npoints=<count> is passed by the scale script.
\set i random(1, :npoints)
SELECT s.code, s.chief_id FROM segments s ORDER BY s.geom <-> (SELECT p.geom FROM bench_points p WHERE p.id = :i) LIMIT 1;
