"""End to end: the DAGs run in this process (dag.test()) with the real jars, on the bundled sample, against the
real PostgreSQL (a fresh database, movies_airflow_test) and the real MLflow server (an experiment and a
registered model named for this session only). The tests run in the order written: each builds on the last.
"""

import csv
import json
import os
import uuid

import pytest
from airflow.dag_processing.dagbag import DagBag
from airflow.sdk.definitions.param import ParamValidationError

import movierec_test_support as support
from conftest import DAGS

NAME = f"airflow-test-{uuid.uuid4().hex[:8]}"
SOURCES = {"movielens": "ml-latest-small", "imdb": "imdb", "catalog": "streaming-titles", "tmdb": "tmdb"}


def set_variables(**values):
    """Airflow Variables through the environment (AIRFLOW_VAR_*), as bin/airflow passes them."""
    for name, value in values.items():
        os.environ[f"AIRFLOW_VAR_{name.upper()}"] = value


@pytest.fixture(scope="module", autouse=True)
def platform():
    assert support.ETL_JAR.exists() and support.TRAINING_JAR.exists(), \
        "build the jars first: ./mvnw -DskipTests package (bin/test does)"
    support.recreate_database()
    set_variables(
        movierec_database_url=f"jdbc:postgresql://{support.PGHOST}:{support.PGPORT}/{support.TEST_DB}",
        movierec_database_user=support.DB_USER, movierec_database_password=support.DB_PASSWORD,
        movierec_mlflow_uri=support.MLFLOW, movierec_mlflow_username=support.MLFLOW_USERNAME,
        movierec_mlflow_password=support.MLFLOW_PASSWORD, movierec_experiment=NAME, movierec_registered_model=NAME,
        movierec_etl_jar=str(support.ETL_JAR), movierec_training_jar=str(support.TRAINING_JAR),
        movierec_training_spark_jar=str(support.SPARK_JOB_JAR),
        movierec_default_model="popularity", movierec_default_model_params="", movierec_default_predictor="",
        **{f"movierec_{source}_input": str(support.SAMPLE / folder) for source, folder in SOURCES.items()})
    os.environ.pop("AIRFLOW_CONN_MOVIEREC_SERVING", None)
    os.environ["AIRFLOW_CONN_MOVIEREC_SPARK"] = json.dumps({"conn_type": "spark", "host": support.SPARK_MASTER})
    yield
    del os.environ["AIRFLOW_CONN_MOVIEREC_SPARK"]
    support.delete_mlflow_names(NAME, NAME)
    for key in [k for k in os.environ if k.startswith("AIRFLOW_VAR_MOVIEREC_")]:
        del os.environ[key]


@pytest.fixture(scope="module")
def dags():
    bag = DagBag(str(DAGS))
    assert bag.import_errors == {}
    return bag


def rows_of(csv_file) -> int:
    with open(csv_file, newline="", encoding="utf-8") as f:
        return sum(1 for _ in csv.reader(f)) - 1


def test_weekly_refresh_loads_the_sample_trains_registers_and_promotes(dags):
    run = dags.get_dag("weekly_refresh").test()

    states = support.task_states(run)
    assert run.state == "success", states
    assert states == {**{f"ingest_{s}": "success" for s in SOURCES}, "link_sources": "success",
                      "score_champions": "success", "check_champions": "success", "choose_engine": "success", "train_default_model": "success",
                      "train_default_model_on_spark": "skipped", "spark_training_result": "skipped",
                      "evaluate_and_promote": "success", "train_default_predictor": "skipped",
                      "promote_predictor": "skipped", "reload_serving": "skipped"}
    movielens = support.SAMPLE / "ml-latest-small"
    assert support.query("select count(*) from ratings")[0][0] == rows_of(movielens / "ratings.csv") == 100836
    assert support.query("select count(*) from movies")[0][0] == rows_of(movielens / "movies.csv") == 9742
    for table in ("imdb_titles", "catalog_titles", "tmdb_movies", "catalog_title_movies"):
        assert support.query(f"select count(*) from {table}")[0][0] > 0, table
    assert {row[0] for row in support.query("select distinct source from etl_load_stats")} >= set(SOURCES)

    trained = support.xcom(run, "train_default_model")
    assert trained["skipped"] is False and trained["version"] == 1 and trained["alias"] == "challenger"
    assert trained["run_url"].startswith(f"{support.MLFLOW}/#/experiments/")
    assert support.xcom(run, "evaluate_and_promote")["alias"] == "champion"  # there was no champion
    assert support.versions(NAME) == [1] and support.champion(NAME) == 1
    assert support.xcom(run, "score_champions") == {"checks": [], "drops": []}  # no champion to watch yet
    experiment = support.mlflow("GET", "experiments/get-by-name", experiment_name=NAME)["experiment"]
    assert {"key": "mlflow.experimentKind", "value": "custom_model_development"} in experiment["tags"]
    assert trained["run_url"].endswith("?workflowType=machine_learning")
    mlflow_run = support.mlflow("GET", "runs/get", run_id=trained["run_id"])["run"]
    dataset = mlflow_run["inputs"]["dataset_inputs"][0]
    version = support.mlflow("GET", "model-versions/get", name=NAME, version="1")["model_version"]
    checksum = {tag["key"]: tag["value"] for tag in version["tags"]}["data.checksum"]
    assert dataset["dataset"]["digest"] == checksum and dataset["dataset"]["name"] == "ratings"
    model_id = mlflow_run["outputs"]["model_outputs"][0]["model_id"]
    logged = support.mlflow("GET", f"logged-models/{model_id}")["model"]
    assert version["source"] == logged["info"]["artifact_uri"] + "/model"
    assert {"name": NAME, "version": 1} in json.loads(
        {tag["key"]: tag["value"] for tag in logged["info"]["tags"]}["mlflow.modelVersions"])
    assert "Decision: **champion**" in version["description"]


def test_a_second_refresh_of_another_model_keeps_the_better_of_the_two_as_champion(dags):
    set_variables(movierec_default_model="mf", movierec_default_model_params="factors=8 epochs=5")

    run = dags.get_dag("weekly_refresh").test()

    assert run.state == "success", support.task_states(run)
    assert support.xcom(run, "train_default_model")["version"] == 2
    assert support.versions(NAME) == [1, 2]
    tags = support.version_tags(NAME, 2)
    assert tags["promotion.metric"] == "ndcg_at_10" and tags["promotion.champion_version"] == "1"
    better = 2 if float(tags["promotion.candidate_value"]) >= float(tags["promotion.champion_value"]) + 0.001 else 1
    assert support.champion(NAME) == better


def test_a_refresh_with_nothing_new_trains_nothing_and_says_so(dags):
    champion = support.champion(NAME)

    # as the REST API triggers it with "logical_date": null: an Airflow 3 run without a logical date
    run = dags.get_dag("weekly_refresh").test(logical_date=None)

    assert run.state == "success", support.task_states(run)
    trained = support.xcom(run, "train_default_model")
    assert trained["skipped"] is True and trained["version"] == 2
    assert support.versions(NAME) == [1, 2] and support.champion(NAME) == champion


def test_the_refresh_asks_serving_to_reload_when_serving_is_configured(dags):
    assert support.SERVING_JAR.exists(), "build the jars first: ./mvnw -DskipTests package (bin/test does)"
    champion = support.champion(NAME)
    with support.serving(NAME, ("airflow-admin", "airflow-admin-secret")) as url:
        host, port = url.removeprefix("http://").split(":")
        os.environ["AIRFLOW_CONN_MOVIEREC_SERVING"] = json.dumps({
            "conn_type": "http", "host": host, "port": int(port), "schema": "http",
            "login": "airflow-admin", "password": "airflow-admin-secret"})
        try:
            run = dags.get_dag("weekly_refresh").test()
        finally:
            del os.environ["AIRFLOW_CONN_MOVIEREC_SERVING"]
        served = support.get_json(f"{url}/api/model")

    states = support.task_states(run)
    assert run.state == "success", states
    assert states["reload_serving"] == "success"
    answer = support.xcom(run, "reload_serving")
    assert answer["outcome"] in ("LOADED", "UNCHANGED") and answer["registeredVersion"] == champion
    assert served["loaded"] is True and served["version"] == champion


def test_a_source_without_input_is_skipped_and_the_rest_runs(dags):
    set_variables(movierec_imdb_input="", movierec_tmdb_input="")

    run = dags.get_dag("weekly_refresh").test()

    states = support.task_states(run)
    assert run.state == "success", states
    assert states["ingest_imdb"] == states["ingest_tmdb"] == "skipped"
    assert states["ingest_movielens"] == states["link_sources"] == states["evaluate_and_promote"] == "success"
    set_variables(**{f"movierec_{s}_input": str(support.SAMPLE / SOURCES[s]) for s in ("imdb", "tmdb")})


def test_a_failing_job_fails_its_task_and_the_run(dags):
    set_variables(movierec_movielens_input=str(support.SAMPLE / "no-such-folder"))
    try:
        run = dags.get_dag("weekly_refresh").test()
    finally:
        set_variables(movierec_movielens_input=str(support.SAMPLE / "ml-latest-small"))

    states = support.task_states(run)
    assert run.state == "failed", states
    assert states["ingest_movielens"] == "failed"
    assert support.tries(run, "ingest_movielens") == 2  # retried once (MOVIEREC_TASK_RETRIES)
    assert states["link_sources"] == "upstream_failed" and states["train_default_model"] == "upstream_failed"


def test_mlflow_down_fails_the_refresh_with_the_reason_and_the_next_run_works(dags, capfd):
    # MLflow cannot be reached for the whole run (a port nothing listens on): the first task that needs it, the
    # champions' scoring, fails, its log saying so; losing MLflow in the middle of a training is TrainingFaultsTest's
    set_variables(movierec_mlflow_uri="http://127.0.0.1:9")
    try:
        run = dags.get_dag("weekly_refresh").test()
    finally:
        set_variables(movierec_mlflow_uri=support.MLFLOW)
    log = "".join(capfd.readouterr())

    states = support.task_states(run)
    assert run.state == "failed", states
    assert states["ingest_movielens"] == states["link_sources"] == "success"
    assert states["score_champions"] == "failed" and support.tries(run, "score_champions") == 2
    assert states["train_default_model"] == "upstream_failed"
    assert "MLflow tracking server at http://127.0.0.1:9 is not reachable" in log

    run = dags.get_dag("weekly_refresh").test()
    assert run.state == "success", support.task_states(run)


def test_train_model_passes_the_form_to_the_mlflow_run(dags):
    champion = support.champion(NAME)

    run = dags.get_dag("train_model").test(logical_date=None, run_conf={
        "model_type": "mf", "mf_factors": 6, "mf_epochs": 3, "mf_learning_rate": 0.02, "promote": False})

    assert run.state == "success", support.task_states(run)
    result = support.xcom(run, "train")
    mlflow_run = support.mlflow("GET", "runs/get", run_id=result["run_id"])["run"]
    params = {p["key"]: p["value"] for p in mlflow_run["data"]["params"]}
    assert params["model_type"] == "mf"
    assert (params["factors"], params["epochs"], params["learning_rate"]) == ("6", "3", "0.02")
    assert mlflow_run["info"]["run_name"].startswith("mf-")
    # promotion was not allowed: the champion stays; the version is challenger only if it beat the challenger
    assert result["alias"] != "champion" and support.champion(NAME) == champion


def test_train_model_can_run_a_search(dags):
    run = dags.get_dag("train_model").test(run_conf={"model_type": "popularity", "tune": True, "trials": 2})

    assert run.state == "success", support.task_states(run)
    result = support.xcom(run, "train")
    parent = support.mlflow("GET", "runs/get", run_id=result["run_id"])["run"]
    tags = {t["key"]: t["value"] for t in parent["data"]["tags"]}
    params = {p["key"]: p["value"] for p in parent["data"]["params"]}
    assert tags["run_type"] == "tune" and params["trials"] == "2"


def test_train_model_refuses_a_value_out_of_bounds_before_running(dags):
    with pytest.raises(ParamValidationError, match="mf_factors"):
        dags.get_dag("train_model").test(run_conf={"model_type": "mf", "mf_factors": 5000})


def test_train_model_trains_a_spark_model_on_the_cluster_with_the_spark_provider(dags):
    assert support.SPARK_JOB_JAR.exists(), "build the jars first: ./mvnw -DskipTests package (bin/test does)"
    champion = support.champion(NAME)

    run = dags.get_dag("train_model").test(run_conf={
        "model_type": "als-implicit", "als_implicit_factors": 8, "als_implicit_iterations": 3, "promote": False})

    states = support.task_states(run)
    assert run.state == "success", states
    assert states == {"choose_engine": "success", "train": "skipped", "train_on_spark": "success",
                      "spark_result": "success"}
    result = support.xcom(run, "spark_result")
    assert result["alias"] != "champion" and support.champion(NAME) == champion
    tags = support.run_tags(result["run_id"])
    assert tags["training.engine"] == "spark" and tags["spark.master"] == support.SPARK_MASTER
    assert tags["model_type"] == "als-implicit"
    # the Spark job publishes as the JVM one does: the snapshot as the run's dataset, an MLflow 3 logged model
    spark_run = support.mlflow("GET", "runs/get", run_id=result["run_id"])["run"]
    assert spark_run["inputs"]["dataset_inputs"][0]["dataset"]["digest"] == tags["data.checksum"]
    model_id = spark_run["outputs"]["model_outputs"][0]["model_id"]
    logged = support.mlflow("GET", f"logged-models/{model_id}")["model"]["info"]
    version = support.mlflow("GET", "model-versions/get", name=NAME, version=str(result["version"]))["model_version"]
    assert version["source"] == logged["artifact_uri"] + "/model" and logged["status"] == "LOGGED_MODEL_READY"
    params = {p["key"]: p["value"] for p in support.mlflow("GET", "runs/get", run_id=result["run_id"])["run"]["data"]["params"]}
    assert (params["factors"], params["iterations"]) == ("8", "3")


def test_weekly_refresh_trains_a_spark_default_model_on_spark_and_promotes_as_usual(dags):
    set_variables(movierec_default_model="als", movierec_default_model_params="factors=8 iterations=3")
    try:
        run = dags.get_dag("weekly_refresh").test()
    finally:
        set_variables(movierec_default_model="popularity", movierec_default_model_params="")

    states = support.task_states(run)
    assert run.state == "success", states
    assert states["train_default_model"] == "skipped"
    assert states["train_default_model_on_spark"] == states["spark_training_result"] == "success"
    assert states["evaluate_and_promote"] == "success"
    trained = support.xcom(run, "spark_training_result")
    assert trained["skipped"] is False and trained["alias"] != "champion"  # registered without promotion
    promoted = support.xcom(run, "evaluate_and_promote")
    assert promoted["version"] == trained["version"]
    assert support.version_tags(NAME, trained["version"])["training.engine"] == "spark"


def test_weekly_refresh_trains_and_promotes_a_rating_predictor_beside_the_ranker(dags):
    predictor_before = support.champion(NAME, "predictor-champion")  # mf of the second refresh predicts ratings
    set_variables(movierec_default_predictor="knn-learned", movierec_default_predictor_params="epochs=3")
    try:
        run = dags.get_dag("weekly_refresh").test()
    finally:
        set_variables(movierec_default_predictor="")

    states = support.task_states(run)
    assert run.state == "success", states
    assert states["train_default_predictor"] == states["promote_predictor"] == "success"
    trained = support.xcom(run, "train_default_predictor")
    assert trained["skipped"] is False
    promoted = support.xcom(run, "promote_predictor")
    assert promoted["version"] == trained["version"]
    tags = support.version_tags(NAME, trained["version"])
    assert tags["model_type"] == "knn-learned"
    assert tags["promotion.predictor.metric"] == "rmse"
    assert tags["promotion.predictor.champion_version"] == str(predictor_before)
    better = float(tags["promotion.predictor.candidate_value"]) <= float(tags["promotion.predictor.champion_value"]) - 0.001
    expected = trained["version"] if better else predictor_before
    assert support.champion(NAME, "predictor-champion") == expected
    decision = tags["promotion.predictor.decision"]
    assert (decision == "champion") == better
    assert promoted["predictor_alias"] == {"champion": "predictor-champion", "challenger": "predictor-challenger",
                                           "none": None}[decision]


def test_the_form_refuses_a_spark_setting_out_of_range_before_running(dags):
    with pytest.raises(ParamValidationError, match="spark_executor_memory"):
        dags.get_dag("train_model").test(run_conf={"model_type": "als", "spark_executor_memory": "lots"})


def _monitoring_points(run_id: str, metric: str) -> list:
    answer = support.mlflow("GET", "metrics/get-history", run_id=run_id, metric_key=metric)
    return sorted((m["step"], m["value"]) for m in answer.get("metrics", []))


def test_the_champions_are_watched_week_by_week_and_a_drop_fails_the_check_with_its_message(dags):
    """Two weekly refreshes with new ratings between them: ratings like the old ones, then ratings that turn
    the users' taste upside down (they love the films nobody watched and hate the most watched ones)."""
    import http.server
    import threading

    snapshot = support.query("select max(rated_at) from ratings")[0][0]
    # week 1: a few known ratings made again two days after the snapshot
    moved = support.query("update ratings r set rated_at = %s + interval '2 days' from ratings old "
                          "where old.user_id = r.user_id and old.movie_id = r.movie_id "
                          "and (r.user_id * 31 + r.movie_id) %% 40 = 0 "
                          "returning r.user_id, r.movie_id, old.rated_at", snapshot)
    run = dags.get_dag("weekly_refresh").test()

    states = support.task_states(run)
    assert run.state == "success", states
    assert states["score_champions"] == states["check_champions"] == "success"
    first = support.xcom(run, "score_champions")
    assert first["drops"] == [] and first["checks"], first
    ranker = first["checks"][0]
    assert ranker["role"] == "ranker" and ranker["new_ratings"] >= 100 and ranker["figure"] is not None
    assert ranker["run_url"].endswith("?workflowType=machine_learning")

    received = []

    class Hook(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            received.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Hook)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    # week 2: the ratings of week 1 back where they were; a week later, the taste turned upside down
    support.query("update ratings r set rated_at = v.t from unnest(%s::bigint[], %s::int[], %s::timestamptz[]) "
                  "v(u, m, t) where r.user_id = v.u and r.movie_id = v.m returning 1",
                  [row[0] for row in moved], [row[1] for row in moved], [row[2] for row in moved])
    support.query("""
        insert into ratings (user_id, movie_id, rating, rated_at)
        select u.user_id, m.movie_id, m.rating, %s + interval '9 days'
        from (select distinct user_id from ratings order by user_id limit 200) u
        cross join ((select movie_id, 5.0 as rating from ratings group by movie_id order by count(*), movie_id limit 30)
                    union all
                    (select movie_id, 0.5 from ratings group by movie_id order by count(*) desc, movie_id limit 10)) m
        on conflict do nothing returning 1""", snapshot)
    # the baselines fail on such ratings as badly as the champions: the test sets the rule's second test, beyond
    # the normal gap (week 1's figure was about 56% below the test figure on this sample)
    set_variables(movierec_monitor_max_relative_drop="0.8",
                  movierec_monitor_webhook=f"http://127.0.0.1:{server.server_port}/alert")
    try:
        run = dags.get_dag("weekly_refresh").test()
    finally:
        set_variables(movierec_monitor_max_relative_drop="0", movierec_monitor_webhook="")
        server.shutdown()

    states = support.task_states(run)
    assert run.state == "failed", states
    assert states["score_champions"] == "success" and states["check_champions"] == "failed"
    assert support.tries(run, "check_champions") == 1  # a drop is not retried
    # the retraining and the promotion went on beside the failed check
    assert states["train_default_model"] == states["evaluate_and_promote"] == "success"
    second = support.xcom(run, "score_champions")
    ranker = second["checks"][0]
    assert ranker["drop"] and "worse than its own test figure" in ranker["drop"], second
    assert ranker["figure"] < first["checks"][0]["figure"] / 2, (first, second)
    message = f"DROP: ranker champion {NAME} version {ranker['version']} ({ranker['model_type']}): ndcg_at_10 "
    assert second["drops"][0].startswith(message)
    assert len(received) == 1 and received[0]["drops"] == second["drops"]
    assert received[0]["text"].startswith("movierec: a champion dropped")
    assert support.version_tags(NAME, ranker["version"])["monitor.ranker.drop"] == "true"

    # one monitoring run for the ranker role, a point for each week of new ratings
    assert ranker["run_id"] == first["checks"][0]["run_id"]
    points = _monitoring_points(ranker["run_id"], "new_ratings")
    assert len(points) == 2 and points[1][0] == points[0][0] + 1, points
    assert [value for _, value in _monitoring_points(ranker["run_id"], "drop")] == [0.0, 1.0]
    assert len(_monitoring_points(ranker["run_id"], "baseline_ndcg_at_10")) == 2
    promoted = support.version_tags(NAME, support.xcom(run, "evaluate_and_promote")["version"])
    assert "waived: the champion dropped" in promoted["promotion.reason"]
