#!/usr/bin/env bash
# Water compliance at province size (issue 14): a section at every county boundary crossing of a generated province
# (generate --rivers N), a year of monthly samples; a month's compliance (classes, 达标率 per area) and the
# consecutive-failure scan in process and as the equivalent SQL in a throwaway PostgreSQL cluster, side by side.
# Usage: benchmarks/scale/water.sh [--rivers 20000] [--repeat 3] [--out benchmarks/results]
# Runs as root (the cluster then runs as the postgres user, on 127.0.0.1 only) or as a user who may run initdb.
set -euo pipefail
main() {
RIVERS=20000 REPEAT=3 OUT=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rivers) RIVERS="$2"; shift 2 ;;
    --repeat) REPEAT="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="${OUT:-$ROOT/benchmarks/results}"
mkdir -p "$OUT"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/rivergis-water.XXXXXX")"
chmod 755 "$WORK"
PGBIN=/usr/lib/postgresql/15/bin
as_pg() { if [[ $EUID -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
cleanup() {
  if [[ -f "$WORK/pg/data/postmaster.pid" ]]; then as_pg "$PGBIN/pg_ctl" -D "$WORK/pg/data" -m fast -w stop >/dev/null 2>&1 || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
dotnet build "$ROOT/benchmarks/RiverGis.Benchmarks/RiverGis.Benchmarks.csproj" -c Release -v q -nologo >/dev/null
mkdir -p "$WORK/pg"
[[ $EUID -eq 0 ]] && chown postgres "$WORK/pg"
(cd / && as_pg "$PGBIN/initdb" -D "$WORK/pg/data" -U rivergis --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null)
PORT=$(free_port)
(cd / && as_pg "$PGBIN/pg_ctl" -D "$WORK/pg/data" -l "$WORK/pg/postgres.log" -w -t 60 \
  -o "-p $PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c fsync=off -c synchronous_commit=off -c shared_buffers=512MB" start >/dev/null)
FILE="$OUT/water-compliance-n$RIVERS-$(date -u +%Y%m%d-%H%M).tsv"
{
  echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ) load $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; dotnet $(dotnet --version); PostgreSQL 15"
  dotnet "$ROOT/benchmarks/RiverGis.Benchmarks/bin/Release/net10.0/RiverGis.Benchmarks.dll" water --rivers "$RIVERS" --repeat "$REPEAT" \
    --connection "Host=127.0.0.1;Port=$PORT;Username=rivergis;Database=postgres;Command Timeout=0"
} | tee "$FILE"
echo "wrote $FILE" >&2
}
main "$@"
