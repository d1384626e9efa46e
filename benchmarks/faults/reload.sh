#!/usr/bin/env bash
# Reloads without stalls: p99 of /api/responsible under load (wrk) while a 4,000-river generated dataset is imported
# into the database the service reads (the import verb in another process, as an office would run it).
#
#   benchmarks/faults/reload.sh [--rivers 4000] [--duration 40] [--connections 8] [--out benchmarks/results]
#
# The service starts on province A (generate --seed 1); after a quiet baseline window, province B (--seed 2, same
# codes, other geometry) is imported while wrk keeps asking; a poller records when the service answers with the new
# data version (import commit → swap). Writes <out>/reload-n<rivers>-<date>.tsv. Target: p99 < 50 ms.
set -euo pipefail
main() {
RIVERS=4000 DURATION=40 CONNECTIONS=8 OUT=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rivers) RIVERS="$2"; shift 2 ;;
    --duration) DURATION="$2"; shift 2 ;;
    --connections) CONNECTIONS="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
OUT="${OUT:-$ROOT/benchmarks/results}"; mkdir -p "$OUT"
RAW="$OUT/reload-n$RIVERS-$(date -u +%Y%m%d-%H%M).tsv"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/rivergis-reload.XXXXXX")"; chmod 755 "$WORK"
trap cleanup EXIT
raw() { printf '%s\t%s\n' "$1" "$2" | tee -a "$RAW" >&2; }
: > "$RAW"
build_api

log "generating provinces A and B ($RIVERS rivers each)"
dotnet "$API_DLL" generate --rivers "$RIVERS" --seed 1 "$WORK/a/province" >/dev/null 2>&1
dotnet "$API_DLL" generate --rivers "$RIVERS" --seed 2 "$WORK/b/province" >/dev/null 2>&1
python3 - "$WORK/a/province/segments.geojson" "$WORK/points.tsv" <<'PY'
import json, random, sys
random.seed(7)
features = json.load(open(sys.argv[1]))["features"]
with open(sys.argv[2], "w") as out:
    for _ in range(20000):
        g = random.choice(features)["geometry"]
        line = g["coordinates"] if g["type"] == "LineString" else random.choice(g["coordinates"])
        lon, lat = random.choice(line)
        out.write(f"{lon + random.uniform(-0.002, 0.002):.6f}\t{lat + random.uniform(-0.002, 0.002):.6f}\n")
PY

PORT=$(free_port)
pg_init "$WORK/pg/data"
pg_start "$WORK/pg/data" "$PORT" -c fsync=off -c synchronous_commit=off -c shared_buffers=512MB
psql -X -q "host=127.0.0.1 port=$PORT user=rivergis dbname=postgres" -c "CREATE DATABASE rivergis"
CONN="$(npgsql "$PORT")"
log "importing province A"
RIVERGIS_CONNECTION="$CONN" dotnet "$API_DLL" import "$WORK/a/province" > "$WORK/import-a.log" 2>&1

HTTP=$(free_port)
serve "$HTTP" "$CONN" "$WORK/serve.log"
wait_healthy "http://127.0.0.1:$HTTP"
BASE="http://127.0.0.1:$HTTP"
version() { curl -fsS "$BASE/api/responsible?lon=$(head -1 "$WORK/points.tsv" | cut -f1)&lat=$(head -1 "$WORK/points.tsv" | cut -f2)" | python3 -c 'import json,sys; print(json.load(sys.stdin)["data_version"])'; }
until version >/dev/null 2>&1; do sleep 0.5; done
V0=$(version)
log "service ready on data version $V0; warming"
POINTS="$WORK/points.tsv" wrk -t2 -c"$CONNECTIONS" -d5s -s "$ROOT/benchmarks/scale/responsible.lua" "$BASE" >/dev/null

log "baseline: ${DURATION}s of routing without an import"
POINTS="$WORK/points.tsv" wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$ROOT/benchmarks/scale/responsible.lua" "$BASE" > "$WORK/wrk-baseline.txt"
raw baseline_rps "$(awk '/^WRK_RPS/ {print $2}' "$WORK/wrk-baseline.txt")"
raw baseline_p50_ms "$(awk '/^WRK_P50_MS/ {print $2}' "$WORK/wrk-baseline.txt")"
raw baseline_p99_ms "$(awk '/^WRK_P99_MS/ {print $2}' "$WORK/wrk-baseline.txt")"
raw baseline_max_ms "$(awk '/Latency/ && NF > 4 {print $4; exit}' "$WORK/wrk-baseline.txt")"

log "loaded: ${DURATION}s of routing, province B imported from second 5"
POINTS="$WORK/points.tsv" wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$ROOT/benchmarks/scale/responsible.lua" "$BASE" > "$WORK/wrk-import.txt" &
WRK=$!
sleep 5
( while true; do v=$(version 2>/dev/null || echo 0); [[ "$v" -gt "$V0" ]] && { now > "$WORK/swapped"; break; }; sleep 0.02; done ) &
POLL=$!
START=$(now)
RIVERGIS_CONNECTION="$CONN" dotnet "$API_DLL" import "$WORK/b/province" > "$WORK/import-b.log" 2>&1
COMMITTED=$(now)
wait "$POLL"
wait "$WRK"
raw import_s "$(awk -v a="$START" -v b="$COMMITTED" 'BEGIN { printf "%.2f", b - a }')"
raw commit_to_swap_s "$(awk -v a="$COMMITTED" -v b="$(cat "$WORK/swapped")" 'BEGIN { printf "%.2f", b - a }')"
raw prepared_log "$(grep -o 'Prepared data version [0-9]*: .* in [0-9]* ms' "$WORK/serve.log" | tail -1)"
raw loaded_rps "$(awk '/^WRK_RPS/ {print $2}' "$WORK/wrk-import.txt")"
raw loaded_non2xx "$(awk '/^WRK_NON2XX/ {print $2}' "$WORK/wrk-import.txt")"
raw loaded_p50_ms "$(awk '/^WRK_P50_MS/ {print $2}' "$WORK/wrk-import.txt")"
raw loaded_p99_ms "$(awk '/^WRK_P99_MS/ {print $2}' "$WORK/wrk-import.txt")"
raw loaded_max_ms "$(awk '/Latency/ && NF > 4 {print $4; exit}' "$WORK/wrk-import.txt")"
raw machine "$(uname -srm); $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
P99=$(awk '/^WRK_P99_MS/ {print $2}' "$WORK/wrk-import.txt")
awk -v p="$P99" 'BEGIN { exit !(p < 50) }' && raw verdict "p99 $P99 ms < 50 ms: pass" || raw verdict "p99 $P99 ms >= 50 ms: FAIL"
log "results in $RAW"
}
main "$@"
