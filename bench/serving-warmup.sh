#!/usr/bin/env bash
# Serving's top-10 right after a start: a fixed 1,000 requests/s in consecutive 10-second windows, each printing
# wrk's latency percentiles, serving's CPU time per request and the JIT compilers' share of it.
#
#   bench/serving-warmup.sh [WINDOWS]      default 18 (three minutes)
#
# Run bench/serving-topn.sh ease once before: this script reuses its database (movies_bench), its registered
# champion (movierec-bench-ease) and its settings (RATE, PACED_CONNECTIONS, SERVING_JAVA_OPTS, SERVING_PORT,
# SERVING_DATASOURCE_URL, BENCH_DIR). Serving is started afresh, given 10 s of requests on 8 connections sending
# again as soon as answered, then the paced windows begin. Set SERVER_TOMCAT_THREADS_MAX and the like in the
# environment to compare settings.
set -euo pipefail
cd "$(dirname "$0")/.."

windows=${1:-18}
rate=${RATE:-1000}
paced_connections=${PACED_CONNECTIONS:-50}
# shellcheck source=bench/serving-lib.sh
. bench/serving-lib.sh

[ -f serving/target/serving.jar ] || die "serving/target/serving.jar is missing: run bench/serving-topn.sh ease first"
start_serving movierec-bench-ease "$bench_dir/serving-warmup.log"

# CPU time (clock ticks) of the whole process, and of its JIT compiler threads
# (utime and stime, the 12th and 13th fields after the parenthesised name, which may hold spaces)
ticks() { sed 's/.*) //' "$1" | awk '{print $12 + $13}'; }
process_ticks() { ticks "/proc/$serving_pid/stat"; }
compiler_ticks() {
  local total=0 task
  for task in /proc/"$serving_pid"/task/*; do
    if grep -q '^C[12] CompilerThre' "$task/comm" 2>/dev/null; then
      total=$((total + $(ticks "$task/stat")))
    fi
  done
  echo "$total"
}

wrk -t1 -c8 -d10s -s bench/topn-load.lua "$base" > /dev/null
printf 'after start, %s req/s offered on %s connections, 10 s windows (the first after 10 s of closed-loop requests)\n' \
  "$rate" "$paced_connections"
for window in $(seq 1 "$windows"); do
  cpu_before=$(process_ticks)
  jit_before=$(compiler_ticks)
  RATE=$rate wrk -t1 -c"$paced_connections" -d10s --latency -s bench/topn-load.lua "$base" > "$bench_dir/wrk-warmup.txt"
  python3 - "$window" "$(( $(process_ticks) - cpu_before ))" "$(( $(compiler_ticks) - jit_before ))" \
    "$(getconf CLK_TCK)" "$bench_dir/wrk-warmup.txt" <<'PY'
import re, sys
window, cpu, jit, tck, path = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
text = open(path).read()
pct = dict(re.findall(r"^\s+(50|90|99)%\s+(\S+)", text, re.M))
requests = int(re.search(r"(\d+) requests in", text).group(1))
ms = 1000 / tck / requests
print(f"t = {10 + 10 * window:>4} s   p50 {pct['50']:>8}   p90 {pct['90']:>8}   p99 {pct['99']:>8}   "
      f"serving CPU {cpu * ms:.2f} ms per request (JIT compilers {jit * ms:.2f})")
PY
done
