#!/usr/bin/env bash
# Patrols (巡河) at province scale, RiverGis vs PostGIS side by side in one run (see benchmarks/README.md, Patrols):
#
#   benchmarks/patrols/run.sh [--rivers 20000] [--seed 1] [--duration 20] [--connections 8] [--out benchmarks/results] [--keep]
#
# generate the province with one month of patrols (September 2026, every chief at a realistic rate) → throwaway
# PostGIS → import → serve → compliance and coverage of the month: our endpoints (first request) vs the same rules in
# PostGIS SQL (compliance.sql, coverage.sql), verdicts compared chief by chief and segment by segment → the service's
# memory → intake: wrk POSTing 40-minute phone tracks (intake.lua). Writes <out>/patrols-n<rivers>-<date>.md and .tsv.
set -euo pipefail

main() {

RIVERS=20000 SEED=1 DURATION=20 CONNECTIONS=8 OUT="" KEEP=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rivers) RIVERS="$2"; shift 2 ;;
    --seed) SEED="$2"; shift 2 ;;
    --duration) DURATION="$2"; shift 2 ;;
    --connections) CONNECTIONS="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    --keep) KEEP=1; shift ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/benchmarks/patrols"
OUT="${OUT:-$ROOT/benchmarks/results}"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
STAMP="$(date -u +%Y%m%d-%H%M)"
REPORT="$OUT/patrols-n$RIVERS-$STAMP.md"
RAW="$OUT/patrols-n$RIVERS-$STAMP.tsv"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/rivergis-patrols.XXXXXX")"
chmod 755 "$WORK"
PGBIN=/usr/lib/postgresql/15/bin
: > "$RAW"

source "$ROOT/benchmarks/common.sh"
rss_kb() { awk '/^VmRSS/ { print $2 }' "/proc/$1/status"; }
hwm_kb() { awk '/^VmHWM/ { print $2 }' "/proc/$1/status"; }

SERVE_PID=""
cleanup() {
  if [[ -n "$SERVE_PID" ]]; then kill "$SERVE_PID" 2>/dev/null || true; wait "$SERVE_PID" 2>/dev/null || true; fi
  stop_cluster
  if [[ $KEEP -eq 0 ]]; then rm -rf "$WORK"; else log "work folder kept: $WORK"; fi
}
trap cleanup EXIT

log "building (Release)"
dotnet build "$ROOT/src/Api/RiverGis.Api.csproj" -c Release -v q -nologo >/dev/null
API=(dotnet "$ROOT/src/Api/bin/Release/net10.0/RiverGis.Api.dll")

start_cluster work_mem=64MB
PGCONN="$PGCONN dbname=patrols"
NPGSQL="Host=127.0.0.1;Port=$PGPORT_BENCH;Username=rivergis;Database=patrols;Command Timeout=0;Maximum Pool Size=100"
psql_db() { psql -X -q -v ON_ERROR_STOP=1 "$PGCONN" "$@"; }
psql -X -q "host=127.0.0.1 port=$PGPORT_BENCH user=rivergis dbname=postgres" -c "CREATE DATABASE patrols"

raw date "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
raw load_start "$(cut -d' ' -f1-3 /proc/loadavg)"
MACHINE="$(uname -srm); $(nproc) cores ($(lscpu | sed -n 's/^Model name:[[:space:]]*//p' | head -1)); $(free -g | awk '/Mem:/ {print $2}') GiB RAM"

log "generating $RIVERS rivers with one month of patrols (September 2026)"
start=$(now)
"${API[@]}" generate --rivers "$RIVERS" --seed "$SEED" --patrol-months 1 "$WORK/province" > "$WORK/generate.log" 2>&1
raw generate_s "$(elapsed "$start")" s
log "importing"
RIVERGIS_CONNECTION="$NPGSQL" "${API[@]}" import /nonexistent >/dev/null 2>&1 || true
start=$(now)
RIVERGIS_CONNECTION="$NPGSQL" "${API[@]}" import "$WORK/province" > "$WORK/import.log" 2>&1
raw import_s "$(elapsed "$start")" s
psql_db -c "ANALYZE"
raw tracks "$(psql_db -At -c "SELECT count(*) FROM patrol_tracks WHERE started_at >= '2026-09-01 00:00+08' AND started_at < '2026-10-01 00:00+08'")"
raw fixes "$(psql_db -At -c "SELECT sum(ST_NPoints(geom)) FROM patrol_tracks")"
raw chiefs "$(psql_db -At -c "SELECT count(*) FROM chiefs")"
# patrol_tracks is partitioned by month (migration 0041): its size is its partitions'.
raw tracks_table_mb "$(psql_db -At -c "SELECT round(sum(pg_total_relation_size(inhrelid)) / 1048576.0, 1) FROM pg_inherits WHERE inhparent = 'patrol_tracks'::regclass")" MiB

log "accounts: an administrator reads the province's compliance and coverage; an office of the largest top area files the tracks"
PASSWORD=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
ROOT_AREA=$(psql_db -At -c "SELECT a.code FROM admin_areas a WHERE a.parent_code IS NULL ORDER BY (SELECT count(*) FROM chiefs c WHERE c.area_code LIKE a.code || '%') DESC, a.code LIMIT 1")
echo "$PASSWORD" | RIVERGIS_CONNECTION="$NPGSQL" "${API[@]}" users add --username bench-admin --role admin >/dev/null
echo "$PASSWORD" | RIVERGIS_CONNECTION="$NPGSQL" "${API[@]}" users add --username bench-office --role office --area-code "$ROOT_AREA" >/dev/null

log "serving"
port=$(free_port)
# The per-user write limit (Limits:UserWritesPerMinute, 120) is for people; the intake load is one office user.
RIVERGIS_CONNECTION="$NPGSQL" RiverGis__LoadSampleWhenEmpty=false Logging__LogLevel__Default=Warning Limits__UserWritesPerMinute=10000000 \
  "${API[@]}" serve --urls "http://127.0.0.1:$port" --contentRoot "$ROOT/src/Api" > "$WORK/serve.log" 2>&1 &
SERVE_PID=$!
BASE="http://127.0.0.1:$port"
until curl -sf "$BASE/health" >/dev/null; do sleep 0.5; kill -0 "$SERVE_PID" || { cat "$WORK/serve.log" >&2; exit 1; }; done
curl -s -o /dev/null "$BASE/api/responsible?lon=0&lat=0" || true
token() { curl -sf -d "grant_type=password&username=$1&password=$PASSWORD" "$BASE/api/auth/token" | python3 -c "import json,sys; print(json.load(sys.stdin)['access_token'])"; }
ADMIN_AUTH="Authorization: Bearer $(token bench-admin)"
export RIVERGIS_TOKEN; RIVERGIS_TOKEN=$(token bench-office)
raw rss_after_snapshot_mb "$(( $(rss_kb "$SERVE_PID") / 1024 ))" MiB

log "compliance, ours (the whole province, September 2026)"
raw load_before_compliance "$(cut -d' ' -f1 /proc/loadavg)"
start=$(now)
curl -sf -H "$ADMIN_AUTH" -o "$WORK/compliance.json" "$BASE/api/patrols/compliance?period=2026-09"
raw compliance_ours_s "$(elapsed "$start")" s
raw hwm_after_compliance_mb "$(( $(hwm_kb "$SERVE_PID") / 1024 ))" MiB
start=$(now)
curl -sf -H "$ADMIN_AUTH" -o /dev/null "$BASE/api/patrols/compliance?period=2026-09"
raw compliance_ours_again_s "$(elapsed "$start")" s
log "coverage, ours"
start=$(now)
curl -sf -H "$ADMIN_AUTH" -o "$WORK/coverage.json" "$BASE/api/patrols/coverage?period=2026-09"
raw coverage_ours_s "$(elapsed "$start")" s
raw hwm_after_coverage_mb "$(( $(hwm_kb "$SERVE_PID") / 1024 ))" MiB

log "compliance, PostGIS SQL"
raw load_before_sql "$(cut -d' ' -f1 /proc/loadavg)"
start=$(now)
(cd "$WORK" && psql_db -f "$HERE/compliance.sql" > "$WORK/compliance-sql.log")
raw compliance_sql_s "$(elapsed "$start")" s
log "coverage, PostGIS SQL"
start=$(now)
(cd "$WORK" && psql_db -f "$HERE/coverage.sql" > "$WORK/coverage-sql.log")
raw coverage_sql_s "$(elapsed "$start")" s

log "comparing verdicts"
python3 - "$WORK" >> "$RAW" <<'PY'
import json, sys
work = sys.argv[1]
ours = {c["chief_id"]: c for c in json.load(open(f"{work}/compliance.json"))["chiefs"]}
sql = {}
for line in open(f"{work}/sql_compliance.tsv"):
    chief, valid, compliant = line.rstrip("\n").split("\t")
    sql[chief] = (int(valid), compliant == "t")
same_flag = sum(1 for k, (v, c) in sql.items() if k in ours and ours[k]["compliant"] == c)
same_count = sum(1 for k, (v, c) in sql.items() if k in ours and ours[k]["valid_patrols"] == v)
print(f"chiefs_ours\t{len(ours)}\nchiefs_sql\t{len(sql)}\nsame_compliant_flag\t{same_flag}\nsame_valid_count\t{same_count}")
print(f"compliant_ours\t{sum(1 for c in ours.values() if c['compliant'])}\ncompliant_sql\t{sum(1 for v in sql.values() if v[1])}")
cov = {s["segment_code"]: s for s in json.load(open(f"{work}/coverage.json"))["segments"]}
agree = total = 0
for line in open(f"{work}/sql_coverage.tsv"):
    code, length, patrolled = line.rstrip("\n").split("\t")
    total += 1
    o = cov.get(code)
    if o is not None and abs(o["patrolled_m"] - float(patrolled)) <= max(5.0, 0.01 * float(length)):
        agree += 1
print(f"segments_sql\t{total}\nsegments_ours\t{len(cov)}\nsegments_patrolled_within_1pct\t{agree}")
PY

log "intake: wrk POSTing 40-minute tracks"
psql_db -At -v root="$ROOT_AREA" -f "$HERE/templates.sql" > "$WORK/templates.tsv"
out=$(wrk -t"$(nproc)" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$HERE/intake.lua" "$BASE" -- "$WORK/templates.tsv")
echo "$out" > "$WORK/wrk-intake.txt"
while IFS=$'\t' read -r k v u; do raw "$k" "$v" "$u"; done < <(grep -P '^intake' <<<"$out")
raw intake_stored "$(psql_db -At -c "SELECT count(*) FROM patrol_tracks WHERE source = 'upload'")"
raw hwm_after_intake_mb "$(( $(hwm_kb "$SERVE_PID") / 1024 ))" MiB
raw load_end "$(cut -d' ' -f1-3 /proc/loadavg)"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a > 0) printf "%.1f", b / a; else print "—" }'; }
cat > "$REPORT" <<MD
# Patrols at $RIVERS rivers — $(get date)

Machine: $MACHINE. Load at start $(get load_start); before ours $(get load_before_compliance), before SQL $(get load_before_sql).
Province: $(get chiefs) chiefs; September 2026: $(get tracks) patrols ($(get fixes) fixes, one every 10 s); patrol_tracks $(get tracks_table_mb) MiB.
Generate $(get generate_s) s, import $(get import_s) s.

| September 2026, whole province | ours | PostGIS SQL | ratio |
|---|---|---|---|
| compliance (first request; again) | $(get compliance_ours_s) s; $(get compliance_ours_again_s) s | $(get compliance_sql_s) s | $(ratio "$(get compliance_ours_s)" "$(get compliance_sql_s)")× |
| coverage of every river chief's segments | $(get coverage_ours_s) s | $(get coverage_sql_s) s | $(ratio "$(get coverage_ours_s)" "$(get coverage_sql_s)")× |

Same verdicts: compliant flag equal for $(get same_compliant_flag) of $(get chiefs_sql) chiefs (compliant: ours $(get compliant_ours), SQL $(get compliant_sql)),
valid patrol count equal for $(get same_valid_count); patrolled length within 1 % (or 5 m) for $(get segments_patrolled_within_1pct) of $(get segments_sql) segments.

Memory of the service (resident): $(get rss_after_snapshot_mb) MiB with the prepared province; peak $(get hwm_after_compliance_mb) MiB after the month's compliance, $(get hwm_after_coverage_mb) MiB after coverage (tracks are streamed and judged, never held whole).

Intake: $(get intake) tracks/s sustained (wrk, $CONNECTIONS connections, ${DURATION} s, 40-minute tracks of 240 fixes, judged and stored), p50 $(get intake_p50_ms) ms, p99 $(get intake_p99_ms) ms, errors $(get intake_errors); $(get intake_stored) stored; peak memory $(get hwm_after_intake_mb) MiB. Load at end $(get load_end).
MD
log "report: $REPORT"
cat "$REPORT"
}
main "$@"
