#!/usr/bin/env bash
# Spark ALS on the local two-worker cluster against itself on one executor and against the in-JVM `mf`, and
# how their costs grow with the ratings: for each scale, ml-32m-shaped ratings (bench/generate-ratings.py,
# fixed seed) are loaded into the benchmark database, then `bin/spark submit train --model=als` runs on
# spark://127.0.0.1:7077 with one executor, then with two (one per 1-core worker), then training.jar's `mf`
# (same factors, as many epochs as ALS has iterations, one thread: its SGD is sequential). Prints per run:
# the ratings, the fit's seconds and seconds per iteration or epoch (the jobs' own log lines), the job's wall
# time, the driver's peak RSS (the spark-submit JVM: client deploy mode; for mf the whole JVM) and the
# largest executor's peak RSS (sampled every second).
#
#   bench/spark-als.sh [SCALE ...]            default: 0.03125 0.0625 0.125 (1, 2 and 4 million ratings)
#
# Settings: FACTORS=20 ITERATIONS=5 (the ALS fitted), ALS_PARAMS (more name=value words, e.g. blocks=2),
# SPARK_EXECUTOR_MEMORY=2g, MF=1 (0: no mf run), MF_HEAP=12g, TRAINING_EVALUATION_MAX_USERS=5000 (both
# engines evaluate the same seeded sample of test users; 0 for all), BENCH_DIR=/tmp/movierec-bench.
# Replaces the ratings of the database ${APP_DB:-movies}_bench (and its movies with the generated ones); the
# runs go to the MLflow experiment and registered model movierec-bench, never promoted.
set -euo pipefail
cd "$(dirname "$0")/.."

scales=("${@:-0.03125 0.0625 0.125}")
read -r -a scales <<< "${scales[*]}"
factors=${FACTORS:-20}
iterations=${ITERATIONS:-5}
db=${APP_DB:-movies}_bench
export PGPASSWORD=${APP_DB_PASSWORD:-movies}
psql_bench() { psql -qtAX -v ON_ERROR_STOP=1 -h "${PGHOST:-localhost}" -p "${PGPORT:-5432}" -U "${APP_DB_USER:-movies}" "$db" "$@"; }

bash bin/services up >/dev/null
bash bin/spark up >/dev/null
[ -f training-spark/target/training-spark.jar ] && [ -f etl-batch/target/etl-batch.jar ] \
  && [ -f training/target/training.jar ] || ./mvnw -q -B -DskipTests package
export SPRING_DATASOURCE_URL=jdbc:postgresql://${PGHOST:-localhost}:${PGPORT:-5432}/$db
export TRAINING_EXPERIMENT=movierec-bench TRAINING_REGISTERED_MODEL=movierec-bench
export SPARK_MASTER_URL=spark://127.0.0.1:7077 SPARK_EXECUTOR_MEMORY=${SPARK_EXECUTOR_MEMORY:-2g}
export TRAINING_EVALUATION_MAX_USERS=${TRAINING_EVALUATION_MAX_USERS:-5000}
java -jar etl-batch/target/etl-batch.jar migrate >/dev/null  # the schema

# peak RSS in MB of the executor processes while $1 runs
sample_executors() {
  local pid=$1 peak=0 rss
  while kill -0 "$pid" 2>/dev/null; do
    rss=$(ps -eo rss,args | awk '/CoarseGrainedExecutorBackend/ && !/awk/ {print $1}' | sort -n | tail -1)
    [ -n "$rss" ] && [ "$rss" -gt "$peak" ] && peak=$rss
    sleep 1
  done
  echo $((peak / 1024))
}

printf '%-11s %-9s %9s %9s %9s %9s %10s %12s\n' ratings executors fit_s s/iter wall_s driver_MB executor_MB ndcg/rmse
for scale in "${scales[@]}"; do
  dir=${BENCH_DIR:-/tmp/movierec-bench}/scale-$scale
  [ -f "$dir/ratings.csv" ] || python3 bench/generate-ratings.py "$dir" "$scale" >&2
  psql_bench -c "truncate ratings, movies, movie_links, tags cascade"
  echo "loading $dir into $db" >&2
  psql_bench -c "create temporary table movies_csv (movie_id int, title text, genres text)" \
    -c "\copy movies_csv from '$dir/movies.csv' csv header" \
    -c "insert into movies (movie_id, title, title_key, genres)
          select movie_id, title, lower(title), string_to_array(genres, '|') from movies_csv" \
    -c "create temporary table ratings_csv (user_id bigint, movie_id int, rating numeric, ts bigint)" \
    -c "\copy ratings_csv from '$dir/ratings.csv' csv header" \
    -c "insert into ratings (user_id, movie_id, rating, rated_at)
          select user_id, movie_id, rating, to_timestamp(ts) from ratings_csv"
  psql_bench -c "vacuum analyze ratings"
  rows=$(psql_bench -c "select count(*) from ratings")
  for executors in 1 2; do
    log=$dir/spark-als-$executors.log
    start=$(date +%s.%N)
    SPARK_TOTAL_EXECUTOR_CORES=$executors /usr/bin/time -f '%M' -o "$dir/driver-rss" bash bin/spark submit train \
      --model=als factors="$factors" iterations="$iterations" ${ALS_PARAMS:-} --no-promote --run-name="bench-$rows-$executors" \
      > "$log" 2>&1 &
    job=$!
    executor_mb=$(sample_executors $job)
    wait $job || { tail -n 30 "$log"; exit 1; }
    wall=$(python3 -c "print(f'{$(date +%s.%N) - $start:.1f}')")
    read -r fit per_iteration < <(sed -n 's/.*als fitted in \([0-9.]*\) s (\([0-9.]*\) s an iteration).*/\1 \2/p' "$log")
    quality=$(awk '$1 == "ndcg_at_10" || $1 == "rmse" {printf "%s=%.4f ", $1, $2}' "$log")
    printf '%-11s %-9s %9s %9s %9s %9s %10s  %s\n' "$rows" "$executors" "$fit" "$per_iteration" "$wall" \
      "$(( $(cat "$dir/driver-rss") / 1024 ))" "$executor_mb" "$quality"
  done
  [ "${MF:-1}" = 1 ] || continue
  log=$dir/mf.log
  start=$(date +%s.%N)
  /usr/bin/time -f '%M' -o "$dir/mf-rss" java -Xmx"${MF_HEAP:-12g}" -jar training/target/training.jar train \
    --model=mf factors="$factors" epochs="$iterations" --no-promote --run-name="bench-$rows-mf" > "$log" 2>&1 \
    || { tail -n 30 "$log"; exit 1; }
  wall=$(python3 -c "print(f'{$(date +%s.%N) - $start:.1f}')")
  fit=$(sed -n 's/.*Split [a-z]*: trained in \([0-9.]*\) s.*/\1/p' "$log" | head -1)
  quality=$(awk '$1 == "ndcg_at_10" || $1 == "rmse" {printf "%s=%.4f ", $1, $2}' "$log")
  printf '%-11s %-9s %9s %9s %9s %9s %10s  %s\n' "$rows" "mf (JVM)" "$fit" \
    "$(python3 -c "print(f'{$fit / $iterations:.2f}')")" "$wall" "$(( $(cat "$dir/mf-rss") / 1024 ))" "-" "$quality"
done
