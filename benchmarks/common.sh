# Shared by the side-by-side benchmark scripts (scale/run.sh, patrols/run.sh); sourced inside their main function.
# Expects RAW (the raw TSV), WORK (the work folder) and PGBIN to be set.

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
raw() { printf '%s\t%s\t%s\n' "$1" "$2" "${3:-}" >> "$RAW"; }
get() { awk -F'\t' -v k="$1" '$1 == k { v = $2 } END { print v }' "$RAW"; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }
load1() { cut -d' ' -f1 /proc/loadavg; }
as_pg() { if [[ $EUID -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# start_cluster [extra postgres -c settings…]: a throwaway cluster in $WORK/pg on a free loopback port (PGPORT_BENCH,
# PGCONN), with the durability settings of LocalPostgres's throwaway clusters (both sides of a comparison get them) and
# shared_buffers sized so a province stays in memory.
start_cluster() {
  log "starting a throwaway PostgreSQL cluster"
  mkdir -p "$WORK/pg"
  [[ $EUID -eq 0 ]] && chown postgres "$WORK/pg"
  (cd / && as_pg "$PGBIN/initdb" -D "$WORK/pg/data" -U rivergis --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null)
  PGPORT_BENCH=$(free_port)
  local extra=""
  for setting in "$@"; do extra+=" -c $setting"; done
  (cd / && as_pg "$PGBIN/pg_ctl" -D "$WORK/pg/data" -l "$WORK/pg/postgres.log" -w -t 60 \
    -o "-p $PGPORT_BENCH -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 -c shared_buffers=1GB$extra" start >/dev/null)
  PGCONN="host=127.0.0.1 port=$PGPORT_BENCH user=rivergis"
}

stop_cluster() {
  if [[ -f "$WORK/pg/data/postmaster.pid" ]]; then as_pg "$PGBIN/pg_ctl" -D "$WORK/pg/data" -m fast -w stop >/dev/null 2>&1 || true; fi
}
