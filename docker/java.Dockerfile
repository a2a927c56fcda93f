# syntax=docker/dockerfile:1
# The platform's Java applications, built from this repository (context: the repository root):
#   --target serving   the REST API (serving.jar), port 8080
#   --target airflow   Apache Airflow 3.3.2 with a Java runtime, the jobs' jars (etl-batch.jar, training.jar), the
#                      DAGs and the bundled sample, for the Airflow services
# The jars are built once, in the first stage, by the Maven wrapper (tests are CI's job: bin/test).

FROM eclipse-temurin:17.0.15_6-jdk-jammy AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
COPY core core
COPY etl-batch etl-batch
COPY training training
COPY serving serving
# the parent pom lists every module, so the reactor needs them all; only the images' jars are built
COPY training-spark training-spark
COPY benchmarks benchmarks
RUN ./mvnw -B -q -DskipTests -pl etl-batch,training,serving -am package

FROM eclipse-temurin:17.0.15_6-jre-jammy AS serving
# OpenBLAS for netlib's native BLAS (factor-model scoring, item neighbours), one thread per calling thread
RUN apt-get update \
 && apt-get install -y --no-install-recommends libopenblas0-pthread \
 && rm -rf /var/lib/apt/lists/*
ENV OPENBLAS_NUM_THREADS=1
RUN useradd --system --uid 10001 movierec && mkdir -p /var/cache/movierec && chown movierec /var/cache/movierec
COPY --from=build /src/serving/target/serving.jar /opt/movierec/serving.jar
# G1 settings measured for serving (the heap is sized from the container's memory)
COPY serving/jvm.options /opt/movierec/jvm.options
USER movierec
# every interface of the container (serving's own default is loopback): the port mapping decides who reaches it
ENV SERVING_MODEL_CACHE_DIR=/var/cache/movierec/models SERVING_BIND_ADDRESS=0.0.0.0
EXPOSE 8080
# the JDK's Vector API for factor-model scoring (FactorProducts) when the runtime has the module, else BLAS
ENTRYPOINT ["/bin/sh", "-c", "vector=; if java --list-modules | grep -q '^jdk.incubator.vector@'; then vector='--add-modules=jdk.incubator.vector'; fi; exec java $vector @/opt/movierec/jvm.options -jar /opt/movierec/serving.jar \"$@\"", "serving"]

FROM apache/airflow:3.3.2-python3.11 AS airflow
USER root
RUN apt-get update \
 && apt-get install -y --no-install-recommends openjdk-17-jre-headless \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /src/etl-batch/target/etl-batch.jar /src/training/target/training.jar /opt/movierec/
COPY data/sample /opt/movierec/data/sample
COPY airflow-dags/dags /opt/airflow/dags
USER airflow
