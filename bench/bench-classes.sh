# Sourced by the bench scripts that run the benchmarks module's programs (org.movierec.benchmarks: ModelComparison,
# SparkModelComparison, SyntheticModel), which are kept out of the applications' jars. They run on the application
# jar's classpath with benchmarks/target/benchmarks-classes.jar added:
#   java -cp training/target/training.jar -Dloader.path="$bench_classes" \
#     -Dloader.main=org.movierec.benchmarks.CLASS org.springframework.boot.loader.launch.PropertiesLauncher ARGS
# (Spring Boot's PropertiesLauncher puts loader.path before the jar's own classes and libraries), or beside
# training-spark.jar in spark-submit (--jars "$bench_classes"). Needs log.

bench_classes=benchmarks/target/benchmarks-classes.jar

# ensure_bench_classes: builds benchmarks-classes.jar and the application jars it runs on (training.jar,
# training-spark.jar) when one is missing or older than the sources
ensure_bench_classes() {
  local jar
  for jar in training/target/training.jar training-spark/target/training-spark.jar "$bench_classes"; do
    if [ ! -f "$jar" ] || [ -n "$(find core/src/main core/pom.xml training/src/main training/pom.xml \
        training-spark/src/main training-spark/pom.xml benchmarks/src/main benchmarks/pom.xml pom.xml \
        -newer "$jar" -print -quit)" ]; then
      log "building $bench_classes and the application jars it runs on (missing or older than the sources)"
      ./mvnw -q -B -pl benchmarks -am package -DskipTests
      return
    fi
  done
}
