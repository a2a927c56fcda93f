"""Training on Spark: training-spark.jar submitted by the Apache Spark provider's SparkSubmitOperator to the
master of the Airflow connection movierec_spark (bin/airflow sets it from SPARK_MASTER_URL: local[*] by
default, spark://127.0.0.1:7077 for the cluster of bin/spark up). The driver runs in the task (client deploy
mode), so the job's --result-file is read back by the next task and becomes its XCom, as the in-JVM
training tasks' output does.
"""

import json
import tempfile
from pathlib import Path

from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator
from airflow.sdk import task

from movierec_dags import settings

CONNECTION = "movierec_spark"

# Where a run's --result-file goes (the driver runs in the task, on this machine).
RESULT_FILE = (str(Path(tempfile.gettempdir()) / "movierec-spark")
               + "/{{ dag.dag_id }}/{{ run_id | replace(':', '-') | replace('+', '-') }}.json")


def env() -> dict:
    """The job's settings (as the in-JVM jar's) and its logging configuration (Spark's own lines at WARN)."""
    return {**settings.java_env(), "SPARK_CONF_DIR": str(settings.REPO / "training-spark" / "conf")}


def submit(task_id: str, application_args: list, executor_memory: str, total_executor_cores: str,
           **kwargs) -> SparkSubmitOperator:
    """spark-submit of training-spark.jar with ``application_args`` (templated; blank ones are dropped by the jar)."""
    return SparkSubmitOperator(
        task_id=task_id,
        conn_id=CONNECTION,
        application=settings.var("movierec_training_spark_jar"),
        name="movierec-training",
        application_args=application_args + [f"--result-file={RESULT_FILE}"],
        # on a standalone master: the executors' memory and the cores of the application in all
        conf={"spark.executor.memory": executor_memory, "spark.cores.max": total_executor_cores,
              "spark.executor.cores": "1"},
        driver_memory="2g",
        env_vars=env(),
        execution_timeout=settings.TRAINING_TIMEOUT,
        **kwargs,
    )


@task(execution_timeout=settings.HTTP_TIMEOUT,
      doc_md="Reads the Spark job's --result-file: its XCom is the run id, its link, the version and its alias.")
def read_result(path: str) -> dict:
    """The Spark job's result file (run_id, run_url, registered_model, version, alias, skipped), removed once read."""
    result_file = Path(path)
    result = json.loads(result_file.read_text())
    result_file.unlink()
    print(f"MLflow run {result['run_id']}: {result['run_url']}")
    return result
