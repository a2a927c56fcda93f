# Sourced by bench/serving-topn.sh, bench/serving-warmup.sh and bench/serving-failover.sh: settings shared by them,
# serving.jar started on the benchmark database with the champion of a registered model (stopped on exit), and
# the one-line summary of a wrk run.

port=${SERVING_PORT:-18080}
bench_dir=${BENCH_DIR:-/tmp/movierec-bench}
db=${APP_DB:-movies}_bench
mlflow=${MLFLOW_TRACKING_URI:-http://${MLFLOW_HOST:-127.0.0.1}:${MLFLOW_PORT:-5000}}
base=http://127.0.0.1:$port
# MLflow logins (bin/services' users): synthetic models are registered as training, serving reads as serving
training_mlflow_login=(MLFLOW_TRACKING_USERNAME="${MLFLOW_TRAINING_USERNAME:-training}"
                       MLFLOW_TRACKING_PASSWORD="${MLFLOW_TRAINING_PASSWORD:-movierec-training-dev}")
serving_mlflow_login=(MLFLOW_TRACKING_USERNAME="${MLFLOW_SERVING_USERNAME:-serving}"
                      MLFLOW_TRACKING_PASSWORD="${MLFLOW_SERVING_PASSWORD:-movierec-serving-dev}")
# the ingestion's JDBC URL; serving's is SERVING_DATASOURCE_URL when set
database_url=jdbc:postgresql://${PGHOST:-localhost}:${PGPORT:-5432}/$db

log() { printf '[bench] %s\n' "$*" >&2; }
die() { printf '[bench] ERROR: %s\n' "$*" >&2; exit 1; }

serving_pid=
stop_serving() { [ -z "$serving_pid" ] || { kill "$serving_pid" 2>/dev/null || true; wait "$serving_pid" 2>/dev/null || true; serving_pid=; }; }
trap stop_serving EXIT

# start_serving MODEL LOG: serving.jar on $port serving MODEL's champion, logging to LOG; returns once it is ready
# (the catalogue is read before readiness) with the model loaded, with the administrator's bearer token in TOKEN
start_serving() {
  local model=$1 log_file=$2
  # SERVING_KERNEL=blas: factor models score with BLAS (no Vector API module), for comparisons
  local vector_api=--add-modules=jdk.incubator.vector
  [ "${SERVING_KERNEL:-vector}" != blas ] || vector_api=
  # shellcheck disable=SC2086
  env "${serving_mlflow_login[@]}" \
    SPRING_DATASOURCE_URL=${SERVING_DATASOURCE_URL:-$database_url} SERVER_PORT=$port SERVING_MODEL_NAME=$model \
    MLFLOW_TRACKING_URI=$mlflow SERVING_ADMIN_USERNAME=bench SERVING_ADMIN_PASSWORD=bench-password \
    SERVING_MODEL_CACHE_DIR="$bench_dir/serving-cache" OPENBLAS_NUM_THREADS=${OPENBLAS_NUM_THREADS:-1} \
    java $vector_api @serving/jvm.options ${SERVING_JAVA_OPTS--Xms1g -Xmx1g} -jar serving/target/serving.jar \
    > "$log_file" 2>&1 &
  serving_pid=$!
  until curl -sf "$base/actuator/health/readiness" >/dev/null 2>&1 \
      && curl -sf "$base/api/model" 2>/dev/null | grep -q '"loaded":true'; do
    kill -0 "$serving_pid" 2>/dev/null || die "serving stopped: $log_file"
    sleep 0.5
  done
  TOKEN=$(curl -sf -u bench:bench-password -X POST "$base/api/auth/token" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')
  export TOKEN
}

# wrk_summary NAME WRK_OUTPUT VMSTAT_OUTPUT: one line with requests/s, wrk's latency percentiles, the failed requests
# and the CPU use seen by `vmstat 1` during the run
wrk_summary() {
  python3 - "$1" "$2" "$3" <<'PY'
import re, sys
name, text = sys.argv[1], open(sys.argv[2]).read()
# vmstat: the first line of figures is the average since boot; us sy id wa st are the last five columns
seconds = [list(map(int, line.split()[-5:])) for line in open(sys.argv[3]).read().splitlines()[3:]
           if line.split() and line.split()[0].isdigit()]
busy = sum(s[0] + s[1] for s in seconds) / max(len(seconds), 1)
steal = [s[4] for s in seconds] or [0]
rps = re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)
pct = dict(re.findall(r"^\s+(50|75|90|99)%\s+(\S+)", text, re.M))
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
socket = re.search(r"Socket errors: (.*)", text)
print(f"{name:<22} {float(rps):>9,.0f} req/s   p50 {pct['50']:>8}   p90 {pct['90']:>8}   p99 {pct['99']:>8}"
      f"   non-2xx {errors.group(1) if errors else 0}" + (f"   socket errors: {socket.group(1)}" if socket else "")
      + f"   | CPU busy {busy:.0f} %, steal {sum(steal) / len(steal):.1f} % (most in one second {max(steal)} %)")
PY
}
