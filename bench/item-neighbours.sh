#!/usr/bin/env bash
# Times serving's item-neighbour table (ItemNeighbours: every item's K most similar items by the cosine of its
# factors, computed when a ranker is swapped in) for a factor model of ITEMS x FACTORS random factors.
#   bench/item-neighbours.sh ITEMS FACTORS K THREADS RUNS     e.g. 87585 100 100 2 1, 9742 100 100 2 3
# JAVA_OPTS goes to the JVM, e.g. JAVA_OPTS='--add-modules jdk.incubator.vector' for netlib's Vector API BLAS.
# Figures and how they were taken: docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -eq 5 ] || { echo "usage: $0 ITEMS FACTORS K THREADS RUNS" >&2; exit 2; }
./mvnw -B -o -q -pl core,serving test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
# -Xmx: the factors, their unit copy and the table, plus 4 MiB of products per thread
java ${JAVA_OPTS:-} -Xmx2g -cp "serving/target/test-classes:serving/target/classes:core/target/classes:$(cat serving/target/bench-classpath.txt)" \
  org.movierec.serving.model.ItemNeighboursBench "$@"
