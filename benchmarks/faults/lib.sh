# Shared by the fault, reload, soak and scale-out scripts: throwaway PostgreSQL clusters on loopback, service
# instances, cleanup. Source it; it defines functions only. Every process it starts is stopped by cleanup (trap).
PGBIN=/usr/lib/postgresql/15/bin
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
API_DLL="$ROOT/src/Api/bin/Release/net10.0/RiverGis.Api.dll"
PIDS=()
CLUSTERS=()

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
as_pg() { if [[ $EUID -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now() { date +%s.%N; }

build_api() {
  log "building (Release)"
  dotnet build "$ROOT/src/Api/RiverGis.Api.csproj" -c Release -v q -nologo >/dev/null
}

# pg_init DIR: a new cluster (trust on loopback only; replication allowed from loopback).
pg_init() {
  local dir="$1"
  mkdir -p "$(dirname "$dir")"
  [[ $EUID -eq 0 ]] && chown postgres "$(dirname "$dir")"
  (cd / && as_pg "$PGBIN/initdb" -D "$dir" -U rivergis --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null)
}

# pg_start DIR PORT [extra -c options]: starts (or restarts) a cluster on 127.0.0.1:PORT.
pg_start() {
  local dir="$1" port="$2"; shift 2
  (cd / && as_pg "$PGBIN/pg_ctl" -D "$dir" -l "$dir/../$(basename "$dir").log" -w -t 120 \
    -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=200 $*" start >/dev/null)
  CLUSTERS+=("$dir")
}

pg_stop() { (cd / && as_pg "$PGBIN/pg_ctl" -D "$1" -m "${2:-fast}" -w stop >/dev/null 2>&1) || true; }

npgsql() { echo "Host=127.0.0.1;Port=$1;Username=rivergis;Database=${2:-rivergis};Timeout=15;Command Timeout=60;Maximum Pool Size=50"; }

# serve PORT CONNECTION LOGFILE [VAR=value…]: a service instance in the background; its pid is appended to PIDS.
serve() {
  local port="$1" connection="$2" logfile="$3"; shift 3
  env RIVERGIS_CONNECTION="$connection" Logging__LogLevel__Default=Warning Logging__LogLevel__RiverGis=Information "$@" \
    dotnet "$API_DLL" serve --urls "http://127.0.0.1:$port" --contentRoot "$ROOT/src/Api" > "$logfile" 2>&1 &
  PIDS+=($!)
  LAST_PID=$!
}

# wait_healthy URL [seconds]
wait_healthy() {
  local url="$1" limit="${2:-180}" i
  for ((i = 0; i < limit * 4; i++)); do
    curl -fsS -o /dev/null "$url/health" 2>/dev/null && return 0
    sleep 0.25
  done
  log "$url did not become healthy"; return 1
}

cleanup() {
  local pid dir
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  for dir in "${CLUSTERS[@]}"; do [[ -f "$dir/postmaster.pid" ]] && pg_stop "$dir" immediate; done
  if [[ -n "${WORK:-}" && "${KEEP:-0}" -eq 0 ]]; then rm -rf "$WORK"; fi
}
