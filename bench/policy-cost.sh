#!/usr/bin/env bash
# policy-cost.sh — what each policy costs: the gateway's CPU time per request (and req/s, p99) with one connector
# configured once per variant: no policies, then each policy alone, then all of them.
# CPU per request is read from /proc for the gateway process alone, so it is far less sensitive to other load on the
# machine than req/s; compare variants of one run only.
#
# Usage: bench/policy-cost.sh [variant ...]    (default: every variant)
#   variants: bare retry breaker rate concurrency credentials all
# Settings (environment): WARMUP 20 (s of load before measuring each variant), DURATION 10, CONNECTIONS 64,
#   GATEWAY_PORT 18094, ADMIN_PORT 18095, UPSTREAM_PORT 18090.
# Needs: nginx (the upstream), wrk, curl. Traffic goes only to 127.0.0.1.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
# shellcheck source=lib.sh
source "$here/lib.sh"
WARMUP=${WARMUP:-20}
DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-64}
GATEWAY_PORT=${GATEWAY_PORT:-18094}
ADMIN_PORT=${ADMIN_PORT:-18095}
UPSTREAM_PORT=${UPSTREAM_PORT:-18090}
variants=("$@")
[[ ${#variants[@]} -gt 0 ]] || variants=(bare retry breaker rate concurrency credentials all)

for tool in nginx wrk curl; do
  command -v "$tool" >/dev/null || { echo "policy-cost.sh: missing $tool (apt-get install -y nginx wrk curl)" >&2; exit 2; }
done
"$root/switchboard" version >/dev/null

work=$(mktemp -d -t switchboard-policy-cost.XXXXXX)
gw_pid=""
cleanup() {
  [[ -n $gw_pid ]] && kill -TERM "$gw_pid" 2>/dev/null && wait "$gw_pid" 2>/dev/null || true
  [[ -f $work/nginx.pid ]] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

cat >"$work/nginx.conf" <<NGINX
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  server {
    listen 127.0.0.1:$UPSTREAM_PORT;
    keepalive_requests 1000000;
    location / { default_type application/json; return 200 '{"status":"ok","source":"upstream-stub"}'; }
  }
}
NGINX
nginx -c "$work/nginx.conf" -p "$work"


printf '%-12s %10s %9s %12s\n' variant req/s p99_ms cpu_us/req
for variant in "${variants[@]}"; do
  config=$work/$variant.yaml
  {
    printf 'gateway:\n  listen: 127.0.0.1:%s\n  admin: 127.0.0.1:%s\n  store: sqlite:%s/%s.db\n' \
      "$GATEWAY_PORT" "$ADMIN_PORT" "$work" "$variant"
    printf 'connectors:\n  stub:\n    upstream:\n      endpoints: [ "http://127.0.0.1:%s" ]\n' "$UPSTREAM_PORT"
    policy_yaml "$variant"
  } >"$config"
  SWITCHBOARD_JAVA_OPTS="-Xmx512m -Xms512m -XX:+UseParallelGC" \
    "$root/switchboard" run --config "$config" --event-loops 1 >"$work/$variant.log" 2>&1 &
  gw_pid=$!
  wait_ready "$ADMIN_PORT" "$gw_pid" "$work/$variant.log"
  java_pid=$(ss -Hltnp "sport = :$GATEWAY_PORT" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)
  url=http://127.0.0.1:$GATEWAY_PORT/stub/ping
  timeout $((WARMUP + 10)) wrk -t1 -c"$CONNECTIONS" -d"${WARMUP}s" "$url" >/dev/null
  before=$(cpu_ticks "$java_pid")
  out=$(timeout $((DURATION + 10)) wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" --latency "$url")
  after=$(cpu_ticks "$java_pid")
  requests=$(awk '/requests in/{print $1}' <<<"$out")
  rps=$(awk '/Requests\/sec/{printf "%.0f", $2}' <<<"$out")
  p99=$(awk '$1=="99%"{v=$2; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; printf "%.2f", v}' <<<"$out")
  hz=$(getconf CLK_TCK)
  cpu=$(awk -v t=$((after - before)) -v hz="$hz" -v n="$requests" 'BEGIN{printf "%.1f", t * 1e6 / hz / n}')
  printf '%-12s %10s %9s %12s\n' "$variant" "$rps" "$p99" "$cpu"
  kill -TERM "$java_pid" "$gw_pid" 2>/dev/null || true; wait "$gw_pid" 2>/dev/null || true; gw_pid=""
done
