#!/usr/bin/env bash
# compare-builds.sh — two builds of Switchboard side by side: same config, same nginx upstream, one event loop each,
# measured in alternating wrk runs (A, B, A, B, ...) so that the drift of a shared machine hits both alike. Use it to
# tell whether a change to the hot path helps, when run-to-run noise is larger than the change.
#
# Usage: bench/compare-builds.sh JAR_A JAR_B [ROUNDS]      (ROUNDS default 4)
#   e.g. git worktree add /tmp/base main && (cd /tmp/base && scripts/mvn -q -DskipTests package)
#        bench/compare-builds.sh /tmp/base/target/switchboard.jar target/switchboard.jar
# Settings (environment): JOURNAL false|true (the journal of both), JOURNAL_A / JOURNAL_B (of one), POLICIES all|bare
#   (lib.sh's variants; default all, run.sh's "policies" config), PATHS ping|orders (/stub/ping every time, or another
#   order number each request: bench/orders.lua), BODY_BYTES (unset: the stub's small answer; a number: a JSON order
#   list of about that many bytes, lib.sh's stub_body), WARM 20 (s per build), DUR 10 (s per run), JAVA (the newest JDK
#   found by scripts/find-jdk.sh), ports 18280 (upstream), 18284/18285 (A), 18294/18295 (B).
# The journal's cost, off and on interleaved in one run (steadier than run.sh's off-then-on):
#   JOURNAL_A=false JOURNAL_B=true POLICIES=bare bench/compare-builds.sh target/switchboard.jar target/switchboard.jar
# Prints per run: req/s, p99, the build's CPU µs per
# request; then the medians, and each round's B against A (the steadiest figure; DUR=3 with 20+ rounds is steadier
# still). Needs nginx, wrk, curl. Traffic goes only to 127.0.0.1.
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
source "$here/lib.sh"
[[ $# -ge 2 ]] || { echo "usage: $0 JAR_A JAR_B [ROUNDS]" >&2; exit 2; }
jar_a=$1 jar_b=$2 rounds=${3:-4}
journal_a=${JOURNAL_A:-${JOURNAL:-false}} journal_b=${JOURNAL_B:-${JOURNAL:-false}}
if [[ -z ${JAVA:-} ]]; then
  SB_QUIET_JDK=1 source "$here/../scripts/find-jdk.sh"
  JAVA=$JAVA_HOME/bin/java
fi
# The launcher's JVM flags (./switchboard): on JDK 24+ Netty uses sun.misc.Unsafe only when it is allowed, and without
# it every buffer access is a checked ByteBuffer call (the proxy's CPU per request ~30% higher here).
jvm_flags=(--enable-native-access=ALL-UNNAMED)
"$JAVA" --sun-misc-unsafe-memory-access=allow -version >/dev/null 2>&1 && jvm_flags+=(--sun-misc-unsafe-memory-access=allow)
for tool in nginx wrk curl; do
  command -v "$tool" >/dev/null || { echo "compare-builds.sh: missing $tool" >&2; exit 2; }
done
work=$(mktemp -d -t switchboard-compare.XXXXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
body=$(stub_body "${BODY_BYTES:-}")
cat >"$work/nginx.conf" <<NGINX
worker_processes 1; daemon off; pid $work/nginx.pid; error_log $work/nginx.err;
events { worker_connections 4096; }
http {
  access_log off; keepalive_requests 1000000; keepalive_timeout 75s;
  client_body_temp_path $work/t1; proxy_temp_path $work/t2; fastcgi_temp_path $work/t3;
  uwsgi_temp_path $work/t4; scgi_temp_path $work/t5;
  server { listen 127.0.0.1:18280; location / { default_type application/json; return 200 '$body'; } }
}
NGINX
nginx -c "$work/nginx.conf" -p "$work" & pids+=($!)

start() { # name jar port journal
  cat >"$work/$1.yaml" <<YAML
gateway:
  listen: 127.0.0.1:$3
  admin: 127.0.0.1:$(($3 + 1))
  store: sqlite:$work/$1.db
  journal: { enabled: $4 }
connectors:
  stub:
    upstream:
      endpoints: [ "http://127.0.0.1:18280" ]
      max-connections: 128
$(policy_yaml "${POLICIES:-all}")
YAML
  "$JAVA" -Xmx512m -Xms512m -XX:+UseParallelGC "${jvm_flags[@]}" \
    -jar "$2" run --config "$work/$1.yaml" --event-loops 1 >"$work/$1.log" 2>&1 &
  pids+=($!)
}
start a "$jar_a" 18284 "$journal_a"; pid_a=${pids[-1]}
start b "$jar_b" 18294 "$journal_b"; pid_b=${pids[-1]}
wait_ready 18285 "$pid_a" "$work/a.log"
wait_ready 18295 "$pid_b" "$work/b.log"
measure() { # pid port -> "req/s p99 cpu_us/req"
  local before after out
  before=$(cpu_ticks "$1")
  out=$(wrk -t1 -c64 -d"${DUR:-10}"s --latency "${paths[@]}" "http://127.0.0.1:$2/stub/ping")
  after=$(cpu_ticks "$1")
  awk -v ticks=$((after - before)) -v hz="$(getconf CLK_TCK)" '
    /Requests\/sec/ {rps = $2} $1 == "99%" {p99 = $2} /requests in/ {n = $1}
    END {printf "%s %s %.1f\n", rps, p99, ticks * 1e6 / hz / n}' <<<"$out"
}
# PATHS=orders: every request another order number (bench/orders.lua); default: /stub/ping every time.
paths=()
[[ ${PATHS:-ping} == orders ]] && paths=(-s "$here/orders.lua")
wrk -t1 -c64 -d"${WARM:-20}"s "${paths[@]}" http://127.0.0.1:18284/stub/ping >/dev/null
wrk -t1 -c64 -d"${WARM:-20}"s "${paths[@]}" http://127.0.0.1:18294/stub/ping >/dev/null
echo "build run req/s p99 cpu_us/req"
for r in $(seq "$rounds"); do
  echo "A $r $(measure "$pid_a" 18284)"
  echo "B $r $(measure "$pid_b" 18294)"
done | tee "$work/results"
for build in A B; do
  awk -v b=$build '$1 == b' "$work/results" | sort -k3 -n | awk -v b=$build '{r[NR] = $3} END {printf "%s median req/s %s", b, r[int((NR + 1) / 2)]}'
  awk -v b=$build '$1 == b' "$work/results" | sort -k5 -n | awk '{c[NR] = $5} END {printf "  median cpu_us/req %s\n", c[int((NR + 1) / 2)]}'
done
# Each round's B against the A run just before it: the machine's drift over minutes cancels out of these, so their
# median is the figure to quote (the medians above can pair a fast A half with a slow B half). The middle half of the
# rounds says how far to trust it: a build against itself gave -1.5% (middle half -2.5 to +2.5) in 24 rounds.
awk '$1 == "A" {a[$2] = $3} $1 == "B" && a[$2] > 0 && $3 > 0 {printf "%.1f\n", 100 * ($3 - a[$2]) / a[$2]}' "$work/results" |
  sort -n | awk '{d[NR] = $1; all = all sprintf(" %+.1f", $1)}
    END {if (NR) printf "B against A, round by round (sorted):%s\nB against A, median of the rounds: %+.1f%% (middle half of the rounds %+.1f to %+.1f)\n",
      all, d[int((NR + 1) / 2)], d[int(NR / 4) + 1], d[int(3 * NR / 4 + 0.5)]}'
