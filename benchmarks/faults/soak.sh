#!/usr/bin/env bash
# Load with nothing lost: a bounded soak (default 60 s, loopback only) of mixed traffic — routing, feature pages,
# issue filing with Idempotency-Keys (retried with the same key on 503), transitions — during which the primary
# PostgreSQL is restarted once. Checks: every 201/200-acknowledged issue is stored exactly once afterwards, the only
# error status seen is 503, and the service (never restarted) is healthy at the end.
#
#   benchmarks/faults/soak.sh [--seconds 60] [--threads 12] [--restart-at 20] [--down 4] [--out benchmarks/results]
#
# Transitions need an authorised caller once accounts land (issue 10): RIVERGIS_TOKEN=<token> is passed on as a bearer token.
set -euo pipefail
main() {
SECONDS_TOTAL=60 THREADS=12 RESTART_AT=20 DOWN=4 OUT=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --seconds) SECONDS_TOTAL="$2"; shift 2 ;;
    --threads) THREADS="$2"; shift 2 ;;
    --restart-at) RESTART_AT="$2"; shift 2 ;;
    --down) DOWN="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
OUT="${OUT:-$ROOT/benchmarks/results}"; mkdir -p "$OUT"
RESULT="$OUT/soak-$(date -u +%Y%m%d-%H%M).json"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/rivergis-soak.XXXXXX")"; chmod 755 "$WORK"
trap cleanup EXIT
build_api
PORT=$(free_port); HTTP=$(free_port)
pg_init "$WORK/pg/data"
pg_start "$WORK/pg/data" "$PORT"
psql -X -q "host=127.0.0.1 port=$PORT user=rivergis dbname=postgres" -c "CREATE DATABASE rivergis"
sql() { psql -X -q -At "host=127.0.0.1 port=$PORT user=rivergis dbname=rivergis" -c "$1"; }
serve "$HTTP" "$(npgsql "$PORT")" "$WORK/serve.log"
SERVICE=$LAST_PID
wait_healthy "http://127.0.0.1:$HTTP"
# Points on the sample data's segments (routing answers; reports are routed).
sql "SELECT ST_X(p) || E'\t' || ST_Y(p) FROM (SELECT ST_LineInterpolatePoint(ST_GeometryN(geom, 1), random()) p FROM segments, generate_series(1, 3)) x" > "$WORK/points.tsv"

log "soak: ${SECONDS_TOTAL}s, $THREADS threads; the primary restarts at ${RESTART_AT}s for ${DOWN}s"
python3 "$ROOT/benchmarks/faults/load.py" --base "http://127.0.0.1:$HTTP" --points "$WORK/points.tsv" --seconds "$SECONDS_TOTAL" \
  --threads "$THREADS" --mix routing:6,pages:2,issues:2 --out "$WORK/load" > "$WORK/load.json" &
LOAD=$!
sleep "$RESTART_AT"
log "stopping the primary (fast: sessions end with 57P01)"
pg_stop "$WORK/pg/data" fast
sleep "$DOWN"
pg_start "$WORK/pg/data" "$PORT"
log "primary back"
wait "$LOAD"

ACKED=$(wc -l < "$WORK/load/acknowledged.tsv")
KEYS=$(cut -f1 "$WORK/load/acknowledged.tsv" | sed "s/.*/'&'/" | paste -sd, -)
STORED=$(sql "SELECT count(*) FROM idempotency_keys k JOIN issues i ON i.id = k.resource_id WHERE k.scope = 'issues' AND k.key IN (${KEYS:-''})")
DUPLICATES=$(sql "SELECT count(*) - count(DISTINCT description) FROM issues WHERE description LIKE '压测上报 %'")
HEALTH=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$HTTP/health")
ALIVE=$(kill -0 "$SERVICE" 2>/dev/null && echo yes || echo no)
python3 - "$WORK/load.json" "$RESULT" "$ACKED" "$STORED" "$DUPLICATES" "$HEALTH" "$ALIVE" <<'PY'
import json, sys
stats = json.load(open(sys.argv[1]))
acked, stored, duplicates, health, alive = int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), sys.argv[6], sys.argv[7]
errors = {s: n for s, n in stats["statuses"].items() if int(s) >= 400}
stats.update({"acknowledged_stored": stored, "duplicate_issues": duplicates, "health_after": int(health), "service_restarted": alive != "yes",
              "error_statuses": errors})
checks = {
    "every acknowledged issue stored once": acked > 0 and stored == acked and duplicates == 0,
    "only 503 as error status": set(errors) <= {"503"} and all(int(s) < 400 or s == "503" for s in stats["transition_statuses"]),
    "no broken connections": not stats["connection_errors"],
    "healthy without a restart": health == "200" and alive == "yes",
}
stats["checks"] = checks
json.dump(stats, open(sys.argv[2], "w"), indent=1, ensure_ascii=False)
print(json.dumps(stats, ensure_ascii=False, indent=1))
for name, ok in checks.items(): print(("PASS  " if ok else "FAIL  ") + name)
sys.exit(0 if all(checks.values()) else 1)
PY
}
main "$@"
