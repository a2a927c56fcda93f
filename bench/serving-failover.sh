#!/usr/bin/env bash
# Serving replicas behind HAProxy (bin/balancer) on this machine: what the balancer costs, and what a replica killed
# under load costs.
#
#   bench/serving-failover.sh
#
# 1. Data: the benchmark database ${APP_DB:-movies}_bench as it is when it holds ratings (bench/serving-topn.sh
#    loads the ml-32m-sized release there), otherwise the bundled sample data/sample/ml-latest-small ingested into it.
# 2. Model: a synthetic EASE model over the database's movies (org.movierec.benchmarks.SyntheticModel, as
#    bench/serving-topn.sh) registered in the local MLflow server as the champion of movierec-bench-failover.
# 3. bin/balancer with its own ports and files (BALANCER_HOME=$BENCH_DIR/balancer): one replica, measured directly
#    (no balancer: the reference) and through HAProxy; then two replicas, through HAProxy. Each measurement is wrk
#    (one thread) on GET /api/users/{random user}/recommendations?n=10 with the administrator's bearer token, after
#    WARMUP seconds of the same requests on 8 connections: paced at RATE requests/s on PACED_CONNECTIONS connections
#    (bench/topn-load.lua: a fixed schedule whatever the latencies; p99 at a bounded load), then saturated on
#    CONNECTIONS connections (the most requests/s). Each line ends with the share of the machine's cores that other
#    processes than the replicas, HAProxy and wrk took during the run: other work on the machine skews the figures.
# 4. Failover: two replicas, paced at RATE requests/s through HAProxy for FAILOVER_DURATION seconds; KILL_AFTER
#    seconds in, the second replica is killed with kill -9. Prints the requests sent and those that failed (non-2xx
#    answers and socket errors as wrk counts them), the p99 of the run, HAProxy's retries and redispatches during it
#    and how long HAProxy took to mark the replica down. Then `bin/balancer up` starts the replica again.
# Everything wrk, HAProxy and the replicas wrote is in $BENCH_DIR (default /tmp/movierec-bench); the summary also goes
# to $BENCH_DIR/serving-failover.txt. On exit the replicas and HAProxy are stopped (bin/balancer down).
# Settings (environment): RATE=500 DURATION=30 WARMUP=60 CONNECTIONS=32 PACED_CONNECTIONS=50 FAILOVER_DURATION=40
#   KILL_AFTER=15 SERVING_JAVA_OPTS="-Xms1g -Xmx1g" (each replica) FAILOVER_BALANCER_PORT=18190 (HAProxy; its
#   statistics on the next port) FAILOVER_REPLICA_BASE_PORT=18180 (replicas on 18181, 18182)
set -euo pipefail
cd "$(dirname "$0")/.."

rate=${RATE:-500}
duration=${DURATION:-30}
warmup=${WARMUP:-60}
connections=${CONNECTIONS:-32}
paced_connections=${PACED_CONNECTIONS:-50}
failover_duration=${FAILOVER_DURATION:-40}
kill_after=${KILL_AFTER:-15}
for setting in rate duration warmup connections paced_connections failover_duration kill_after; do
  [[ "${!setting}" =~ ^[0-9]+$ ]] || { echo "[bench] ERROR: ${setting^^} must be a whole number, got '${!setting}'" >&2; exit 1; }
done
[ "$kill_after" -lt "$failover_duration" ] || { echo "[bench] ERROR: KILL_AFTER must be below FAILOVER_DURATION" >&2; exit 1; }
# shellcheck source=bench/serving-lib.sh
. bench/serving-lib.sh
# shellcheck source=bench/bench-classes.sh
. bench/bench-classes.sh
model=movierec-bench-failover
export PGPASSWORD=${APP_DB_PASSWORD:-movies}
export BALANCER_HOME=$bench_dir/balancer BALANCER_PORT=${FAILOVER_BALANCER_PORT:-18190}
export BALANCER_STATS_PORT=$((BALANCER_PORT + 1)) REPLICA_BASE_PORT=${FAILOVER_REPLICA_BASE_PORT:-18180}
export SPRING_DATASOURCE_URL=${SERVING_DATASOURCE_URL:-$database_url} SERVING_MODEL_NAME=$model
export MLFLOW_TRACKING_URI=$mlflow SERVING_ADMIN_USERNAME=bench SERVING_ADMIN_PASSWORD=bench-password
# the replicas read MLflow as serving's user
export "${serving_mlflow_login[@]}"
export SERVING_JAVA_OPTS=${SERVING_JAVA_OPTS--Xms1g -Xmx1g}
balancer=http://127.0.0.1:$BALANCER_PORT
stats="http://127.0.0.1:$BALANCER_STATS_PORT/;csv"
out=$bench_dir/serving-failover.txt
mkdir -p "$bench_dir"
trap 'SERVING_REPLICAS=2 bash bin/balancer down >/dev/null 2>&1 || true' EXIT

psql_bench() { psql -qtAX -h "${PGHOST:-localhost}" -p "${PGPORT:-5432}" -U "${APP_DB_USER:-movies}" "$db" "$@"; }

bash bin/balancer install >/dev/null
SERVING_REPLICAS=2 bash bin/balancer down >/dev/null   # what an earlier run left
bash bin/services up >/dev/null
command -v wrk >/dev/null || { log "installing wrk (Debian package)"; apt-get install -y -qq wrk >/dev/null; }
for jar in etl-batch training serving; do
  [ -f "$jar/target/$jar.jar" ] || ./mvnw -q -B -DskipTests package
done
ensure_bench_classes

if [ "$(psql_bench -c 'select exists (select 1 from ratings)' 2>/dev/null || echo f)" != t ]; then
  log "ingesting data/sample/ml-latest-small into $db"
  SPRING_DATASOURCE_URL=$database_url java -jar etl-batch/target/etl-batch.jar movielens \
    --input=data/sample/ml-latest-small > "$bench_dir/failover-etl.log" 2>&1 \
    || die "the ingestion failed: $bench_dir/failover-etl.log"
fi
USERS=$(psql_bench -c 'select max(user_id) from ratings where user_id < 1000000000')
export USERS
psql_bench -c "select format('%s movies, %s users, %s ratings', (select count(*) from movies),
  (select count(*) from users), (select count(*) from ratings))" >&2
psql_bench -c '\copy (select movie_id, title from movies order by movie_id) to stdout with (format csv, header)' \
  > "$bench_dir/failover-movies.csv"
log "registering a synthetic ease model over those movies as the champion of $model"
# from copies of training.jar and benchmarks-classes.jar (a build running beside this one may rewrite a jar while it is
# read), tried twice
register() {
  cp training/target/training.jar "$bench_dir/failover-training.jar"
  cp "$bench_classes" "$bench_dir/failover-benchmarks-classes.jar"
  env "${training_mlflow_login[@]}" java -cp "$bench_dir/failover-training.jar" \
    -Dloader.path="$bench_dir/failover-benchmarks-classes.jar" -Dloader.main=org.movierec.benchmarks.SyntheticModel \
    org.springframework.boot.loader.launch.PropertiesLauncher ease "$bench_dir/failover-movies.csv" "$mlflow" "$model" \
    > "$bench_dir/failover-register.log" 2>&1
}
register || { sleep 10; register; } || die "the model could not be registered: $bench_dir/failover-register.log"
tail -1 "$bench_dir/failover-register.log" >&2

# replicas N: bin/balancer up with N replicas (the balancer's configuration follows), then the administrator's token
replicas() {
  log "bin/balancer up with $1 replica(s)"
  SERVING_REPLICAS=$1 bash bin/balancer up > "$bench_dir/failover-balancer-up.log" 2>&1 \
    || { cat "$bench_dir/failover-balancer-up.log" >&2; die "bin/balancer up failed"; }
  until curl -sf "$balancer/api/model" | grep -q '"loaded":true'; do sleep 0.5; done
  TOKEN=$(curl -sf -u bench:bench-password -X POST "$balancer/api/auth/token" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')
  export TOKEN
}

# CPU seconds used so far by the whole machine (busy: all but idle, iowait and steal) and by the replicas and HAProxy
cpu_seconds() {
  local pids
  pids=$(cat "$BALANCER_HOME"/*.pid 2>/dev/null | tr '\n' ' ')
  python3 - $pids <<'PY'
import os, sys
hz = os.sysconf("SC_CLK_TCK")
user, nice, system, idle, iowait, irq, softirq, steal = map(int, open("/proc/stat").readline().split()[1:9])
ours = 0
for pid in sys.argv[1:]:
    try:
        fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
        ours += int(fields[11]) + int(fields[12])
    except (OSError, IndexError):
        pass
print((user + nice + system + irq + softirq) / hz, ours / hz)
PY
}

# measure NAME BASE_URL: warm-up, then paced and saturated runs, one summary line each, with the share of the two
# cores that processes other than the replicas, HAProxy and wrk took (other work on the machine disturbs the figures)
measure() {
  local name=$1 base=$2 run conns run_rate busy0 ours0 busy1 ours1 wrk_cpu TIMEFORMAT='%U %S'
  TOPN_PATH="/api/users/%d/recommendations?n=10" wrk -t1 -c8 -d"${warmup}s" -s bench/topn-load.lua "$base" > /dev/null
  for run in paced saturated; do
    if [ "$run" = paced ]; then conns=$paced_connections run_rate=$rate; else conns=$connections run_rate=0; fi
    vmstat 1 "$((duration + 1))" > "$bench_dir/vmstat-failover-$name-$run.txt" &
    local vmstat_pid=$!
    read -r busy0 ours0 < <(cpu_seconds)
    wrk_cpu=$( { time RATE=$run_rate TOPN_PATH="/api/users/%d/recommendations?n=10" wrk -t1 -c"$conns" \
      -d"${duration}s" --latency -s bench/topn-load.lua "$base" > "$bench_dir/wrk-failover-$name-$run.txt"; } 2>&1 )
    read -r busy1 ours1 < <(cpu_seconds)
    wait "$vmstat_pid"
    printf '%s | others %s %%\n' \
      "$(wrk_summary "$name-$run" "$bench_dir/wrk-failover-$name-$run.txt" "$bench_dir/vmstat-failover-$name-$run.txt")" \
      "$(python3 -c "print(round(100 * max(0, ($busy1 - $busy0) - ($ours1 - $ours0) - sum(map(float, '$wrk_cpu'.split())))
        / ($(nproc) * $duration)))")"
  done
}

# HAProxy's counters of the replicas' backend: retries, redispatches (cumulative since HAProxy started)
backend_counters() {
  curl -sf "$stats" | python3 -c '
import csv, sys
rows = list(csv.DictReader(line.lstrip("# ") for line in sys.stdin))
b = next(r for r in rows if r["pxname"] == "replicas" and r["svname"] == "BACKEND")
print(b["wretr"] or 0, b["wredis"] or 0)'
}

server_status() {
  curl -sf "$stats" | awk -F, -v server="$1" '$1 == "replicas" && $2 == server { print $18 }'
}

{
  printf 'serving replicas behind HAProxy %s, %s cores; wrk over loopback, 1 thread, %s s measured after %s s of warm-up\n' \
    "$(haproxy -v | sed -n 's/^HAProxy version \([^ ]*\).*/\1/p')" "$(nproc)" "$duration" "$warmup"
  printf 'top-10 of a random user of 1..%s, EASE over the catalogue; paced: %s req/s offered on %s connections; saturated: %s connections\n' \
    "$USERS" "$rate" "$paced_connections" "$connections"

  replicas 1
  measure direct-1-replica "http://127.0.0.1:$((REPLICA_BASE_PORT + 1))"
  measure haproxy-1-replica "$balancer"
  replicas 2
  measure haproxy-2-replicas "$balancer"

  # the failover: a paced run, one replica killed with kill -9 in the middle of it
  read -r retries_before redispatches_before < <(backend_counters)
  victim_port=$((REPLICA_BASE_PORT + 2))
  victim=$(cat "$BALANCER_HOME/serving-$victim_port.pid")
  RATE=$rate TOPN_PATH="/api/users/%d/recommendations?n=10" wrk -t1 -c"$paced_connections" -d"${failover_duration}s" \
    --latency -s bench/topn-load.lua "$balancer" > "$bench_dir/wrk-failover-kill.txt" &
  wrk_pid=$!
  sleep "$kill_after"
  kill -9 "$victim"
  killed=$(date +%s.%N)
  until [ "$(server_status serving-2)" = DOWN ]; do
    python3 -c "import sys; sys.exit($(date +%s.%N) - $killed > 30)" || die "HAProxy did not mark the killed replica down within 30 s"
    sleep 0.05
  done
  marked_down=$(python3 -c "print(f'{$(date +%s.%N) - $killed:.2f}')")
  wait "$wrk_pid"
  read -r retries_after redispatches_after < <(backend_counters)
  python3 - "$bench_dir/wrk-failover-kill.txt" "$victim_port" "$kill_after" "$failover_duration" "$marked_down" \
    "$((retries_after - retries_before))" "$((redispatches_after - redispatches_before))" <<'PY'
import re, sys
text, port, after, total, down, retries, redispatches = open(sys.argv[1]).read(), *sys.argv[2:]
sent = int(re.search(r"(\d+) requests in", text).group(1))
non2xx = int((re.search(r"Non-2xx or 3xx responses: (\d+)", text) or [0, 0])[1])
socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
socket_errors = sum(map(int, socket.groups())) if socket else 0
p99 = re.search(r"^\s+99%\s+(\S+)", text, re.M).group(1)
print(f"failover: replica 127.0.0.1:{port} killed with kill -9 {after} s into {total} s of paced load: "
      f"{non2xx + socket_errors} of {sent:,} requests failed ({non2xx} non-2xx, {socket_errors} socket errors"
      + (f": {socket.group(0)[len('Socket errors: '):]}" if socket else "") + f"); p99 of the run {p99}; "
      f"HAProxy marked it DOWN {down} s after the kill and retried {retries} requests ({redispatches} redispatched)")
PY
  started=$(date +%s)
  SERVING_REPLICAS=2 bash bin/balancer up > "$bench_dir/failover-balancer-up.log" 2>&1 || die "bin/balancer up failed"
  printf 'bin/balancer up started the killed replica again: ready and UP again after %s s\n' "$(($(date +%s) - started))"
} > >(tee "$out")
