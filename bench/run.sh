#!/usr/bin/env bash
# run.sh — the proxy benchmark, end to end: builds Switchboard, starts it with one event loop on JDK 21+ (the newest
# found), and measures it against an nginx reverse proxy with proxy-bench.sh, in interleaved rounds, for two configs:
#   bare      a connector with no policies (the cost of the proxy itself)
#   policies  a connector with retry, circuit breaker, rate and concurrency limits (limits far above the load, so
#             they are evaluated on every request but never reject)
#   journal   the bare connector twice in one run: journal-off (journal: { enabled: false }) and journal-on (every
#             exchange captured, masked and written to SQLite); compare the two ratio_vs_nginx figures
# bare and policies run with the journal off, so their figures stay comparable with runs from before the journal.
# Prints proxy-bench.sh's table for each, the gateway's RSS after the run, and a summary line per config.
#
# Usage: bench/run.sh [bare|policies|journal|all]     (default all)
# Settings (environment): those of proxy-bench.sh (ROUNDS, DURATION, CONNECTIONS, WARMUP ...), plus
#   GATEWAY_PORT  18084    proxy listener of the gateway under test
#   ADMIN_PORT    18085    its admin listener
#   HEAP          512m     the gateway's -Xmx
# Needs: nginx, wrk, curl (Debian: apt-get install -y nginx wrk curl). Traffic goes only to 127.0.0.1.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
# shellcheck source=lib.sh
source "$here/lib.sh"
which_configs=${1:-all}
GATEWAY_PORT=${GATEWAY_PORT:-18084}
ADMIN_PORT=${ADMIN_PORT:-18085}
UPSTREAM_PORT=${UPSTREAM_PORT:-18080}
HEAP=${HEAP:-512m}
export WARMUP=${WARMUP:-20}

for tool in nginx wrk curl; do
  command -v "$tool" >/dev/null || { echo "run.sh: missing $tool (apt-get install -y nginx wrk curl)" >&2; exit 2; }
done

# Build once, up front, so the build does not run inside the measurement.
"$root/switchboard" version >/dev/null

work=$(mktemp -d -t switchboard-bench.XXXXXX)
gw_pid=""
cleanup() {
  [[ -n $gw_pid ]] && kill -TERM "$gw_pid" 2>/dev/null && wait "$gw_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

write_config() {
  local name=$1 file=$work/$1.yaml
  cat >"$file" <<YAML
gateway:
  listen: 127.0.0.1:$GATEWAY_PORT
  admin: 127.0.0.1:$ADMIN_PORT
  store: sqlite:$work/$name.db
  journal: { enabled: $([[ $name == journal-on ]] && echo true || echo false) }
connectors:
  stub:
    upstream:
      endpoints: [ "http://127.0.0.1:$UPSTREAM_PORT" ]
      max-connections: 128
YAML
  [[ $name == policies ]] && policy_yaml all >>"$file"
  echo "$file"
}

run_one() {
  local name=$1 config
  config=$(write_config "$name")
  echo "=== config: $name ==="
  SWITCHBOARD_JAVA_OPTS="-Xmx$HEAP -Xms$HEAP -XX:+UseParallelGC" \
    "$root/switchboard" run --config "$config" --event-loops 1 >"$work/$name.log" 2>&1 &
  gw_pid=$!
  wait_ready "$ADMIN_PORT" "$gw_pid" "$work/$name.log"
  local java_pid
  java_pid=$(ss -Hltnp "sport = :$GATEWAY_PORT" 2>/dev/null | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)
  GATEWAY_PID=$java_pid UPSTREAM_PORT=$UPSTREAM_PORT "$here/proxy-bench.sh" "http://127.0.0.1:$GATEWAY_PORT/stub/ping" \
    | tee "$work/$name.out"
  local rss_kib
  rss_kib=$(awk '/VmRSS/{print $2}' "/proc/$java_pid/status" 2>/dev/null || echo 0)
  echo "gateway_rss_mib=$(( rss_kib / 1024 )) (after the run, -Xmx$HEAP)"
  echo "summary[$name]: $(tail -1 "$work/$name.out") rss_mib=$(( rss_kib / 1024 ))"
  kill -TERM "$gw_pid"; wait "$gw_pid" 2>/dev/null || true; gw_pid=""
}

case $which_configs in
  bare|policies) run_one "$which_configs" ;;
  journal) run_one journal-off; run_one journal-on ;;
  all) run_one bare; run_one policies; run_one journal-off; run_one journal-on ;;
  *) echo "usage: $0 [bare|policies|journal|all]" >&2; exit 2 ;;
esac
