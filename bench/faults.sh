#!/usr/bin/env bash
# Faults under load: what PostgreSQL restarted or stopped, MLflow stopped, and serving killed during a model swap cost
# serving's clients.
#
#   bench/faults.sh
#
# 1. Services: bin/services (the local PostgreSQL, for MLflow's own database) and the second PostgreSQL cluster of
#    bin/pg-faults (port 5440), which this script stops and restarts, with its database ${FAULTS_DB:-movies_faults_bench}
#    holding the bundled sample data/sample/ml-latest-small (ingested by etl-batch when empty); an MLflow server of
#    the script's own on port ${FAULTS_MLFLOW_PORT:-5056} (bin/services with MOVIEREC_HOME=$BENCH_DIR/faults-mlflow,
#    reusing the installed server's virtual environment; backend database mlflow_faults), which it stops and starts.
#    The shared cluster on 5432 and the MLflow server on 5000 are never stopped.
# 2. Model: two synthetic EASE models over the sample's movies (org.movierec.benchmarks.SyntheticModel) registered
#    in that MLflow server, the second as the champion of movierec-bench-faults; serving.jar on the faults cluster,
#    polling the registry every 2 s.
# 3. Per scenario, DURATION seconds of load over loopback: wrk (one thread, bench/faults-load.lua) asks the top-10 of a
#    random user at RATE requests/s on CONNECTIONS connections (a fixed schedule whatever the latencies; wrk's timeout
#    30 s), and bench/faults-writes.py posts WRITE_RATE new ratings/s (each user and movie pair once, for platform
#    users the script creates); FAULT_AFTER seconds in, the fault:
#      baseline       none
#      pg-restart     pg_ctlcluster ... restart -m fast (what the weekly maintenance or a failover does)
#      pg-down        pg_ctlcluster ... stop -m fast, started again DOWN_FOR seconds later
#      mlflow-down    the MLflow server stopped, started again DOWN_FOR seconds later (serving polls it meanwhile)
#      swap-killed    the champion alias moved to the previous version; once serving has begun downloading it (a
#                     new folder in its model cache) and SWAP_KILL_DELAY s more, serving.jar killed (SIGKILL) and
#                     started again at once: it loads the version its cache's "current" names (checked against its
#                     checksums), then the champion from the registry. The load lasts SWAP_DURATION s. One replica:
#                     every request fails while it is down (status 0: the reads of the schedule left unanswered)
# 4. A table: scenario, requests sent (reads and writes), those that failed by status (0: no answer, as wrk's socket
#    errors), the longest stretch without a successful answer (reads and writes together), and whether every row is
#    accounted for: each rating answered 201 is in the table, each refused one is not (except a 503 that says the
#    connection was lost during the commit: the rating may have been saved, counted apart), and every movie's
#    figures (movie_rating_stats) are those of its ratings. Below it, what serving logged about MLflow in mlflow-down,
#    and in swap-killed which version the restart loaded from its cache, how long after its start it was ready, and
#    when it served the new champion.
# Everything written is in $BENCH_DIR (default /tmp/movierec-bench); the table also goes to $BENCH_DIR/faults.txt.
# Settings (environment): RATE=200 WRITE_RATE=10 DURATION=20 FAULT_AFTER=5 DOWN_FOR=8 WARMUP=15 CONNECTIONS=20
#   SERVING_JAVA_OPTS="-Xms1g -Xmx1g" SERVING_PORT=18080 FAULTS_PG_PORT=5440 FAULTS_MLFLOW_PORT=5056
#   SWAP_KILL_DELAY=0.3 SWAP_DURATION=40
set -euo pipefail
cd "$(dirname "$0")/.."

rate=${RATE:-200}
write_rate=${WRITE_RATE:-10}
duration=${DURATION:-20}
fault_after=${FAULT_AFTER:-5}
down_for=${DOWN_FOR:-8}
warmup=${WARMUP:-15}
connections=${CONNECTIONS:-20}
for setting in rate write_rate duration fault_after down_for warmup connections; do
  [[ "${!setting}" =~ ^[0-9]+$ ]] || { echo "[bench] ERROR: ${setting^^} must be a whole number, got '${!setting}'" >&2; exit 1; }
done
[ $((fault_after + down_for)) -lt "$duration" ] || { echo "[bench] ERROR: FAULT_AFTER + DOWN_FOR must be below DURATION" >&2; exit 1; }

export FAULTS_DB=${FAULTS_DB:-movies_faults_bench} FAULTS_PG_PORT=${FAULTS_PG_PORT:-5440}
mlflow_port=${FAULTS_MLFLOW_PORT:-5056}
export MLFLOW_TRACKING_URI=http://127.0.0.1:$mlflow_port
export SERVING_DATASOURCE_URL=jdbc:postgresql://localhost:$FAULTS_PG_PORT/$FAULTS_DB
# 1 GB: a swap holds the version served and the one loading (about 200 MB each) at once
export SERVING_JAVA_OPTS="${SERVING_JAVA_OPTS--Xms1g -Xmx1g} -Dserving.model.poll-interval=PT2S"
# a token signing secret of its own, so that the bench's token outlives swap-killed's restart (random per start else)
export SERVING_TOKEN_SECRET=${SERVING_TOKEN_SECRET:-faults-bench-token-signing-secret-0123456789}
# shellcheck source=bench/serving-lib.sh
. bench/serving-lib.sh
# shellcheck source=bench/bench-classes.sh
. bench/bench-classes.sh
model=movierec-bench-faults
mlflow_home=$bench_dir/faults-mlflow
cluster="$(ls /usr/lib/postgresql | sort -V | tail -1) ${FAULTS_PG_CLUSTER:-faults}"
out=$bench_dir/faults.txt
first_platform_user=1900000000
export PGPASSWORD=${APP_DB_PASSWORD:-movies}
mkdir -p "$bench_dir"

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
psql_faults() { psql -qtAX -h localhost -p "$FAULTS_PG_PORT" -U "${APP_DB_USER:-movies}" "$FAULTS_DB" "$@"; }
now_ms() { python3 -c 'import time; print(f"{time.monotonic() * 1000:.1f}")'; }

# the script's own MLflow server: bin/services with its own home (pid file, lock, artifacts), the installed venv
mlflow_up() {
  mkdir -p "$mlflow_home"
  ln -sfn "${MOVIEREC_HOME:-$HOME/.local/share/movierec}/mlflow-venv" "$mlflow_home/mlflow-venv"
  MOVIEREC_HOME=$mlflow_home MLFLOW_PORT=$mlflow_port MLFLOW_DB=mlflow_faults bash bin/services up \
    > "$bench_dir/faults-mlflow-up.log" 2>&1 || { cat "$bench_dir/faults-mlflow-up.log" >&2; die "its MLflow server did not start"; }
}
mlflow_down() {
  local pid
  pid=$(cat "$mlflow_home/mlflow.pid" 2>/dev/null) || return 0
  kill -TERM -- "-$pid" 2>/dev/null || true
  for _ in $(seq 1 40); do kill -0 -- "-$pid" 2>/dev/null || break; sleep 0.5; done
  rm -f "$mlflow_home/mlflow.pid"
}
trap 'stop_serving; mlflow_down; as_root pg_ctlcluster $cluster start 2>/dev/null || true' EXIT

bash bin/services up >/dev/null
bash bin/pg-faults up >/dev/null
mlflow_up
command -v wrk >/dev/null || { log "installing wrk (Debian package)"; apt-get install -y -qq wrk >/dev/null; }
for jar in etl-batch training serving; do
  [ -f "$jar/target/$jar.jar" ] || ./mvnw -q -B -DskipTests package -pl etl-batch,training,serving -am
done
ensure_bench_classes

if [ "$(psql_faults -c 'select exists (select 1 from ratings)' 2>/dev/null || echo f)" != t ]; then
  log "ingesting data/sample/ml-latest-small into $FAULTS_DB"
  SPRING_DATASOURCE_URL=$SERVING_DATASOURCE_URL java -jar etl-batch/target/etl-batch.jar movielens \
    --input=data/sample/ml-latest-small > "$bench_dir/faults-etl.log" 2>&1 || die "the ingestion failed: $bench_dir/faults-etl.log"
fi
USERS=$(psql_faults -c "select max(user_id) from ratings where user_id < $first_platform_user")
export USERS
# what an earlier run wrote: the bench's platform users and their ratings
psql_faults -c "delete from ratings where user_id >= $first_platform_user and user_id < $first_platform_user + 100000" \
  -c "delete from users where user_id >= $first_platform_user and user_id < $first_platform_user + 100000" \
  -c "select rebuild_movie_rating_stats()" >/dev/null
psql_faults -c "insert into users (user_id, origin, name) select $first_platform_user + n, 'platform', 'faults ' || n
  from generate_series(0, 9999) n"
psql_faults -c 'select movie_id from movies order by movie_id limit 100' > "$bench_dir/faults-movies.txt"
psql_faults -c '\copy (select movie_id, title from movies order by movie_id) to stdout with (format csv, header)' \
  > "$bench_dir/faults-movies.csv"
log "registering two synthetic ease models in $MLFLOW_TRACKING_URI, the second as the champion of $model"
cp training/target/training.jar "$bench_dir/faults-training.jar"
cp "$bench_classes" "$bench_dir/faults-benchmarks-classes.jar"
: > "$bench_dir/faults-register.log"
for _ in 1 2; do   # swap-killed moves the champion alias back to the first
  env "${training_mlflow_login[@]}" java -cp "$bench_dir/faults-training.jar" \
    -Dloader.path="$bench_dir/faults-benchmarks-classes.jar" -Dloader.main=org.movierec.benchmarks.SyntheticModel \
    org.springframework.boot.loader.launch.PropertiesLauncher ease "$bench_dir/faults-movies.csv" "$MLFLOW_TRACKING_URI" \
    "$model" >> "$bench_dir/faults-register.log" 2>&1 || die "the model could not be registered: $bench_dir/faults-register.log"
done
champion=$(sed -n 's/.* as version \([0-9]*\) of .*/\1/p' "$bench_dir/faults-register.log" | tail -1)
previous=$((champion - 1))
rm -rf "$bench_dir/serving-cache"   # the restart of swap-killed must find this run's cache only

serving_log=$bench_dir/faults-serving.log
! curl -s -o /dev/null "$base/actuator/health" || die "something answers on $base already (SERVING_PORT sets another port)"
start_serving "$model" "$serving_log"
log "serving is ready; warming up for $warmup s"
RATE=$rate LOG=/dev/null wrk -t1 -c"$connections" -d"${warmup}s" --timeout 30s -s bench/faults-load.lua "$base" > /dev/null

# swap-killed's fault: the champion alias moved to $previous, serving killed once its download has begun
cache_dir=$bench_dir/serving-cache/$model
swap_kill() {
  local current
  current=$(cat "$cache_dir/current")
  env "${training_mlflow_login[@]}" python3 - "$MLFLOW_TRACKING_URI" "$model" "$previous" <<'PY'
import base64, json, os, sys, urllib.request
url, name, version = sys.argv[1:4]
login = base64.b64encode(f"{os.environ['MLFLOW_TRACKING_USERNAME']}:{os.environ['MLFLOW_TRACKING_PASSWORD']}".encode())
request = urllib.request.Request(url + "/api/2.0/mlflow/registered-models/alias", method="POST",
                                 data=json.dumps({"name": name, "alias": "champion", "version": version}).encode(),
                                 headers={"Content-Type": "application/json", "Authorization": b"Basic " + login})
urllib.request.urlopen(request, timeout=10).read()
PY
  swap_started=$(now_ms)
  until find "$cache_dir" -mindepth 1 -maxdepth 1 -type d -name 'v*' ! -name "$current" | grep -q .; do
    [ $(( ${swap_started%.*} + 30000 )) -gt "$(now_ms | cut -d. -f1)" ] || die "serving did not begin the download"
    sleep 0.05
  done
  sleep "${SWAP_KILL_DELAY:-0.3}"
  swap_kill_wait=$(python3 -c "print(f'{($(now_ms) - $swap_started) / 1000:.2f}')")
  swap_current=$(cat "$cache_dir/current")
  kill -KILL "$serving_pid"
  wait "$serving_pid" 2>/dev/null || true
}
swap_restart() {
  restart_started=$(now_ms)
  start_serving "$model" "$bench_dir/faults-serving-restarted.log"
  restart_ready=$(python3 -c "print(f'{($(now_ms) - $restart_started) / 1000:.1f}')")
}

# scenario NAME INDEX FAULT [RECOVERY]: the load for DURATION s, FAULT run FAULT_AFTER s in, RECOVERY DOWN_FOR s later
scenario() {
  local name=$1 index=$2 fault=$3 recovery=${4:-} start end wrk_pid writes_pid
  local reads=$bench_dir/faults-$name-reads.log writes=$bench_dir/faults-$name-writes.log
  start=$(now_ms)
  RATE=$rate LOG=$reads wrk -t1 -c"$connections" -d"${duration}s" --timeout 30s -s bench/faults-load.lua "$base" \
    > "$bench_dir/faults-$name-wrk.txt" &
  wrk_pid=$!
  python3 bench/faults-writes.py "$base" "$TOKEN" $((first_platform_user + index * 1000)) 1000 \
    "$bench_dir/faults-movies.txt" "$write_rate" "$duration" "$writes" &
  writes_pid=$!
  sleep "$fault_after"
  eval "$fault"
  if [ -n "$recovery" ]; then
    sleep "$down_for"
    eval "$recovery"
  fi
  wait "$wrk_pid" "$writes_pid"
  end=$(python3 -c "print($start + $duration * 1000)")   # the end of the load (a recovery may outlast it)
  kill -0 "$serving_pid" 2>/dev/null || die "serving stopped during $name: $serving_log"
  # the ratings answered 201 and those refused, as the database has them now
  python3 - "$writes" > "$bench_dir/faults-$name-check.sql" <<'PY'
import sys
rows = [line.split() for line in open(sys.argv[1])]
def pairs(rows):
    return ", ".join(f"({r[1]}, {r[2]})" for r in rows) or "(0, 0)"
written = [r for r in rows if r[3] == '201']
refused = [r for r in rows if r[3] != '201' and r[4] == '0']
cut_off = [r for r in rows if r[4] == '1']
print(f"select (select count(*) from ratings where (user_id, movie_id) in ({pairs(written)})),"
      f" (select count(*) from ratings where (user_id, movie_id) in ({pairs(refused)})),"
      f" (select count(*) from ratings where (user_id, movie_id) in ({pairs(cut_off)})),")
print("""(select count(*) from (select movie_id, count(*) as ratings, sum(rating::double precision) as rating_sum,
                 count(*) filter (where rating >= 3.5) as liked from ratings group by movie_id) r
         full join movie_rating_stats s using (movie_id)
         where r.ratings is distinct from s.ratings or r.liked is distinct from s.liked
            or r.rating_sum is null or s.rating_sum is null or abs(r.rating_sum - s.rating_sum) > 1e-6)""")
PY
  until psql_faults -c 'select 1' >/dev/null 2>&1; do sleep 0.5; done
  python3 - "$name" "$reads" "$writes" "$bench_dir/faults-$name-wrk.txt" "$start" "$end" \
    "$(psql_faults -F ' ' -f "$bench_dir/faults-$name-check.sql")" $((rate * duration)) <<'PY'
import collections, re, sys
name, reads, writes, wrk, start, end, check, scheduled = sys.argv[1:9]
answers = [(float(t), int(s)) for t, s in (line.split() for line in open(reads))]
written = [(float(t), int(s), int(c)) for t, _, _, s, c in (line.split() for line in open(writes))]
socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", open(wrk).read())
# wrk counts an error at each try of a connection that is refused, many a millisecond while serving is down: the
# reads of the schedule that got no answer count instead, when fewer
unanswered = min(sum(map(int, socket.groups())), max(0, int(scheduled) - len(answers))) if socket else 0
statuses = collections.Counter(s for _, s, *_ in answers + written)
statuses[0] += unanswered
failed = {s: n for s, n in sorted(statuses.items()) if n and not 200 <= s < 300}
successes = sorted(t for t, s, *_ in answers + written if 200 <= s < 300)
times = [float(start)] + successes + [float(end)]
longest = max(b - a for a, b in zip(times, times[1:]))
stored, refused_stored, cut_off_stored, figures_off = map(int, check.split())
committed = sum(1 for _, s, _ in written if s == 201)
cut_off = sum(c for _, _, c in written)
accounted = stored == committed and refused_stored == 0 and figures_off == 0
requests = len(answers) + unanswered + len(written)
print(f"{name:<12} {requests:>9,} {', '.join(f'{s}: {n}' for s, n in failed.items()) or 'none':>22} "
      f"{longest / 1000:>13.2f} s   " + (f"yes ({committed} ratings written, {len(written) - committed} refused"
      + (f", {cut_off} of them during their commit: {cut_off_stored} saved" if cut_off else "") + ")"
      if accounted else f"NO: {stored} of {committed} written found, {refused_stored} refused found, "
      f"{figures_off} movies' figures off"))
PY
}

{
  printf 'faults under load, %s cores; serving.jar on ml-latest-small with a synthetic EASE model; per scenario %s s of\n' \
    "$(nproc)" "$duration"
  printf 'top-10 reads at %s req/s (wrk, %s connections) and %s rating writes/s; the fault %s s in; down for %s s\n' \
    "$rate" "$connections" "$write_rate" "$fault_after" "$down_for"
  printf '%-12s %9s %22s %15s   %s\n' scenario requests 'failed (by status)' 'longest w/o 2xx' 'rows accounted for'
  scenario baseline 0 true
  scenario pg-restart 1 "as_root pg_ctlcluster $cluster restart -m fast"
  scenario pg-down 2 "as_root pg_ctlcluster $cluster stop -m fast" "as_root pg_ctlcluster $cluster start"
  lines_before=$(wc -l < "$serving_log")
  scenario mlflow-down 3 mlflow_down mlflow_up
  sleep 3   # a poll or two after MLflow is back
  printf 'mlflow-down: serving logged "cannot be asked" %s time(s) and "answers again" %s time(s) (polling every 2 s)\n' \
    "$(tail -n +"$lines_before" "$serving_log" | grep -c 'cannot be asked' || true)" \
    "$(tail -n +"$lines_before" "$serving_log" | grep -c 'answers again' || true)"
  # serving started again at once (as a supervisor would), the load long enough to see it answer again
  duration=${SWAP_DURATION:-40} down_for=0 scenario swap-killed 4 swap_kill swap_restart
  restarted=$bench_dir/faults-serving-restarted.log
  for _ in $(seq 1 240); do curl -sf "$base/api/model" | grep -q "\"version\":$previous[,}]" && break; sleep 0.5; done
  printf 'swap-killed: killed %s s after the alias moved to version %s (cache "current": %s); the restart loaded version %s from its cache (%s refused), ready %s s after its start; version %s served %s s after its start\n' \
    "$swap_kill_wait" "$previous" "$swap_current" \
    "$(sed -n 's/.* version \([0-9]*\) as the ranker from the cache.*/\1/p' "$restarted" | head -1)" \
    "$(grep -c 'is refused' "$restarted" || true)" "$restart_ready" "$previous" \
    "$(python3 -c "print(f'{($(now_ms) - $restart_started) / 1000:.1f}')")"
} > >(tee "$out")
