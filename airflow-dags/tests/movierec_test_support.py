"""What the end-to-end tests share: the test database, MLflow's REST API, the outcome of a DAG run."""

import base64
import contextlib
import json
import os
import socket
import subprocess
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

import psycopg2

from conftest import REPO

PGHOST = os.environ.get("PGHOST", "localhost")
PGPORT = os.environ.get("PGPORT", "5432")
DB_USER = os.environ.get("APP_DB_USER", "movies")
DB_PASSWORD = os.environ.get("APP_DB_PASSWORD", "movies")
TEST_DB = os.environ.get("MOVIEREC_TEST_DB", "movies_airflow_test")
MLFLOW = os.environ.get("MLFLOW_TRACKING_URI", "http://127.0.0.1:5000").rstrip("/")
# the MLflow user of the jobs, which may write (bin/test exports training's); empty: no login
MLFLOW_USERNAME = os.environ.get("MLFLOW_TRACKING_USERNAME", "")
MLFLOW_PASSWORD = os.environ.get("MLFLOW_TRACKING_PASSWORD", "")
# serving's own MLflow user, which may only read (bin/services' defaults)
MLFLOW_SERVING_USERNAME = os.environ.get("MLFLOW_SERVING_USERNAME", "serving")
MLFLOW_SERVING_PASSWORD = os.environ.get("MLFLOW_SERVING_PASSWORD", "movierec-serving-dev")
# the jars the DAGs run: each module's own (./mvnw -DskipTests package), or copies in MOVIEREC_TEST_JARS (bin/test
# puts them there, as the Maven build it runs beside these tests writes its jars again)
_TEST_JARS = os.environ.get("MOVIEREC_TEST_JARS")


def _jar(module: str) -> Path:
    return Path(_TEST_JARS) / f"{module}.jar" if _TEST_JARS else REPO / module / "target" / f"{module}.jar"


ETL_JAR = _jar("etl-batch")
TRAINING_JAR = _jar("training")
SPARK_JOB_JAR = _jar("training-spark")
# the standalone cluster of bin/spark up (bin/test starts it)
SPARK_MASTER = os.environ.get("MOVIEREC_TEST_SPARK_MASTER", "spark://127.0.0.1:7077")
SERVING_JAR = _jar("serving")
SERVING_JVM_OPTIONS = REPO / "serving" / "jvm.options"
SAMPLE = REPO / "data" / "sample"


def recreate_database() -> None:
    """Drops and creates TEST_DB, owned by DB_USER (who may not create databases: done as postgres)."""
    as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else ["sudo", "-u", "postgres"]
    for sql in (f'drop database if exists "{TEST_DB}" with (force)',
                f"create database \"{TEST_DB}\" owner \"{DB_USER}\" encoding 'UTF8' lc_collate 'C.UTF-8' "
                f"lc_ctype 'C.UTF-8' template template0"):
        subprocess.run(as_postgres + ["psql", "-qX", "-p", PGPORT, "-v", "ON_ERROR_STOP=1", "-c", sql], check=True)


def query(sql: str, *args):
    with psycopg2.connect(host=PGHOST, port=PGPORT, user=DB_USER, password=DB_PASSWORD, dbname=TEST_DB) as db:
        with db.cursor() as cursor:
            cursor.execute(sql, args)
            return cursor.fetchall()


def mlflow(method: str, path: str, body: dict | None = None, **query_args) -> dict:
    url = f"{MLFLOW}/api/2.0/mlflow/{path}"
    if query_args:
        url += "?" + urllib.parse.urlencode(query_args)
    headers = {"Content-Type": "application/json"}
    if MLFLOW_USERNAME:
        login = base64.b64encode(f"{MLFLOW_USERNAME}:{MLFLOW_PASSWORD}".encode()).decode()
        headers["Authorization"] = f"Basic {login}"
    request = urllib.request.Request(url, method=method, data=json.dumps(body).encode() if body else None,
                                     headers=headers)
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


def champion(model: str, alias: str = "champion") -> int:
    return int(mlflow("GET", "registered-models/alias", name=model, alias=alias)["model_version"]["version"])


def version_tags(model: str, version: int) -> dict:
    answer = mlflow("GET", "model-versions/get", name=model, version=str(version))["model_version"]
    return {tag["key"]: tag["value"] for tag in answer.get("tags", [])}


def versions(model: str) -> list[int]:
    answer = mlflow("GET", "model-versions/search", filter=f"name='{model}'")
    return sorted(int(v["version"]) for v in answer.get("model_versions", []))


def delete_mlflow_names(experiment: str, model: str) -> None:
    try:
        mlflow("DELETE", "registered-models/delete", {"name": model})
    except urllib.error.HTTPError:
        pass
    try:
        found = mlflow("GET", "experiments/get-by-name", experiment_name=experiment)
        mlflow("POST", "experiments/delete", {"experiment_id": found["experiment"]["experiment_id"]})
    except urllib.error.HTTPError:
        pass


def task_states(dag_run) -> dict:
    """task id -> state of every task instance of the run (the latest try)."""
    from airflow.models.taskinstance import TaskInstance
    from airflow.utils.session import create_session

    with create_session() as session:
        tis = session.query(TaskInstance).filter(TaskInstance.dag_id == dag_run.dag_id,
                                                 TaskInstance.run_id == dag_run.run_id).all()
        return {ti.task_id: str(ti.state.value if hasattr(ti.state, "value") else ti.state) for ti in tis}


def tries(dag_run, task_id: str) -> int:
    from airflow.models.taskinstance import TaskInstance
    from airflow.utils.session import create_session

    with create_session() as session:
        ti = session.query(TaskInstance).filter(TaskInstance.dag_id == dag_run.dag_id, TaskInstance.run_id ==
                                                dag_run.run_id, TaskInstance.task_id == task_id).one()
        return ti.try_number


def xcom(dag_run, task_id: str):
    """The return value a task of the run pushed."""
    from airflow.models.xcom import XComModel
    from airflow.utils.session import create_session

    with create_session() as session:
        row = session.query(XComModel).filter(XComModel.dag_id == dag_run.dag_id, XComModel.run_id == dag_run.run_id,
                                              XComModel.task_id == task_id, XComModel.key == "return_value").one()
        value = row.value
        return json.loads(value) if isinstance(value, (str, bytes)) else value


@contextlib.contextmanager
def serving(model: str, admin: tuple[str, str]):
    """The serving application on a free port, serving the champion of ``model``; yields its URL."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    cache = tempfile.mkdtemp(prefix="movierec-serving-test-")
    env = {**os.environ, "SERVER_PORT": str(port), "SERVING_MODEL_NAME": model, "SERVING_MODEL_CACHE_DIR": cache,
           "SPRING_DATASOURCE_URL": f"jdbc:postgresql://{PGHOST}:{PGPORT}/{TEST_DB}",
           "SPRING_DATASOURCE_USERNAME": DB_USER, "SPRING_DATASOURCE_PASSWORD": DB_PASSWORD,
           "MLFLOW_TRACKING_URI": MLFLOW, "SERVING_ADMIN_USERNAME": admin[0], "SERVING_ADMIN_PASSWORD": admin[1]}
    if MLFLOW_USERNAME:   # serving reads the registry as its own user
        env.update(MLFLOW_TRACKING_USERNAME=MLFLOW_SERVING_USERNAME, MLFLOW_TRACKING_PASSWORD=MLFLOW_SERVING_PASSWORD)
    log = open(os.path.join(cache, "serving.log"), "w")
    process = subprocess.Popen(["java", f"@{SERVING_JVM_OPTIONS}", "-jar", str(SERVING_JAR)], env=env, stdout=log,
                               stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                with urllib.request.urlopen(f"{url}/actuator/health/readiness", timeout=5) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            assert process.poll() is None, f"serving exited during start-up; see {log.name}"
            assert time.monotonic() < deadline, f"serving not ready within 180 s; see {log.name}"
            time.sleep(1)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=60)
        log.close()


def run_tags(run_id: str) -> dict:
    answer = mlflow("GET", "runs/get", run_id=run_id)["run"]
    return {tag["key"]: tag["value"] for tag in answer["data"].get("tags", [])}


def get_json(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.load(response)
