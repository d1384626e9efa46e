#!/usr/bin/env bash
# RiverGis vs PostGIS, side by side, same data, same machine, same run (see benchmarks/README.md).
#
#   benchmarks/scale/run.sh [--rivers 20000] [--seed 1] [--duration 20] [--connections 8] [--rounds 2]
#                           [--out benchmarks/results] [--real-data DIR] [--quick] [--bdn] [--keep]
#
#   --quick           --rivers 2000 --duration 5 --rounds 1 (a few minutes)
#   --real-data DIR   also measure the real data in DIR (the shared data folder: us/…, world_rivers_wdbii_segments…);
#                     RIVERGIS_SHARED_DATA may name it instead
#   --bdn             also run the BenchmarkDotNet suite against the loaded database (long)
#   --keep            keep the work folder (data, logs, cluster stopped)
#
# Needs: dotnet, PostgreSQL 15 + PostGIS 3, gdal-bin (ogr2ogr), wrk, pgbench (scripts/setup-test installs them); for the
# feature-page comparison MapServer 8 (cgi-mapserver), spawn-fcgi and nginx, which this script installs with apt-get
# when missing (benchmarks are not CI: scripts/setup and setup-test do not install them).
# Writes <out>/scale-<rivers>-<date>.md (+ .tsv with every raw number). Run as root (the cluster then runs as the
# postgres user, on 127.0.0.1 only) or as a user who may run initdb.
set -euo pipefail

# The whole script is one function, read completely before it runs: editing this file during a run cannot
# change the running one.
main() {

RIVERS=20000 SEED=1 DURATION=20 WARMUP=10 CONNECTIONS=8 ROUNDS=2 OUT="" REAL_DATA="${RIVERGIS_SHARED_DATA:-}" BDN=0 KEEP=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rivers) RIVERS="$2"; shift 2 ;;
    --seed) SEED="$2"; shift 2 ;;
    --duration) DURATION="$2"; shift 2 ;;
    --connections) CONNECTIONS="$2"; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    --real-data) REAL_DATA="$2"; shift 2 ;;
    --quick) RIVERS=2000; DURATION=5; WARMUP=5; ROUNDS=1; shift ;;
    --bdn) BDN=1; shift ;;
    --keep) KEEP=1; shift ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SCALE="$ROOT/benchmarks/scale"
OUT="${OUT:-$ROOT/benchmarks/results}"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
STAMP="$(date -u +%Y%m%d-%H%M)"
REPORT="$OUT/scale-n$RIVERS-$STAMP.md"
RAW="$OUT/scale-n$RIVERS-$STAMP.tsv"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/rivergis-scale.XXXXXX")"
chmod 755 "$WORK"
PGBIN=/usr/lib/postgresql/15/bin
THREADS=$(nproc)
: > "$RAW"

source "$ROOT/benchmarks/common.sh"

SERVE_PID=""
NGINX_PID=""
cleanup() {
  if [[ -n "$SERVE_PID" ]]; then kill "$SERVE_PID" 2>/dev/null || true; wait "$SERVE_PID" 2>/dev/null || true; fi
  if [[ -n "$NGINX_PID" ]]; then kill "$NGINX_PID" 2>/dev/null || true; wait "$NGINX_PID" 2>/dev/null || true; fi
  # spawn-fcgi writes the id of every mapserv process it forked (one a line); a FastCGI mapserv waiting in accept()
  # does not end on SIGTERM, hence SIGKILL.
  if [[ -f "$WORK/ms/fcgi.pid" ]]; then kill -KILL $(cat "$WORK/ms/fcgi.pid") 2>/dev/null || true; fi
  stop_cluster
  if [[ $KEEP -eq 0 ]]; then rm -rf "$WORK"; else log "work folder kept: $WORK"; fi
}
trap cleanup EXIT

# ------------------------------------------------------------------ build
log "building (Release)"
dotnet build "$ROOT/src/Api/RiverGis.Api.csproj" -c Release -v q -nologo >/dev/null
dotnet build "$ROOT/benchmarks/RiverGis.Benchmarks/RiverGis.Benchmarks.csproj" -c Release -v q -nologo >/dev/null
dotnet build "$ROOT/tools/RealDataBuilder/RealDataBuilder.csproj" -c Release -v q -nologo >/dev/null
API=(dotnet "$ROOT/src/Api/bin/Release/net10.0/RiverGis.Api.dll")
BENCH=(dotnet "$ROOT/benchmarks/RiverGis.Benchmarks/bin/Release/net10.0/RiverGis.Benchmarks.dll")
REALBUILD=(dotnet "$ROOT/tools/RealDataBuilder/bin/Release/net10.0/RealDataBuilder.dll")

# ------------------------------------------------------------------ PostGIS cluster (throwaway, loopback only)
start_cluster
psql_db() { local db="$1"; shift; psql -X -q -v ON_ERROR_STOP=1 "$PGCONN dbname=$db" "$@"; }
npgsql() { echo "Host=127.0.0.1;Port=$PGPORT_BENCH;Username=rivergis;Database=$1;Command Timeout=0;Maximum Pool Size=100"; }

# ------------------------------------------------------------------ machine
raw date "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
raw load_start "$(cut -d' ' -f1-3 /proc/loadavg)"
MACHINE="$(uname -srm); $(nproc) cores ($(lscpu | sed -n 's/^Model name:[[:space:]]*//p' | head -1)); $(free -g | awk '/Mem:/ {print $2}') GiB RAM"
VERSIONS="dotnet $(dotnet --version); MapServer $(dpkg-query -W -f='${Version}' cgi-mapserver 2>/dev/null || echo '(installed by the run)'); $(psql_db postgres -At -c 'select version()' | cut -d, -f1); PostGIS $(psql_db postgres -At -c "create extension if not exists postgis; select postgis_lib_version()"); $(ogr2ogr --version | cut -d, -f1); $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2); pgbench $(pgbench --version | awk '{print $3}')"

# ------------------------------------------------------------------ helpers: import, serve, compare
# import_ours NAME FOLDER DB: our `import` verb (validation + binary COPY + upsert, one transaction), timed.
import_ours() {
  local name="$1" folder="$2" db="$3"
  psql_db postgres -c "CREATE DATABASE $db"
  # Migrations first (not timed): what a running service has done before any import.
  RIVERGIS_CONNECTION="$(npgsql "$db")" "${API[@]}" import /nonexistent >/dev/null 2>&1 || true
  log "$name: our import"
  local start; start=$(now)
  RIVERGIS_CONNECTION="$(npgsql "$db")" "${API[@]}" import "$folder" > "$WORK/$name-import.log" 2>&1
  raw "${name}_import_ours_s" "$(elapsed "$start")" s
  psql_db "$db" -c "ANALYZE"
}

# import_ogr NAME FOLDER DB: ogr2ogr of the same GeoJSON/CSV files, plain (its own tables, GiST index, COPY) and into
# tables with our schema's constraints (ogr2ogr into unlogged, unindexed staging tables + INSERT … SELECT), timed.
OGR_FLAGS=(--config PG_USE_COPY YES -f PostgreSQL -lco GEOMETRY_NAME=geom)
import_ogr() {
  local name="$1" folder="$2" db="$3" f start total
  psql_db postgres -c "CREATE DATABASE $db" -c "CREATE DATABASE ${db}_c"
  psql_db "$db" -c "CREATE EXTENSION postgis"
  log "$name: ogr2ogr (plain)"
  start=$(now)
  for f in admin_areas rivers segments outlets patrol_tracks; do
    [[ -s "$folder/$f.geojson" ]] || continue
    ogr2ogr "${OGR_FLAGS[@]}" -lco SPATIAL_INDEX=GIST "PG:$PGCONN dbname=$db" "$folder/$f.geojson" -nln "ogr_$f" 2>>"$WORK/$name-ogr.log"
  done
  [[ -s "$folder/chiefs.csv" ]] && ogr2ogr --config PG_USE_COPY YES -f PostgreSQL "PG:$PGCONN dbname=$db" "$folder/chiefs.csv" -nln ogr_chiefs 2>>"$WORK/$name-ogr.log"
  raw "${name}_import_ogr2ogr_s" "$(elapsed "$start")" s

  log "$name: ogr2ogr into our constrained schema"
  psql_db "${db}_c" -f "$ROOT/src/Api/Database/Migrations/0001_schema.sql" >/dev/null
  start=$(now)
  local tables=()
  for f in admin_areas rivers segments outlets patrol_tracks; do
    [[ -s "$folder/$f.geojson" ]] || continue
    ogr2ogr "${OGR_FLAGS[@]}" -lco SPATIAL_INDEX=NONE -lco UNLOGGED=ON "PG:$PGCONN dbname=${db}_c" "$folder/$f.geojson" -nln "ogr_$f" 2>>"$WORK/$name-ogr.log"
    psql_db "${db}_c" -At -c "SELECT 1 FROM ogr_$f LIMIT 1" | grep -q 1 && tables+=("$f")
  done
  if [[ -s "$folder/chiefs.csv" ]] && [[ $(wc -l < "$folder/chiefs.csv") -gt 1 ]]; then
    ogr2ogr --config PG_USE_COPY YES -f PostgreSQL -lco UNLOGGED=ON "PG:$PGCONN dbname=${db}_c" "$folder/chiefs.csv" -nln ogr_chiefs 2>>"$WORK/$name-ogr.log"
    tables+=(chiefs)
  fi
  # Optional properties absent from every feature are absent from ogr2ogr's table: select NULL for them.
  col() { if psql_db "${db}_c" -At -c "SELECT 1 FROM information_schema.columns WHERE table_name = 'ogr_$1' AND column_name = '$2'" | grep -q 1; then echo "$2::text"; else echo "NULL::text"; fi; }
  {
    echo "BEGIN; SET CONSTRAINTS ALL DEFERRED; INSERT INTO datasets (code, name) VALUES ('ogr', 'ogr2ogr');"
    for f in "${tables[@]}"; do
      case "$f" in
        admin_areas) echo "INSERT INTO admin_areas (code, dataset_code, name, level, parent_code, geom) SELECT code, 'ogr', name, level, $(col admin_areas parent_code), ST_Multi(geom) FROM ogr_admin_areas o;" ;;
        chiefs) echo "INSERT INTO chiefs (id, dataset_code, name, role, area_code, phone) SELECT id, 'ogr', name, role, area_code, nullif($(col chiefs phone), '') FROM ogr_chiefs o;" ;;
        rivers) echo "INSERT INTO rivers (code, dataset_code, name, level, downstream_code, length_m, geom) SELECT code, 'ogr', name, level, $(col rivers downstream_code), ST_Length(geom::geography), geom FROM ogr_rivers o;" ;;
        segments) echo "INSERT INTO segments (code, dataset_code, river_code, level, area_code, chief_id, name, length_m, geom) SELECT code, 'ogr', river_code, level, area_code, $(col segments chief_id), $(col segments name), ST_Length(geom::geography), geom FROM ogr_segments o;" ;;
        outlets) echo "INSERT INTO outlets (code, dataset_code, name, kind, scale, permit, river_code, geom) SELECT code, 'ogr', name, kind, scale, permit, $(col outlets river_code), geom FROM ogr_outlets o;" ;;
        patrol_tracks) echo "INSERT INTO patrol_tracks (dataset_code, chief_id, started_at, ended_at, length_m, geom) SELECT 'ogr', chief_id, started_at::timestamptz, ended_at::timestamptz, ST_Length(geom::geography), geom FROM ogr_patrol_tracks;" ;;
      esac
    done
    echo "COMMIT;"
  } > "$WORK/$name-ogr-constrained.sql"
  if psql_db "${db}_c" -f "$WORK/$name-ogr-constrained.sql" >/dev/null 2>>"$WORK/$name-ogr.log"; then
    raw "${name}_import_ogr2ogr_constrained_s" "$(elapsed "$start")" s
  else
    log "$name: ogr2ogr into the constrained schema failed (see $name-ogr.log)"
  fi
  psql_db postgres -c "DROP DATABASE ${db}_c"
}

# serve DB: starts our service on the database (no sample load) and waits until the in-memory snapshot is built.
serve() {
  local db="$1" port; port=$(free_port)
  [[ -n "$SERVE_PID" ]] && { kill "$SERVE_PID"; wait "$SERVE_PID" 2>/dev/null || true; SERVE_PID=""; }
  RIVERGIS_CONNECTION="$(npgsql "$db")" RiverGis__LoadSampleWhenEmpty=false Logging__LogLevel__Default=Warning \
    "${API[@]}" serve --urls "http://127.0.0.1:$port" --contentRoot "$ROOT/src/Api" > "$WORK/serve-$db.log" 2>&1 &
  SERVE_PID=$!
  BASE="http://127.0.0.1:$port"
  local start; start=$(now)
  until curl -sf "$BASE/health" >/dev/null; do sleep 0.5; kill -0 "$SERVE_PID" || { cat "$WORK/serve-$db.log" >&2; exit 1; }; done
  # The first routing call waits for the snapshot (RiverSystem + routing index + network) that warm-up started.
  curl -s -o /dev/null "$BASE/api/responsible?lon=0&lat=0" || true
  SNAPSHOT_S="$(elapsed "$start")"
  # A token for what only offices and administrators call (the demarcation check): the benchmark's own administrator.
  local password; password="bench-$(date +%s%N)"
  echo "$password" | RIVERGIS_CONNECTION="$(npgsql "$db")" "${API[@]}" users add --username "bench-$$-$port" --role admin >/dev/null
  TOKEN=$(curl -sf -d "grant_type=password&username=bench-$$-$port&password=$password" "$BASE/api/auth/token" \
    | python3 -c "import json,sys; print(json.load(sys.stdin)['access_token'])")
}

# routing NAME DB: wrk on /api/responsible vs pgbench KNN, ROUNDS alternating rounds.
routing() {
  local name="$1" db="$2" r out
  "${BENCH[@]}" points --dataset "$3" --count 10000 --out "$WORK/$name-points.tsv" 2>/dev/null
  psql_db "$db" -c "DROP TABLE IF EXISTS bench_points; CREATE TABLE bench_points (id serial PRIMARY KEY, lon float8, lat float8, geom geometry(Point, 4326));" \
    -c "\\copy bench_points (lon, lat) FROM '$WORK/$name-points.tsv'" \
    -c "UPDATE bench_points SET geom = ST_SetSRID(ST_MakePoint(lon, lat), 4326); ANALYZE bench_points;"
  # Warm-up for both sides, not measured: .NET's tiered JIT needs several seconds of load before the hot path runs
  # optimised code (a 3 s warm-up measured a third of the steady throughput); PostgreSQL fills its buffers.
  POINTS="$WORK/$name-points.tsv" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP"s -s "$SCALE/responsible.lua" "$BASE" >/dev/null
  pgbench -n -c "$CONNECTIONS" -j "$THREADS" -T "$WARMUP" -M prepared -D npoints=10000 -f "$SCALE/knn.sql" "$PGCONN dbname=$db" >/dev/null 2>&1
  for ((r = 1; r <= ROUNDS; r++)); do
    raw "${name}_load_before_routing_$r" "$(load1)"
    out=$(POINTS="$WORK/$name-points.tsv" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$SCALE/responsible.lua" "$BASE")
    echo "$out" > "$WORK/$name-wrk-routing-$r.txt"
    raw "${name}_routing_ours_rps_$r" "$(sed -n 's/^WRK_RPS //p' <<<"$out")" req/s
    raw "${name}_routing_ours_non2xx_$r" "$(sed -n 's/^WRK_NON2XX //p' <<<"$out")"
    raw "${name}_routing_ours_p99_ms_$r" "$(sed -n 's/^WRK_P99_MS //p' <<<"$out")" ms
    out=$(pgbench -n -c "$CONNECTIONS" -j "$THREADS" -T "$DURATION" -M prepared -D npoints=10000 -f "$SCALE/knn.sql" "$PGCONN dbname=$db" 2>&1)
    echo "$out" > "$WORK/$name-pgbench-knn-$r.txt"
    raw "${name}_routing_knn_tps_$r" "$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' <<<"$out")" tx/s
    raw "${name}_routing_knn_latency_ms_$r" "$(sed -n 's/^latency average = \([0-9.]*\).*/\1/p' <<<"$out")" ms
  done
}

# pages NAME DB: wrk on 1000-feature pages vs pgbench json_agg of the same pages.
pages() {
  local name="$1" db="$2" r out n
  psql_db "$db" -c "DROP TABLE IF EXISTS bench_keys; CREATE TABLE bench_keys AS SELECT row_number() OVER (ORDER BY code)::int AS id, code FROM segments ORDER BY code; ALTER TABLE bench_keys ADD PRIMARY KEY (id);"
  n=$(psql_db "$db" -At -c "SELECT greatest(1, count(*) - 1000) FROM bench_keys")
  psql_db "$db" -At -c "SELECT code FROM bench_keys WHERE id <= $n ORDER BY id" > "$WORK/$name-keys.txt"
  raw "${name}_page_bytes_ours" "$(curl -s "$BASE/features/collections/segments/items?limit=1000&cursor=$(head -1 "$WORK/$name-keys.txt")" | wc -c)" B
  { echo "SELECT octet_length(x::text) FROM ("; sed -e '/^\\set/d' -e '/^--/d' -e 's/;$//' "$SCALE/page.sql"; echo ") s(x);"; } > "$WORK/page-bytes.sql"
  raw "${name}_page_bytes_postgis" "$(psql_db "$db" -At -v k=1 -f "$WORK/page-bytes.sql")" B
  KEYS="$WORK/$name-keys.txt" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP"s -s "$SCALE/pages.lua" "$BASE" >/dev/null
  pgbench -n -c "$CONNECTIONS" -j "$THREADS" -T "$WARMUP" -M prepared -D nkeys="$n" -f "$SCALE/page.sql" "$PGCONN dbname=$db" >/dev/null 2>&1
  for ((r = 1; r <= ROUNDS; r++)); do
    raw "${name}_load_before_pages_$r" "$(load1)"
    out=$(KEYS="$WORK/$name-keys.txt" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency --timeout 30s -s "$SCALE/pages.lua" "$BASE")
    echo "$out" > "$WORK/$name-wrk-pages-$r.txt"
    raw "${name}_pages_ours_rps_$r" "$(sed -n 's/^WRK_RPS //p' <<<"$out")" pages/s
    raw "${name}_pages_ours_p99_ms_$r" "$(sed -n 's/^WRK_P99_MS //p' <<<"$out")" ms
    out=$(pgbench -n -c "$CONNECTIONS" -j "$THREADS" -T "$DURATION" -M prepared -D nkeys="$n" -f "$SCALE/page.sql" "$PGCONN dbname=$db" 2>&1)
    echo "$out" > "$WORK/$name-pgbench-page-$r.txt"
    raw "${name}_pages_postgis_tps_$r" "$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' <<<"$out")" pages/s
  done
}

# mapserver DB: MapServer 8's OGC API Features over the same PostGIS tables — the segments layer with the same joins
# and properties as our collection — as FastCGI (spawn-fcgi, 8 mapserv processes) behind nginx; sets MS_BASE.
# Installs cgi-mapserver, spawn-fcgi and nginx with apt-get when missing (services are not started by the packages).
mapserver() {
  local db="$1" port; port=$(free_port)
  if [[ ! -x /usr/lib/cgi-bin/mapserv ]] || ! command -v spawn-fcgi >/dev/null || ! command -v nginx >/dev/null; then
    log "installing MapServer (cgi-mapserver), spawn-fcgi and nginx"
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends cgi-mapserver mapserver-bin spawn-fcgi nginx >"$WORK/apt.log" 2>&1 \
      || { apt-get update >>"$WORK/apt.log" 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends cgi-mapserver mapserver-bin spawn-fcgi nginx >>"$WORK/apt.log" 2>&1; }
  fi
  local ms="$WORK/ms"
  mkdir -p "$ms/tmp"
  printf 'CONFIG\n  ENV\n    MS_MAP_PATTERN "."\n  END\n  MAPS\n    rivergis "%s/rivergis.map"\n  END\nEND\n' "$ms" > "$ms/mapserver.conf"
  cat > "$ms/rivergis.map" <<MAPFILE
MAP
  NAME "rivergis"
  EXTENT -180 -90 180 90
  PROJECTION "init=epsg:4326" END
  WEB
    METADATA
      "ows_title" "RiverGis segments"
      "ows_srs" "EPSG:4326"
      "oga_enable_request" "*"
      "oga_onlineresource" "http://127.0.0.1:$port/mapserv/rivergis/ogcapi"
      "oga_max_limit" "10000"
    END
  END
  LAYER
    NAME "segments"
    TYPE LINE
    STATUS ON
    TEMPLATE "void"
    # Each FastCGI process keeps its PostgreSQL connection (MapServer's own pooling; a new connection per request
    # would be the bigger cost).
    PROCESSING "CLOSE_CONNECTION=DEFER"
    CONNECTIONTYPE POSTGIS
    CONNECTION "$PGCONN dbname=$db"
    DATA "geom FROM (SELECT t.code, t.name, t.river_code, r.name AS river_name, t.level, t.area_code, a.name AS area_name, t.chief_id, c.name AS chief_name, c.phone AS chief_phone, (t.chief_id IS NULL) AS vacant, t.dataset_code, round(t.length_m::numeric, 1) AS length_m, t.geom FROM segments t JOIN rivers r ON r.code = t.river_code JOIN admin_areas a ON a.code = t.area_code LEFT JOIN chiefs c ON c.id = t.chief_id) AS s USING UNIQUE code USING SRID=4326"
    PROJECTION "init=epsg:4326" END
    METADATA
      "ows_title" "segments"
      "gml_include_items" "all"
      "gml_featureid" "code"
      "gml_types" "auto"
    END
  END
END
MAPFILE
  cat > "$ms/nginx.conf" <<NGINX
daemon off;
worker_processes $THREADS;
pid $ms/nginx.pid;
error_log $ms/nginx-error.log warn;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path $ms/tmp; fastcgi_temp_path $ms/tmp; proxy_temp_path $ms/tmp; uwsgi_temp_path $ms/tmp; scgi_temp_path $ms/tmp;
  server {
    listen 127.0.0.1:$port;
    location /mapserv/ {
      fastcgi_pass unix:$ms/fcgi.sock;
      fastcgi_buffers 64 16k;
      include /etc/nginx/fastcgi_params;
      fastcgi_split_path_info ^(/mapserv)(/.*)\$;
      fastcgi_param SCRIPT_NAME \$fastcgi_script_name;
      fastcgi_param PATH_INFO \$fastcgi_path_info;
      fastcgi_param MAPSERVER_CONFIG_FILE $ms/mapserver.conf;
    }
  }
}
NGINX
  MAPSERVER_CONFIG_FILE="$ms/mapserver.conf" spawn-fcgi -s "$ms/fcgi.sock" -M 0666 -F 8 -P "$ms/fcgi.pid" -- /usr/lib/cgi-bin/mapserv >/dev/null
  nginx -c "$ms/nginx.conf" -p "$ms" >/dev/null 2>&1 &
  NGINX_PID=$!
  MS_BASE="http://127.0.0.1:$port"
  local i
  for i in $(seq 50); do curl -sf -o /dev/null "$MS_BASE/mapserv/rivergis/ogcapi/collections?f=json" && return 0; sleep 0.2; done
  log "MapServer did not answer (see $ms/nginx-error.log)"
  return 1
}

# bbox_pages NAME DB: a panning map client — pages of segments in random 0.2° boxes (bench_boxes, ~200 segments each)
# at limit 1000 (the whole box) and 100 (a full page and a next link): ours (wrk) vs MapServer's OGC API Features
# (wrk) vs PostGIS's own json_agg(ST_AsGeoJSON(…)) of the same joins and properties (pgbench), ROUNDS alternating rounds.
bbox_pages() {
  local name="$1" db="$2" r out lim side
  psql_db "$db" -c "DROP TABLE IF EXISTS bench_boxes" -c "SELECT setseed(0.42)" \
    -c "CREATE TABLE bench_boxes AS WITH e AS (SELECT ST_Extent(geom) AS e FROM segments)
        SELECT g AS id, round((ST_XMin(e) + random() * (ST_XMax(e) - ST_XMin(e) - 0.2))::numeric, 6)::float8 AS x,
               round((ST_YMin(e) + random() * (ST_YMax(e) - ST_YMin(e) - 0.2))::numeric, 6)::float8 AS y FROM e, generate_series(1, 10000) g" \
    -c "ALTER TABLE bench_boxes ADD COLUMN geom geometry(Polygon, 4326)" -c "UPDATE bench_boxes SET geom = ST_MakeEnvelope(x, y, x + 0.2, y + 0.2, 4326)" \
    -c "ALTER TABLE bench_boxes ADD PRIMARY KEY (id)" -c "VACUUM ANALYZE bench_boxes" >/dev/null
  psql_db "$db" -At -c "SELECT x || ',' || y || ',' || (x + 0.2)::numeric(10,6) || ',' || (y + 0.2)::numeric(10,6) FROM bench_boxes ORDER BY id" > "$WORK/$name-boxes.txt"
  raw "${name}_bbox_features_per_box" "$(psql_db "$db" -At -c "SELECT round(avg((SELECT count(*) FROM segments t WHERE t.geom && b.geom AND ST_Intersects(t.geom, b.geom))), 1) FROM bench_boxes b WHERE id <= 200")"
  local box; box=$(head -1 "$WORK/$name-boxes.txt")
  raw "${name}_bbox_page_bytes_ours" "$(curl -s "$BASE/features/collections/segments/items?limit=1000&bbox=$box" | wc -c)" B
  raw "${name}_bbox_page_bytes_mapserver" "$(curl -s "$MS_BASE/mapserv/rivergis/ogcapi/collections/segments/items?f=json&limit=1000&bbox=$box" | wc -c)" B
  for lim in 1000 100; do
    BOXES="$WORK/$name-boxes.txt" PAGE_LIMIT=$lim wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP"s -s "$SCALE/bbox.lua" "$BASE" >/dev/null
    BOXES="$WORK/$name-boxes.txt" PAGE_LIMIT="$lim&f=json" PAGE_PATH=/mapserv/rivergis/ogcapi/collections/segments/items \
      wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP"s -s "$SCALE/bbox.lua" "$MS_BASE" >/dev/null
    pgbench -n -c "$CONNECTIONS" -j "$THREADS" -T "$WARMUP" -M prepared -D nboxes=10000 -D lim=$lim -f "$SCALE/page_bbox.sql" "$PGCONN dbname=$db" >/dev/null 2>&1
    for ((r = 1; r <= ROUNDS; r++)); do
      raw "${name}_load_before_bbox${lim}_$r" "$(load1)"
      for side in ours mapserver; do
        if [[ $side == ours ]]; then
          out=$(BOXES="$WORK/$name-boxes.txt" PAGE_LIMIT=$lim wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency --timeout 30s -s "$SCALE/bbox.lua" "$BASE")
        else
          out=$(BOXES="$WORK/$name-boxes.txt" PAGE_LIMIT="$lim&f=json" PAGE_PATH=/mapserv/rivergis/ogcapi/collections/segments/items \
            wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency --timeout 30s -s "$SCALE/bbox.lua" "$MS_BASE")
        fi
        echo "$out" > "$WORK/$name-wrk-bbox$lim-$side-$r.txt"
        raw "${name}_bbox${lim}_${side}_rps_$r" "$(sed -n 's/^WRK_RPS //p' <<<"$out")" pages/s
        raw "${name}_bbox${lim}_${side}_p50_ms_$r" "$(sed -n 's/^WRK_P50_MS //p' <<<"$out")" ms
        raw "${name}_bbox${lim}_${side}_p99_ms_$r" "$(sed -n 's/^WRK_P99_MS //p' <<<"$out")" ms
        raw "${name}_bbox${lim}_${side}_non2xx_$r" "$(sed -n 's/^WRK_NON2XX //p' <<<"$out")"
      done
      out=$(pgbench -n -c "$CONNECTIONS" -j "$THREADS" -T "$DURATION" -M prepared -D nboxes=10000 -D lim=$lim -f "$SCALE/page_bbox.sql" "$PGCONN dbname=$db" 2>&1)
      echo "$out" > "$WORK/$name-pgbench-bbox$lim-$r.txt"
      raw "${name}_bbox${lim}_jsonagg_tps_$r" "$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' <<<"$out")" pages/s
      raw "${name}_bbox${lim}_jsonagg_latency_ms_$r" "$(sed -n 's/^latency average = \([0-9.]*\).*/\1/p' <<<"$out")" ms
    done
  done
}

# demarcation NAME DB FOLDER: the demarcation check over HTTP on the first K segments of the province's own
# segments.geojson (river-levels-touched): time, the service's resident memory before, at its peak during the request
# (sampled every 50 ms) and 5 s after; and the same in process (helper mode `demarcation`).
demarcation() {
  local name="$1" folder="$3" k start peak rss
  for k in 2000 10000 20000; do
    python3 -c "import json,sys; d=json.load(open(sys.argv[1])); json.dump({'type':'FeatureCollection','features':d['features'][:int(sys.argv[2])]}, open(sys.argv[3],'w'))" \
      "$folder/segments.geojson" "$k" "$WORK/proposal-$k.geojson"
    raw "${name}_demarcation_${k}_rss_before_mb" "$(ps -o rss= -p "$SERVE_PID" | awk '{print $1 / 1024}')" MiB
    rm -f "$WORK/rss-peak"
    ( peak=0; while kill -0 "$SERVE_PID" 2>/dev/null; do rss=$(ps -o rss= -p "$SERVE_PID" | tr -d ' '); if (( rss > peak )); then peak=$rss; echo "$peak" > "$WORK/rss-peak.new" && mv "$WORK/rss-peak.new" "$WORK/rss-peak"; fi; sleep 0.05; done ) &
    local sampler=$!
    start=$(now)
    curl -s -o "$WORK/demarcation-$k.json" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/geo+json' \
      --data-binary "@$WORK/proposal-$k.geojson" \
      "$BASE/api/demarcation/check?replace=river-levels-touched" > "$WORK/demarcation-$k.status"
    raw "${name}_demarcation_${k}_http_s" "$(elapsed "$start")" s
    kill "$sampler" 2>/dev/null; wait "$sampler" 2>/dev/null || true
    raw "${name}_demarcation_${k}_http_status" "$(cat "$WORK/demarcation-$k.status")"
    raw "${name}_demarcation_${k}_rss_peak_mb" "$(awk '{print $1 / 1024}' "$WORK/rss-peak")" MiB
    raw "${name}_demarcation_${k}_problems" "$(python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(len(d.get('problems', [])), d.get('error_count'))" "$WORK/demarcation-$k.json")" "problems errors"
    sleep 5
    raw "${name}_demarcation_${k}_rss_after_mb" "$(ps -o rss= -p "$SERVE_PID" | awk '{print $1 / 1024}')" MiB
  done
}

# coverage NAME DB LEVEL: our endpoint (first request after start, then repeated) vs the PostGIS SQL, timed.
coverage() {
  local name="$1" db="$2" level="$3" start
  raw "${name}_load_before_coverage" "$(load1)"
  # JIT warm-up on one river (its stretches only): a service that has run for a while has compiled the analysis
  # code, while every river's stretches are still uncached after an import — that first request is what is timed.
  local river; river=$(psql_db "$db" -At -c "SELECT code FROM rivers WHERE level IN ('province', 'city', 'county') ORDER BY length_m LIMIT 1")
  curl -sf -o /dev/null "$BASE/api/analysis/coverage-gaps?level=$level&river_code=$river"
  start=$(now)
  curl -sf -o "$WORK/$name-gaps-$level.json" "$BASE/api/analysis/coverage-gaps?level=$level"
  raw "${name}_coverage_${level}_ours_first_s" "$(elapsed "$start")" s
  start=$(now)
  curl -sf -o "$WORK/$name-gaps-$level.json" "$BASE/api/analysis/coverage-gaps?level=$level"
  raw "${name}_coverage_${level}_ours_repeat_s" "$(elapsed "$start")" s
  raw "${name}_coverage_${level}_ours_gaps" "$(python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(len(d['features']), round(sum(f['properties']['length_m'] for f in d['features'])/1000,1))" "$WORK/$name-gaps-$level.json")" "pieces km"
  raw "${name}_coverage_${level}_response_bytes" "$(wc -c < "$WORK/$name-gaps-$level.json")" B
  start=$(now)
  raw "${name}_coverage_${level}_postgis_gaps" "$(psql_db "$db" -At -F' ' -v level="$level" -f "$SCALE/coverage_gaps.sql")" "pieces km"
  raw "${name}_coverage_${level}_postgis_s" "$(elapsed "$start")" s
}

# tiles NAME DB: what a whole-province map costs — every segment as GeoJSON (the /features items) vs the vector tiles
# of /tiles/segments/{z}/{x}/{y}.mvt covering the data, made by the endpoint's own code (benchmark helper `tiles`).
tiles() {
  local name="$1" db="$2"
  raw "${name}_segments_count" "$(psql_db "$db" -At -c "SELECT count(*) FROM segments")"
  "${BENCH[@]}" tiles --connection "$(npgsql "$db")" --layer segments --zooms 6,8,10 2>/dev/null | sed "s/^/${name}_/" >> "$RAW"
  "${BENCH[@]}" tiles --connection "$(npgsql "$db")" --layer rivers --zooms 6,8 2>/dev/null | sed "s/^/${name}_/" >> "$RAW"
}

# ------------------------------------------------------------------ the synthetic province
DATA="$WORK/data/province"
mkdir -p "$WORK/data"
log "generating the synthetic province: $RIVERS rivers, seed $SEED"
start=$(now)
"${API[@]}" generate --rivers "$RIVERS" --seed "$SEED" "$DATA" > "$WORK/generate.log"
raw generate_s "$(elapsed "$start")" s
raw generated "$(sed -n 's/.*: \(.*\); .*/\1/p' "$WORK/generate.log" | head -1)"
raw dataset_mb "$(du -sm "$DATA" | cut -f1)" MiB

raw load_before_import "$(load1)"
import_ours synthetic "$DATA" ours
import_ogr synthetic "$DATA" ogr
psql_db postgres -c "DROP DATABASE ogr"

log "serving the imported province"
serve ours
raw synthetic_serve_ready_s "$SNAPSHOT_S" s
raw synthetic_service_rss_mb "$(ps -o rss= -p "$SERVE_PID" | awk '{print $1 / 1024}')" MiB

log "routing: wrk /api/responsible vs pgbench KNN (${ROUNDS}× ${DURATION}s, $CONNECTIONS connections)"
routing synthetic ours "$DATA"
log "GeoJSON pages: wrk /features segments pages vs pgbench json_agg"
pages synthetic ours
log "GeoJSON bbox pages: ours vs MapServer OGC API Features vs json_agg, limit 1000 and 100"
if mapserver ours; then bbox_pages synthetic ours; fi
log "demarcation check over HTTP: 2000, 10000, 20000 proposed segments"
demarcation synthetic ours "$DATA"
log "coverage gaps (township): our endpoint vs the PostGIS SQL"
coverage synthetic ours township
log "vector tiles vs GeoJSON bytes"
tiles synthetic ours
raw synthetic_service_rss_after_mb "$(ps -o rss= -p "$SERVE_PID" | awk '{print $1 / 1024}')" MiB

log "in-process: memory per segment, whole-network analyses"
"${BENCH[@]}" memory --dataset "$DATA" 2>/dev/null | sed 's/^/synthetic_mem_/' >> "$RAW"
"${BENCH[@]}" analyze --dataset "$DATA" 2>/dev/null | sed 's/^/synthetic_inproc_/' >> "$RAW"
"${BENCH[@]}" demarcation --dataset "$DATA" --features 2000,10000,20000 2>/dev/null | sed 's/^/synthetic_inproc_/' >> "$RAW"

if [[ $BDN -eq 1 ]]; then
  log "BenchmarkDotNet suite (N=$RIVERS)"
  (cd "$ROOT" && RIVERGIS_BENCH_RIVERS="$RIVERS" RIVERGIS_BENCH_SEED="$SEED" RIVERGIS_BENCH_CONNECTION="$(npgsql ours)" \
    "${BENCH[@]}" --filter '*' --artifacts "$WORK/bdn" > "$WORK/bdn.log" 2>&1) || log "BenchmarkDotNet failed, see bdn.log"
  mkdir -p "$OUT/bdn-n$RIVERS-$STAMP" && cp "$WORK"/bdn/results/*.md "$OUT/bdn-n$RIVERS-$STAMP/" 2>/dev/null || true
fi

# ------------------------------------------------------------------ real data
if [[ -n "$REAL_DATA" ]]; then
  log "real data: building dataset folders from $REAL_DATA"
  mkdir -p "$WORK/real"
  "${REALBUILD[@]}" us "$REAL_DATA/us" "$WORK/real/us" > "$WORK/real-us.log" 2>&1
  "${REALBUILD[@]}" wdbii "$REAL_DATA/world_rivers_wdbii_segments.geojson.gz" "$WORK/real/wdbii" > "$WORK/real-wdbii.log" 2>&1
  raw us_built "$(tail -1 "$WORK/real-us.log")"
  raw wdbii_built "$(tail -1 "$WORK/real-wdbii.log")"
  for ds in us wdbii; do
    import_ours "$ds" "$WORK/real/$ds" "ours_$ds"
    import_ogr "$ds" "$WORK/real/$ds" "ogr_$ds"
    psql_db postgres -c "DROP DATABASE ogr_$ds"
    "${BENCH[@]}" analyze --dataset "$WORK/real/$ds" 2>/dev/null | sed "s/^/${ds}_inproc_/" >> "$RAW"
  done
  "${BENCH[@]}" memory --dataset "$WORK/real/us" 2>/dev/null | sed 's/^/us_mem_/' >> "$RAW"
  log "real data: serving the US data"
  serve ours_us
  raw us_serve_ready_s "$SNAPSHOT_S" s
  routing us ours_us "$WORK/real/us"
  coverage us ours_us county
fi
raw load_end "$(cut -d' ' -f1-3 /proc/loadavg)"

# ------------------------------------------------------------------ report
log "writing $REPORT"
python3 "$SCALE/report.py" "$RAW" "$RIVERS" "$SEED" "$DURATION" "$CONNECTIONS" "$ROUNDS" "$MACHINE" "$VERSIONS" > "$REPORT"
log "done: $REPORT"
cat "$REPORT"
}

main "$@"; exit  # on the same line: bash reads no further bytes of this file after main returns, so editing it during a run is safe
