#!/usr/bin/env bash
# Ratings ingestion against a plain COPY, in one run, on the same file and server.
#
#   bench/ratings-ingest.sh [SCALE] [RUNS]
#
# SCALE 1 is an ml-32m-shaped ratings.csv (32,000,204 rows); 0.125 is 4 million rows. The file is
# generated once (bench/generate-ratings.py, fixed seed) under $BENCH_DIR (default /tmp/movierec-bench).
# Each run, alternately:
#   raw:    psql \copy of ratings.csv into an unindexed table (the reference)
#   ingest: java -jar etl-batch.jar movielens --input=DIR into empty tables (parse, validate, binary COPY
#           into staging, primary key and constraints built, users derived), as a first load does
#   weekly: the same input loaded again with --force (every row compared and found unchanged)
# and prints rows/s for each and the ratio ingest/raw. Uses the database ${APP_DB:-movies}_bench.
set -euo pipefail
cd "$(dirname "$0")/.."

scale=${1:-1}
runs=${2:-1}
dir=${BENCH_DIR:-/tmp/movierec-bench}/scale-$scale
db=${APP_DB:-movies}_bench
export PGPASSWORD=${APP_DB_PASSWORD:-movies}
psql_bench() { psql -qtAX -v ON_ERROR_STOP=1 -h "${PGHOST:-localhost}" -p "${PGPORT:-5432}" -U "${APP_DB_USER:-movies}" "$db" "$@"; }
now() { date +%s.%N; }

bash bin/services up >/dev/null
[ -f etl-batch/target/etl-batch.jar ] || ./mvnw -q -B -DskipTests package
if [ ! -f "$dir/ratings.csv" ]; then
  python3 bench/generate-ratings.py "$dir" "$scale"
fi
rows=$(( $(wc -l < "$dir/ratings.csv") - 1 ))
export SPRING_DATASOURCE_URL=jdbc:postgresql://${PGHOST:-localhost}:${PGPORT:-5432}/$db
etl() { java -jar etl-batch/target/etl-batch.jar movielens --input="$dir" "$@" > "$dir/etl.log" 2>&1 || { cat "$dir/etl.log"; exit 1; }; }

# The schema (etl-batch.jar migrate); the raw table lives in its own schema.
java -jar etl-batch/target/etl-batch.jar migrate > "$dir/etl.log" 2>&1 || { cat "$dir/etl.log"; exit 1; }
psql_bench -c "create schema if not exists bench;
  drop table if exists bench.raw_ratings;
  create table bench.raw_ratings (user_id bigint, movie_id integer, rating real, ts bigint)
    with (autovacuum_enabled = false);"
# Autovacuum starts on a table that just received millions of rows. Each measurement waits until no
# autovacuum worker is busy in the database, so none pays for the vacuum of the one before it (the
# raw table is never vacuumed: it is only a reference; the staging tables are not either).
quiet() {
  for _ in $(seq 1 300); do
    [ "$(psql_bench -c "select count(*) from pg_stat_activity where backend_type = 'autovacuum worker' and datname = current_database()")" = 0 ] && return
    sleep 1
  done
}

rate() { python3 -c "print(f'{$1 / $2:,.0f}')"; }
printf '%s ratings rows (%s)\n' "$(printf "%'d" "$rows")" "$dir/ratings.csv"
printf '%-4s %12s %12s %12s %12s %12s %8s\n' run raw_rows/s ingest_rows/s stage_rows/s ingest_wall/s weekly_rows/s ratio
for run in $(seq 1 "$runs"); do
  psql_bench -c "truncate bench.raw_ratings"
  quiet
  start=$(now)
  psql_bench -c "\copy bench.raw_ratings from '$dir/ratings.csv' csv header"
  raw=$(python3 -c "print($(now) - $start)")

  psql_bench -c "truncate ratings, users, movies, movie_links, tags, etl_load_stats, etl_rejects, etl_repairs;
    truncate staging.ratings, staging.rating_users, staging.movies;"
  quiet
  start=$(now)
  etl --fresh
  wall=$(python3 -c "print($(now) - $start)")
  # The ratings pipeline: staging the file, deriving its users and building the ratings table.
  ingest=$(psql_bench -c "select sum(duration_ms) / 1000.0 from etl_load_stats where input = 'ratings.csv'")
  # The staging step alone (read, parse, COPY), from its last progress line.
  stage=$(grep -o 'ratings.csv: [0-9,]* records, [0-9,]* rows/s (100%' "$dir/etl.log" | tail -1 | awk '{print $4}')

  quiet
  etl --force
  weekly=$(psql_bench -c "select sum(duration_ms) / 1000.0 from etl_load_stats
    where input = 'ratings.csv' and run_id = (select max(run_id) from etl_load_stats)")

  printf '%-4s %12s %12s %12s %12s %12s %8s\n' "$run" "$(rate "$rows" "$raw")" "$(rate "$rows" "$ingest")" "$stage" \
    "$(rate "$rows" "$wall")" "$(rate "$rows" "$weekly")" "$(python3 -c "print(f'{$raw / $ingest:.2f}')")"
done
echo "raw: psql \\copy into an unindexed table; ingest: the ratings pipeline of a first load (staging + merge"
echo "durations from etl_load_stats); stage: its staging step alone (read, parse, binary COPY into staging);"
echo "ingest_wall: the whole command (JVM start, checksums, movies.csv);"
echo "weekly: a forced reload that compares every row; ratio = ingest rows/s / raw rows/s"
