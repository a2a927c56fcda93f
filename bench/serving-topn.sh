#!/usr/bin/env bash
# Serving's top-10 endpoint under load, at the size of ml-32m, over loopback with wrk.
#
#   bench/serving-topn.sh [MODEL_TYPE ...]       model types: ease (default champion shape) and mf; default both
#
# 1. Data: the ml-32m-shaped release of bench/generate-ratings.py (87,585 movies, 200,948 users, 32,000,204
#    ratings; generated once under $BENCH_DIR, default /tmp/movierec-bench) ingested by etl-batch into the
#    database ${APP_DB:-movies}_bench (a fast no-op when already loaded).
# 2. Per model type: a model of that shape with random parameters (org.movierec.benchmarks.SyntheticModel:
#    ease with 20,000 modelled items x 1,250 weights a row, mf with 100 factors for every movie), registered in the
#    local MLflow server as the champion of movierec-bench-TYPE.
# 3. serving.jar on that database and model (time until it is ready with the model loaded), an administrator's
#    bearer token, then wrk (one thread) over loopback:
#      reference  GET /api/model (no database, no scoring) at RATE requests/s: HTTP, token check and JSON alone
#      top-10     GET /api/users/{random of 200,948}/recommendations?n=10 at RATE requests/s
#      (at a fixed rate: bench/topn-load.lua sends one request every 1000/RATE ms on whichever of PACED_CONNECTIONS
#      connections is idle, whatever the latencies, so a slow answer does not lower the rate offered; the rate
#      wrk reports is the rate achieved)
#      saturated  the same top-10 with CONNECTIONS connections, each sending again as soon as it has the answer
#      reference  (factor models) ../shared/reference/factor_scoring.py right after, in the venv of
#                 bench/python-venv.sh: numpy's OpenBLAS products of the same shape on one core, one user and 32 at once
#    each after WARMUP seconds of the same requests on 8 connections, printing requests/s and wrk's latency percentiles,
#    and the machine's CPU use during the measured run from vmstat (busy: user + system; steal: time the virtual
#    machine's host took from it); then the JVM's heap and the process's resident memory.
#    The warm-up is long because at 1,000 requests/s on two cores the JIT needs 50 to 110 s after a start before
#    serving runs compiled code (its CPU per request falls from ~1.6-2.4 ms to ~0.7 ms then).
# Settings (environment): RATE=1000 DURATION=60 WARMUP=60 CONNECTIONS=32 PACED_CONNECTIONS=50
#   SERVING_JAVA_OPTS="-Xms1g -Xmx1g" (a fixed 1 GB heap: fewer young collections than the JVM's default sizing;
#   set it empty for the JVM's defaults); they come after serving/jvm.options (the G1 settings every start of serving
#   passes), so they override it: "-Xms1g -Xmx1g -XX:MaxTenuringThreshold=15 -XX:+G1UseAdaptiveIHOP" runs with G1's
#   own settings
#   SERVING_PORT=18080
#   SERVING_KERNEL=blas: factor models score with BLAS instead of the Vector API (serving started without
#   --add-modules jdk.incubator.vector), for comparisons
#   SERVING_SCORING_ROUNDED_FACTORS=false: factor models score every title exactly instead of from factors rounded to
#   bfloat16 with the candidates rescored (serving.scoring.rounded-factors), for comparisons
#   SERVING_ANSWERS_KEPT: serving's serving.recommendation.answers-kept (default 50,000; 0: every request scored). The
#   top-N runs print how many answers were given again from those kept: the users are drawn anew in each run (seeded
#   from the clock; SEED=N repeats them), uniformly from 200,948, so few repeat. For a factor model they also print
#   the scoring batches and their mean size (movierec_scoring_batch_size): small batches at saturation mean that the
#   rest of a request, not the scoring thread, sets the pace.
#   SERVING_DATASOURCE_URL: serving's JDBC URL (default: the ingestion's, jdbc:postgresql://localhost:5432/movies_bench,
#   over TLS like any PgJDBC connection to a server that offers it; add ?sslmode=disable for a plain one)
# Output also goes to $BENCH_DIR/serving-topn-<type>.txt.
set -euo pipefail
cd "$(dirname "$0")/.."

rate=${RATE:-1000}
duration=${DURATION:-60}
warmup=${WARMUP:-60}
connections=${CONNECTIONS:-32}
paced_connections=${PACED_CONNECTIONS:-50}
types=("$@")
[ ${#types[@]} -gt 0 ] || types=(ease mf)
# shellcheck source=bench/serving-lib.sh
. bench/serving-lib.sh
# shellcheck source=bench/python-venv.sh
. bench/python-venv.sh
# shellcheck source=bench/bench-classes.sh
. bench/bench-classes.sh
reference=../shared/reference/factor_scoring.py
data=$bench_dir/scale-1
export PGPASSWORD=${APP_DB_PASSWORD:-movies}

bash bin/services up >/dev/null
ensure_python_venv
bash bin/native-blas
command -v wrk >/dev/null || { log "installing wrk (Debian package)"; apt-get install -y -qq wrk >/dev/null; }
for jar in etl-batch training serving; do
  [ -f "$jar/target/$jar.jar" ] || ./mvnw -q -B -DskipTests package
done
ensure_bench_classes

if [ ! -f "$data/ratings.csv" ]; then
  log "generating the ml-32m-shaped release in $data"
  python3 bench/generate-ratings.py "$data" 1
fi
log "ingesting $data into $db (a no-op when unchanged)"
SPRING_DATASOURCE_URL=$database_url java -jar etl-batch/target/etl-batch.jar movielens --input="$data" \
  > "$bench_dir/serving-etl.log" 2>&1 || die "the ingestion failed: $bench_dir/serving-etl.log"
psql -qtAX -h "${PGHOST:-localhost}" -U "${APP_DB_USER:-movies}" "$db" \
  -c "select format('%s movies, %s users, %s ratings', (select count(*) from movies), (select count(*) from users),
      (select count(*) from ratings))" >&2

# wrk_run NAME LUA_PATH_OR_URL_ARGS...: prints requests/s and the latency percentiles of a measured run
wrk_run() {
  local name=$1 conns=$2 rate=$3 path=$4
  # Warm-up on 8 connections, each sending again when answered: the load follows what the server can do while the
  # JIT compiles, instead of a fixed rate piling up requests behind a cold server.
  TOPN_PATH=$path wrk -t1 -c8 -d"${warmup}s" -s bench/topn-load.lua "$base" > /dev/null
  local before
  before=$(answers_given)
  vmstat 1 "$((duration + 1))" > "$bench_dir/vmstat-$name.txt" &
  local vmstat_pid=$!
  RATE=$rate TOPN_PATH=$path wrk -t1 -c"$conns" -d"${duration}s" --latency -s bench/topn-load.lua "$base" \
    > "$bench_dir/wrk-$name.txt"
  wait "$vmstat_pid"
  wrk_summary "$name" "$bench_dir/wrk-$name.txt" "$bench_dir/vmstat-$name.txt"
  if [[ $path == *recommendations* ]]; then
    local after
    after=$(answers_given)
    python3 -c 'import sys; b, a = [list(map(float, x.split())) for x in sys.argv[1:]]; hit, miss = a[0] - b[0], a[1] - b[1]
print("%-22s answers kept given again: %d of %d (%.1f %%)" % ("", hit, hit + miss, 100 * hit / max(hit + miss, 1)))
if a[2] > b[2]:
    print("%-22s titles rescored exactly after the rounded factors: %.1f an answer scored" % ("", (a[2] - b[2]) / max(miss, 1)))
if a[3] > b[3]:
    print("%-22s scoring batches: %d, %.1f users a batch" % ("", a[3] - b[3], (a[4] - b[4]) / (a[3] - b[3])))' \
      "$before" "$after"
  fi
}

# answers_given: the top-N answers since start given again from those kept, those scored, the titles rescored
# exactly after a scoring from rounded factors, and a factor model's scoring batches and the users they scored
# ("HITS MISSES RESCORED BATCHES USERS")
answers_given() {
  curl -sf -H "Authorization: Bearer $TOKEN" "$base/actuator/prometheus" | python3 -c '
import re, sys
text = sys.stdin.read()
def value(name):
    found = re.search(r"^%s(?:\{\})? (\S+)" % name, text, re.M)
    return found.group(1) if found else 0
print(*(re.search(r"^movierec_topn_answers_total\{result=\"%s\"\} (\S+)" % r, text, re.M).group(1) for r in ("hit", "miss")),
      value("movierec_scoring_rescored_total"), value("movierec_scoring_batch_size_count"),
      value("movierec_scoring_batch_size_sum"))'
}

for type in "${types[@]}"; do
  out=$bench_dir/serving-topn-$type.txt
  {
    model=movierec-bench-$type
    log "registering a synthetic $type model of ml-32m shape as the champion of $model"
    env "${training_mlflow_login[@]}" java -cp training/target/training.jar -Dloader.path="$bench_classes" \
      -Dloader.main=org.movierec.benchmarks.SyntheticModel \
      org.springframework.boot.loader.launch.PropertiesLauncher "$type" "$data/movies.csv" "$mlflow" "$model" >&2

    log "starting serving on port $port (log: $bench_dir/serving-$type.log)"
    started=$(date +%s.%N)
    start_serving "$model" "$bench_dir/serving-$type.log"
    printf 'model %s (synthetic, ml-32m shape): serving ready with the model loaded %.1f s after start\n' \
      "$type" "$(python3 -c "print($(date +%s.%N) - $started)")"
    printf 'wrk over loopback, 1 thread, %s s measured after %s s of warm-up; paced: %s req/s offered on %s connections\n' \
      "$duration" "$warmup" "$rate" "$paced_connections"
    wrk_run "reference-$type" "$paced_connections" "$rate" "/api/model?u=%d"
    wrk_run "top10-$type" "$paced_connections" "$rate" "/api/users/%d/recommendations?n=10"
    wrk_run "saturated-$type" "$connections" 0 "/api/users/%d/recommendations?n=10"
    if [ "$type" != ease ]; then
      # the reference beside it, same machine, same moment: plain OpenBLAS (numpy) products of this shape
      if [ -f "$reference" ]; then
        OPENBLAS_CORETYPE= OPENBLAS_L2_SIZE= "$venv/bin/python" "$reference" 87585 100 32 \
          | sed 's/^/reference (numpy, factor_scoring.py): /'
      else
        echo "reference: $reference not found (../shared beside the checkout)"
      fi
    fi
    curl -sf -H "Authorization: Bearer $TOKEN" "$base/actuator/prometheus" | python3 -c '
import re, sys
text = sys.stdin.read()
def mib(name, area):
    values = re.findall(r"^" + name + r"\{[^}]*area=\"" + area + r"\"[^}]*\} (\S+)", text, re.M)
    return sum(float(v) for v in values) / 2**20
print("JVM heap used %.0f MiB of %.0f MiB committed (max %.0f MiB); non-heap used %.0f MiB" % (
    mib("jvm_memory_used_bytes", "heap"), mib("jvm_memory_committed_bytes", "heap"),
    mib("jvm_memory_max_bytes", "heap"), mib("jvm_memory_used_bytes", "nonheap")))'
    printf 'process resident memory %s MiB\n' "$(( $(ps -o rss= -p "$serving_pid") / 1024 ))"
    stop_serving
  } > >(tee "$out")
done
