#!/usr/bin/env bash
# The office's month at province size (issue 13): the monthly report and the assessment for the root of a generated
# province and for one county, with a year of problems and plan items (generate --office-year). Per request: wall time
# (curl), and what PostgreSQL spent (pg_stat_statements: statements, calls, execution time, the top statements) — the
# rest is the service's own work (C#, JSON). Writes <out>/month-n<rivers>-<date>.tsv.
#
# Loading: the dataset (with units.csv) by the import verb; the plan items through POST /api/tasks/import as an office
# (the office's own path in); the problems and their events by COPY of the generator's CSVs — a year of back-dated
# transitions cannot go through the API, whose clock stamps every transition now (see OfficeYearFiles).
#
# Usage: benchmarks/scale/month.sh [--rivers 20000] [--dataset <folder generated with --office-year>] [--repeat 3]
#        [--month 2026-11] [--county 510101] [--out benchmarks/results] [--keep]
# Runs as root (the cluster then runs as the postgres user, on 127.0.0.1 only) or as a user who may run initdb.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../faults/lib.sh"
RIVERS=20000 DATASET="" REPEAT=3 MONTH=2026-11 COUNTY="" OUT="" KEEP=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rivers) RIVERS="$2"; shift 2 ;;
    --dataset) DATASET="$2"; shift 2 ;;
    --repeat) REPEAT="$2"; shift 2 ;;
    --month) MONTH="$2"; shift 2 ;;
    --county) COUNTY="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    --keep) KEEP=1; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
OUT="${OUT:-$ROOT/benchmarks/results}"
mkdir -p "$OUT"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/rivergis-month.XXXXXX")"
chmod 755 "$WORK"
trap cleanup EXIT
build_api
YEAR="${MONTH%%-*}"
if [[ -z "$DATASET" ]]; then
  DATASET="$WORK/province"
  log "generating $RIVERS rivers with the office year $YEAR up to the month after $MONTH"
  NEXT=$(python3 -c "y,m=map(int,'$MONTH'.split('-')); print(f'{y+(m==12):04d}-{m%12+1:02d}-01')")
  dotnet "$API_DLL" generate --rivers "$RIVERS" --seed 1 --office-year "$YEAR" --office-until "$NEXT" "$DATASET" > "$WORK/generate.log"
  tail -2 "$WORK/generate.log" >&2
fi
DATASET="$(cd "$DATASET" && pwd)"
for f in tasks.csv issues.csv issue_events.csv; do [[ -f "$DATASET.$f" ]] || { log "missing $DATASET.$f (generate with --office-year)"; exit 1; }; done

pg_init "$WORK/pg/data"
PGPORT=$(free_port)
pg_start "$WORK/pg/data" "$PGPORT" -c fsync=off -c synchronous_commit=off -c shared_buffers=512MB \
  -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all
PSQL=(psql -X -q -v ON_ERROR_STOP=1 "host=127.0.0.1 port=$PGPORT user=rivergis dbname=rivergis")
psql -X -q "host=127.0.0.1 port=$PGPORT user=rivergis dbname=postgres" -c "CREATE DATABASE rivergis"
CONN="$(npgsql "$PGPORT");Command Timeout=600"
FILE="$OUT/month-n$RIVERS-$(date -u +%Y%m%d-%H%M).tsv"
raw() { printf '%s\n' "$*" | tee -a "$FILE"; }
raw "# $(date -u +%Y-%m-%dT%H:%M:%SZ) $(nproc) cores; dotnet $(dotnet --version); PostgreSQL 15; dataset $(basename "$DATASET")"

t0=$(now)
RIVERGIS_CONNECTION="$CONN" dotnet "$API_DLL" import "$DATASET" > "$WORK/import.log" 2>&1 || { cat "$WORK/import.log" >&2; exit 1; }
raw "load	import	$(python3 -c "print(round($(now)-$t0,1))") s	load $(cut -d' ' -f1-3 /proc/loadavg)"
t0=$(now)
"${PSQL[@]}" <<SQL
CREATE EXTENSION IF NOT EXISTS pg_stat_statements;
SELECT count(ensure_month_partition('issue_events', m)) FROM generate_series(timestamptz '$YEAR-01-01 00:00+08', timestamptz '$YEAR-12-01 00:00+08', interval '1 month') m;
\copy issues ($(head -1 "$DATASET.issues.csv")) FROM '$DATASET.issues.csv' WITH (FORMAT csv, HEADER true)
\copy issue_events ($(head -1 "$DATASET.issue_events.csv")) FROM '$DATASET.issue_events.csv' WITH (FORMAT csv, HEADER true)
SELECT setval('issues_id_seq', (SELECT max(id) FROM issues));
ANALYZE issues; ANALYZE issue_events;
SQL
raw "load	problems by COPY	$(python3 -c "print(round($(now)-$t0,1))") s	$("${PSQL[@]}" -At -c "SELECT count(*) || ' issues, ' || (SELECT count(*) FROM issue_events) || ' events' FROM issues")"

PORT=$(free_port)
BASE="http://127.0.0.1:$PORT"
# Debug for the two services: they log their phases' wall times (PhaseLog) after each request.
serve "$PORT" "$CONN" "$WORK/serve.log" "${RAISED_LIMITS[@]}" Logging__LogLevel__RiverGis.Api.Reports.MonthlyReportService=Debug \
  Logging__LogLevel__RiverGis.Api.Assessment.AssessmentService=Debug
wait_healthy "$BASE" 600
office_token "$PGPORT" "$BASE" "$("${PSQL[@]}" -At -c "SELECT code FROM datasets LIMIT 1")"
AUTH=(-H "Authorization: Bearer $OFFICE_TOKEN")
t0=$(now)
STATUS=$(curl -sS -o "$WORK/tasks-import.json" -w '%{http_code}' "${AUTH[@]}" -H 'Content-Type: text/csv' --data-binary "@$DATASET.tasks.csv" "$BASE/api/tasks/import")
raw "load	plan items by POST /api/tasks/import	$(python3 -c "print(round($(now)-$t0,1))") s	HTTP $STATUS $(head -c 200 "$WORK/tasks-import.json" | tr -d '\n' | cut -c1-120)"
[[ "$STATUS" == 200 ]] || { cat "$WORK/tasks-import.json" >&2; exit 1; }
"${PSQL[@]}" -c "ANALYZE"
COUNTY="${COUNTY:-$("${PSQL[@]}" -At -c "SELECT code FROM admin_areas WHERE level = 'county' ORDER BY code LIMIT 1")}"

# time NAME PATH: REPEAT requests; per request wall ms, bytes, SQL statements/calls/ms, and the top 3 statements by time.
time_request() {
  local name="$1" path="$2" i out
  for ((i = 1; i <= REPEAT; i++)); do
    "${PSQL[@]}" -At -c "SELECT pg_stat_statements_reset()" >/dev/null
    local load; load=$(cut -d' ' -f1-3 /proc/loadavg)
    out=$(curl -sS -o "$WORK/body" -w '%{http_code} %{time_total} %{size_download}' "${AUTH[@]}" "$BASE$path")
    read -r code secs bytes <<< "$out"
    local sql; sql=$("${PSQL[@]}" -At -F' ' -c "SELECT count(*), coalesce(sum(calls), 0), round(coalesce(sum(total_exec_time), 0)::numeric, 1)
      FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%'")
    read -r statements calls sqlms <<< "$sql"
    raw "$name	run $i	HTTP $code	wall_ms $(python3 -c "print(round($secs*1000))")	sql_ms $sqlms	statements $statements	calls $calls	bytes $bytes	load $load"
    "${PSQL[@]}" -At -F'	' -c "SELECT '  top', calls, round(total_exec_time::numeric, 1) || ' ms', regexp_replace(left(query, 160), '\s+', ' ', 'g')
      FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%' ORDER BY total_exec_time DESC LIMIT 3" | tee -a "$FILE"
    sleep 0.2
    printf '  phases\t%s\n' "$(grep -a ' ms — ' "$WORK/serve.log" | tail -1 | sed 's/^ *//')" | tee -a "$FILE"
    [[ "$code" == 200 ]] || { head -c 600 "$WORK/body" >&2; echo >&2; }
  done
}

ROOTAREA="$OFFICE_AREA"
time_request "report root $ROOTAREA $MONTH" "/api/reports/monthly?area_code=$ROOTAREA&month=$MONTH"
time_request "report county $COUNTY $MONTH" "/api/reports/monthly?area_code=$COUNTY&month=$MONTH"
time_request "report county $COUNTY $MONTH xlsx" "/api/reports/monthly?area_code=$COUNTY&month=$MONTH&format=xlsx"
time_request "assessment root $ROOTAREA $YEAR county level" "/api/assessment?period=$YEAR&level=county&area_code=$ROOTAREA"
time_request "assessment root $ROOTAREA $YEAR township level" "/api/assessment?period=$YEAR&level=township&area_code=$ROOTAREA"
time_request "assessment county $COUNTY $YEAR township level" "/api/assessment?period=$YEAR&level=township&area_code=$COUNTY"
curl -sS "${AUTH[@]}" "$BASE/api/reports/monthly?area_code=$ROOTAREA&month=$MONTH" | python3 -c '
import json, sys
r = json.load(sys.stdin)
p = r["problems"]
print("figures\troot problems new %s closed %s overdue %s; lights red %s yellow %s green %s; tasks done_pct %s" % (
    p["new"], p["closed"], p["overdue"], r["lights"]["red"], r["lights"]["yellow"], r["lights"]["green"], r["tasks"]["done_pct"]))' | tee -a "$FILE"
raw "# end $(date -u +%Y-%m-%dT%H:%M:%SZ) load $(cut -d' ' -f1-3 /proc/loadavg)"
log "wrote $FILE"
