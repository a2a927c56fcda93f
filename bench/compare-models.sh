#!/usr/bin/env bash
# Model quality side by side with Surprise, on the very same split files.
#
#   bench/compare-models.sh [RELEASE_DIR] [--folds K] [--test-fraction F] [--seed S] [--models a,b] [--surprise svd,svdpp]
#                           [--peers ease,als,bpr] [--trials N] [--spark]
#
# RELEASE_DIR is a MovieLens release directory in any official layout (ratings.csv with a header,
# ratings.dat with '::', ml-100k's u.data); default ../shared/data/ml-latest-small when present, else
# data/sample/ml-latest-small. Without --folds, a per-user random hold-out of F (default 0.2, seed 42).
#
# 1. Java (org.movierec.benchmarks.ModelComparison, on the training fat jar's classpath, no Spring, no database):
#    reads the ratings, splits them, writes NAME-train.csv / NAME-test.csv, items.csv and the validation cut
#    of each train part (validation/NAME-*.csv) under $BENCH_DIR/compare/<release>-<split>/, trains every model
#    type (or --models) as `training.jar train` does: hyper-parameters chosen by a search of --trials trials
#    (default 8, the training default; 0: the defaults) on the validation cut, never on the test part; evaluates
#    with the project's Evaluator (liked >= 3.5, K = 10) and writes java-results.json.
#    With --spark, then Spark's ALS, explicit (als) and implicit (als-implicit), with default hyper-parameters
#    (org.movierec.benchmarks.SparkModelComparison through bin/spark submit, master SPARK_MASTER_URL,
#    default local[*]): the same release, split and Evaluator; figures in spark-results.json.
# 2. Python peers (bench/peers_compare.py, in the venv below): a numpy EASE and the `implicit` library's ALS and
#    BPR (or --peers), each tuned with the same budget on the same validation cut, refitted on the train part,
#    measured on the test part; figures in peers-results.json.
# 3. Python (bench/surprise_compare.py, in its own venv): Surprise's SVD and SVD++ with default parameters
#    (random_state = seed) on the same files, the same metric definitions; re-scores the popularity model
#    to check that both sides measure alike; prints the combined table.
# The sides run one after the other, so their fit times do not share the cores.
#
# Settings (environment, with defaults):
#   MOVIEREC_HOME=$HOME/.local/share/movierec   the venv lives in $MOVIEREC_HOME/surprise-venv, reinstalled
#                                               only when bench/requirements-surprise.txt changes
#   BENCH_DIR=/tmp/movierec-bench               where the split files and results go
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '[compare] %s\n' "$*" >&2; }
die() { printf '[compare] ERROR: %s\n' "$*" >&2; exit 1; }

release=""
folds=""
fraction=0.2
seed=42
models=""
surprise=svd,svdpp
peers=ease,als,bpr
trials=8
spark=""
while [ $# -gt 0 ]; do
  case "$1" in
    --folds) folds=${2:?--folds needs a value}; shift 2 ;;
    --folds=*) folds=${1#*=}; shift ;;
    --test-fraction) fraction=${2:?--test-fraction needs a value}; shift 2 ;;
    --test-fraction=*) fraction=${1#*=}; shift ;;
    --seed) seed=${2:?--seed needs a value}; shift 2 ;;
    --seed=*) seed=${1#*=}; shift ;;
    --models) models=${2:?--models needs a value}; shift 2 ;;
    --models=*) models=${1#*=}; shift ;;
    --surprise) surprise=${2:?--surprise needs a value}; shift 2 ;;
    --surprise=*) surprise=${1#*=}; shift ;;
    --peers) peers=${2:?--peers needs a value}; shift 2 ;;
    --peers=*) peers=${1#*=}; shift ;;
    --trials) trials=${2:?--trials needs a value}; shift 2 ;;
    --trials=*) trials=${1#*=}; shift ;;
    --spark) spark=1; shift ;;
    -h|--help) sed -n '2,34p' "$0"; exit 0 ;;
    -*) die "unknown option $1 (see --help)" ;;
    *) [ -z "$release" ] || die "only one RELEASE_DIR expected, got '$release' and '$1'"; release=$1; shift ;;
  esac
done
if [ -z "$release" ]; then
  if [ -d ../shared/data/ml-latest-small ]; then release=../shared/data/ml-latest-small; else release=data/sample/ml-latest-small; fi
fi
[ -d "$release" ] || die "release directory '$release' does not exist"

# shellcheck source=bench/python-venv.sh
. bench/python-venv.sh
split_name=holdout-$fraction-seed$seed
[ -z "$folds" ] || split_name=kfold-$folds-seed$seed
out=${BENCH_DIR:-/tmp/movierec-bench}/compare/$(basename "$(cd "$release" && pwd)")-$split_name

ensure_python_venv

# shellcheck source=bench/bench-classes.sh
. bench/bench-classes.sh
ensure_bench_classes

mkdir -p "$out"
log "release $release, split $split_name, files in $out"
log "java: training and evaluating the project's models"
# One BLAS/OpenMP thread: models trained with native libraries run faster so on this machine.
OMP_NUM_THREADS=1 java -cp training/target/training.jar -Dloader.path="$bench_classes" \
  -Dloader.main=org.movierec.benchmarks.ModelComparison \
  org.springframework.boot.loader.launch.PropertiesLauncher \
  "$release" --out "$out" --test-fraction "$fraction" --seed "$seed" ${folds:+--folds "$folds"} ${models:+--models "$models"} \
  --trials "$trials" > "$out/java-table.txt" || die "the Java side failed (see above)"

project_results=$out/java-results.json
if [ -n "$spark" ]; then
  log "spark: fitting als and als-implicit on the same split (master ${SPARK_MASTER_URL:-local[*]})"
  SPARK_SUBMIT_OPTIONS="--class org.movierec.benchmarks.SparkModelComparison --jars $bench_classes" bash bin/spark submit \
    "$release" --out "$out" --test-fraction "$fraction" --seed "$seed" ${folds:+--folds "$folds"} \
    > "$out/spark-table.txt" || die "the Spark side failed (see above)"
  # one list of the project's models, in-JVM and Spark, for the combined table
  project_results=$out/project-results.json
  python3 -c 'import json, sys
java, spark = (json.load(open(f)) for f in sys.argv[1:3])
java["models"] += spark["models"]
json.dump(java, open(sys.argv[3], "w"), indent=2)' "$out/java-results.json" "$out/spark-results.json" "$project_results"
fi

if [ -n "$peers" ]; then
  log "peers: ${peers//,/, } tuned on the same validation cuts ($trials trials each)"
  "$venv/bin/python" bench/peers_compare.py "$out" --trials "$trials" --seed "$seed" --peers "$peers" \
    > "$out/peers-table.txt" || die "the peers failed (see above)"
  python3 -c 'import json, sys
project, peers = (json.load(open(f)) for f in sys.argv[1:3])
project["models"] += peers["models"]
json.dump(project, open(sys.argv[3], "w"), indent=2)' "$project_results" "$out/peers-results.json" "$out/all-results.json"
  project_results=$out/all-results.json
fi

log "surprise: fitting ${surprise//,/ and } on the same split files"
"$venv/bin/python" bench/surprise_compare.py "$out" --algorithms "$surprise" --seed "$seed" \
  --java-results "$project_results" > "$out/table.txt" || die "the Surprise side failed (see above)"

echo
if [ -n "$folds" ]; then how="means over $folds folds"; else how="per-user random hold-out"; fi
echo "$(basename "$(cd "$release" && pwd)"), $split_name ($how); fit_s: seconds to train the chosen model on one split's"
echo "train part (the search before it is not counted: search_time_s in the results files)"
cat "$out/table.txt"
echo "RMSE/MAE over every test rating (predictions clipped to the rating scale); NDCG@10 and Recall@10 over users"
echo "with a test rating >= 3.5, ranking every item but the user's train items; results: $out/*-results.json"
