"""Test set-up: an Airflow of its own (SQLite metadata database in a temporary AIRFLOW_HOME, no servers:
dag.test() runs the tasks in this process), the DAGs folder on sys.path as Airflow's DAG processor puts it,
and for the end-to-end tests a fresh PostgreSQL database and MLflow names of their own.

Settings (environment, with defaults):
  MOVIEREC_TEST_DB=movies_airflow_test   the PostgreSQL database the jars load into (dropped and created
                                         again at the start of a session; needs root or sudo for runuser)
  PGHOST=localhost PGPORT=5432 APP_DB_USER=movies APP_DB_PASSWORD=movies
  MLFLOW_TRACKING_URI=http://127.0.0.1:5000   the MLflow server (bin/services up)
  MLFLOW_TRACKING_USERNAME, MLFLOW_TRACKING_PASSWORD   the jobs' MLflow user, one that may write (bin/services'
                                         training user); unset: no login
  MLFLOW_SERVING_USERNAME=serving MLFLOW_SERVING_PASSWORD=movierec-serving-dev   serving's own MLflow user
  MOVIEREC_TEST_JARS   a folder with copies of etl-batch.jar, training.jar, training-spark.jar and serving.jar to
                       run (bin/test's, beside a Maven build that writes the modules' jars again); unset: the
                       modules' target/ folders
"""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DAGS = REPO / "airflow-dags" / "dags"

# Airflow reads its configuration when first imported: everything is set before any test module imports it.
_home = Path(tempfile.mkdtemp(prefix="movierec-airflow-test-"))
os.environ.update({
    "AIRFLOW_HOME": str(_home),
    "AIRFLOW__CORE__DAGS_FOLDER": str(DAGS),
    "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
    "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"sqlite:///{_home}/airflow.db",
    "AIRFLOW__CORE__UNIT_TEST_MODE": "False",
    # a failed task is retried once (the default of MOVIEREC_TASK_RETRIES), after 1 s instead of 5 min
    "MOVIEREC_TASK_RETRY_DELAY_S": "1",
})
os.environ.pop("MOVIEREC_TASK_RETRIES", None)
# spark-submit of the venv's pyspark, for the Spark provider's SparkSubmitOperator (bin/airflow puts it on PATH too)
os.environ["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
sys.path.insert(0, str(DAGS))


def pytest_sessionstart(session):
    subprocess.run([sys.executable, "-m", "airflow", "db", "migrate"], check=True, stdout=subprocess.DEVNULL)


def pytest_sessionfinish(session, exitstatus):
    shutil.rmtree(_home, ignore_errors=True)
