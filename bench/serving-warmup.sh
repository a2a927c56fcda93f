#!/usr/bin/env bash
# Serving's top-10 right after a start: a fixed 1,000 requests/s in consecutive 10-second windows, each printing
# wrk's latency percentiles, serving's CPU time per request, the JIT compilers' share of it and PostgreSQL's CPU time
# per request (its server processes on this machine: the backends serving's pool holds, and the rest).
#
#   bench/serving-warmup.sh [WINDOWS]      default 18 (three minutes)
#   SATURATED=N bench/serving-warmup.sh    then N windows on CONNECTIONS (32) connections sending again as soon as
#                                          answered: the most serving answers, and the CPU per request then
#
# Run bench/serving-topn.sh ease once before: this script reuses its database (movies_bench), its registered
# champion (movierec-bench-ease; MODEL=movierec-bench-mf for the factor model of bench/serving-topn.sh mf) and its
# settings (RATE, PACED_CONNECTIONS, SERVING_JAVA_OPTS, SERVING_PORT,
# SERVING_DATASOURCE_URL, BENCH_DIR). Serving is started afresh, given 10 s of requests on 8 connections sending
# again as soon as answered, then the paced windows begin. Set SERVER_TOMCAT_THREADS_MAX and the like in the
# environment to compare settings.
set -euo pipefail
cd "$(dirname "$0")/.."

windows=${1:-18}
saturated=${SATURATED:-0}
rate=${RATE:-1000}
paced_connections=${PACED_CONNECTIONS:-50}
connections=${CONNECTIONS:-32}
# shellcheck source=bench/serving-lib.sh
. bench/serving-lib.sh

[ -f serving/target/serving.jar ] || die "serving/target/serving.jar is missing: run bench/serving-topn.sh ease first"
start_serving "${MODEL:-movierec-bench-ease}" "$bench_dir/serving-warmup.log"

# CPU time (clock ticks) of the whole process, and of its JIT compiler threads
# (utime and stime, the 12th and 13th fields after the parenthesised name, which may hold spaces)
ticks() { sed 's/.*) //' "$1" | awk '{print $12 + $13}'; }
process_ticks() { ticks "/proc/$serving_pid/stat"; }
# PostgreSQL's server processes, as "pid:ticks ..."; a window counts those running at both of its ends
postgres_ticks() {
  local pid t
  for pid in $(ps -u postgres -o pid=); do
    t=$(ticks "/proc/$pid/stat" 2>/dev/null) && [ -n "$t" ] && printf '%s:%s ' "$pid" "$t"
  done
  return 0
}
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
# window NAME RATE CONNECTIONS: one 10-second wrk run and its line
window() {
  local name=$1 window_rate=$2 window_connections=$3 cpu_before jit_before pg_before
  pg_before=$(postgres_ticks)
  cpu_before=$(process_ticks)
  jit_before=$(compiler_ticks)
  RATE=$window_rate wrk -t1 -c"$window_connections" -d10s --latency -s bench/topn-load.lua "$base" \
    > "$bench_dir/wrk-warmup.txt"
  python3 - "$name" "$(( $(process_ticks) - cpu_before ))" "$(( $(compiler_ticks) - jit_before ))" \
    "$pg_before" "$(postgres_ticks)" "$(getconf CLK_TCK)" "$bench_dir/wrk-warmup.txt" <<'PY'
import re, sys
name, cpu, jit, tck, path = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[6]), sys.argv[7]
before, after = ({pid: int(t) for pid, t in (x.split(":") for x in arg.split())} for arg in sys.argv[4:6])
pg = sum(after[pid] - before[pid] for pid in before.keys() & after.keys())
text = open(path).read()
pct = dict(re.findall(r"^\s+(50|90|99)%\s+(\S+)", text, re.M))
requests = int(re.search(r"(\d+) requests in", text).group(1))
ms = 1000 / tck / requests
print(f"{name:<10} {requests / 10:>6,.0f} req/s   p50 {pct['50']:>8}   p90 {pct['90']:>8}   p99 {pct['99']:>8}   "
      f"serving CPU {cpu * ms:.2f} ms per request (JIT compilers {jit * ms:.2f}), PostgreSQL {pg * ms:.2f}")
PY
}

for n in $(seq 1 "$windows"); do
  window "t = $((10 + 10 * n)) s" "$rate" "$paced_connections"
done
for n in $(seq 1 "$saturated"); do
  window saturated 0 "$connections"
done
