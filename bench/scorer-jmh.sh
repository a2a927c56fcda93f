#!/usr/bin/env bash
# The factor-model scorer alone, without the server: JMH (benchmarks/.../FactorScoringBenchmark, 87,585 movies x
# 100 factors, one thread) gives the project's kernels (FactorProducts: the Vector API's, exact and from factors
# rounded to bfloat16, and BLAS's, 1, 4 and 32 users at once), the plain loop of dot products, the bare BLAS products
# of the same shapes, a user's fold-in and top-10 (exact, and refined from the rounded scores), one rating predicted
# (the fold-in and one product), each in microseconds per user; then
# ../shared/reference/factor_scoring.py (numpy's OpenBLAS, one thread) on the same shape, in the same run.
#
#   bench/scorer-jmh.sh [JMH_ARGS...]       e.g. bench/scorer-jmh.sh -wi 2 -i 3 for a shorter run
#
# Builds benchmarks/target/benchmarks.jar when missing or older than core's sources; installs OpenBLAS
# (bin/native-blas) and the Python venv of bench/python-venv.sh when missing. Output also goes to
# $BENCH_DIR/scorer-jmh.txt (default /tmp/movierec-bench).
set -euo pipefail
cd "$(dirname "$0")/.."
log() { printf '[bench] %s\n' "$*" >&2; }
die() { printf '[bench] ERROR: %s\n' "$*" >&2; exit 1; }
# shellcheck source=bench/python-venv.sh
. bench/python-venv.sh
bench_dir=${BENCH_DIR:-/tmp/movierec-bench}
reference=../shared/reference/factor_scoring.py
mkdir -p "$bench_dir"

bash bin/native-blas
ensure_python_venv
jar=benchmarks/target/benchmarks.jar
if [ ! -f "$jar" ] || [ -n "$(find core/src/main core/pom.xml benchmarks/src benchmarks/pom.xml pom.xml -newer "$jar" -print -quit)" ]; then
  log "building $jar"
  ./mvnw -q -B -pl core,benchmarks -am package -DskipTests
fi
{
  printf 'machine: %s cores, load average %s\n' "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
  OPENBLAS_NUM_THREADS=1 java --add-modules jdk.incubator.vector -jar "$jar" FactorScoringBenchmark "$@" 2>&1 \
    | grep -E '^(Benchmark|FactorScoringBenchmark)|^Kernels|^Top-10 from|Using dev.ludovic' | sort -u
  if [ -f "$reference" ]; then
    OPENBLAS_CORETYPE= OPENBLAS_L2_SIZE= "$venv/bin/python" "$reference" 87585 100 32 | sed 's/^/reference: /'
  else
    echo "reference: $reference not found (../shared beside the checkout)"
  fi
  printf 'load average after: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$bench_dir/scorer-jmh.txt"
