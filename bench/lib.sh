# lib.sh — what the benchmark scripts share; sourced, not run.

# policy_yaml VARIANT: the connector lines (4-space indent) of one policy, or of all of them ("all", the config that
# run.sh and compare-builds.sh call "policies"); limits far above the load, so they are evaluated but never refuse.
policy_yaml() {
  case $1 in
    bare) ;;
    retry) echo '    retry: { attempts: 3, backoff: 50ms, on: [connect-failure, 502, 503, 504] }' ;;
    breaker) echo '    circuit-breaker: { failure-rate: 50%, window: 30s, min-requests: 20, open-for: 30s }' ;;
    rate) echo '    limits: { rate: 1000000/s }' ;;
    concurrency) echo '    limits: { concurrency: 10000 }' ;;
    credentials) echo "    credentials: { header: X-Api-Key, value: \"${BENCH_API_KEY:-bench-secret-value}\" }" ;;
    all) for p in retry breaker credentials; do policy_yaml $p; done
         echo '    limits: { rate: 1000000/s, concurrency: 10000 }' ;;
    *) echo "unknown variant $1" >&2; exit 2 ;;
  esac
}

# wait_ready ADMIN_PORT PID LOG: waits (20 s at most) for the gateway's /health/ready; exits 3 with its log if it died.
wait_ready() {
  for _ in $(seq 1 100); do
    curl -s -o /dev/null "http://127.0.0.1:$1/health/ready" && return 0
    kill -0 "$2" 2>/dev/null || { cat "$3" >&2; exit 3; }
    sleep 0.2
  done
}

# cpu_ticks PID: user + system CPU ticks of the process so far.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# stub_body [BYTES]: the JSON body the upstream stub answers: the small default, or with BYTES a JSON document of about
# that size shaped like an order list (a quote every few bytes, as real JSON has: what the journal's writer must handle).
stub_body() {
  if [[ -z ${1:-} ]]; then
    echo '{"status":"ok","source":"upstream-stub","data":"0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghij"}'
    return
  fi
  awk -v size="$1" 'BEGIN {
    s = "{\"items\":["
    for (k = 0; length(s) < size; k++) s = s (k ? "," : "") sprintf("{\"sku\":\"A-%d\",\"qty\":%d,\"name\":\"Widget number %d\"}", 1000 + k, k % 7, k)
    print s "]}"
  }'
}
