"""DAG integrity: every DAG file imports, and each DAG has its tags, docs, retries, tasks and dependencies."""

import os
import re
import subprocess
from datetime import datetime, timedelta, timezone

import pytest
from airflow.dag_processing.dagbag import DagBag

from conftest import DAGS, REPO
from movierec_dags import settings
from movierec_dags.hyper_parameters import MODELS, SPARK_MODELS, param_key
from movierec_test_support import SPARK_JOB_JAR, TRAINING_JAR


@pytest.fixture(scope="module")
def dagbag():
    return DagBag(str(DAGS))


def test_every_dag_file_imports_without_errors(dagbag):
    assert dagbag.import_errors == {}
    assert set(dagbag.dag_ids) == {"weekly_refresh", "train_model"}


@pytest.mark.parametrize("dag_id", ["weekly_refresh", "train_model"])
def test_every_dag_has_tags_docs_retries_and_timeouts(dagbag, dag_id):
    dag = dagbag.get_dag(dag_id)
    assert "movierec" in dag.tags
    assert dag.doc_md and dag.doc_md.strip().startswith(f"# {dag_id}")
    assert dag.catchup is False
    assert dag.max_active_runs == 1
    for task in dag.tasks:
        # a drop found by the champion monitoring is not transient: its alert is not retried
        assert task.retries == (0 if task.task_id == "check_champions" else 1), task.task_id
        assert task.retry_delay == timedelta(seconds=1), task.task_id  # MOVIEREC_TASK_RETRY_DELAY_S of conftest
        assert task.execution_timeout is not None, task.task_id
        assert task.doc_md, task.task_id


def test_weekly_refresh_ingests_in_parallel_then_links_trains_promotes_and_reloads(dagbag):
    dag = dagbag.get_dag("weekly_refresh")
    ingestions = {f"ingest_{source}" for source in settings.SOURCES}
    assert set(dag.task_ids) == ingestions | {"link_sources", "score_champions", "check_champions",
                                              "choose_engine", "train_default_model",
                                              "train_default_model_on_spark", "spark_training_result",
                                              "evaluate_and_promote", "train_default_predictor",
                                              "promote_predictor", "reload_serving"}
    for task_id in ingestions:
        assert dag.get_task(task_id).upstream_task_ids == set()
        assert dag.get_task(task_id).downstream_task_ids == {"link_sources"}
    link = dag.get_task("link_sources")
    assert link.trigger_rule == "none_failed"  # a skipped source does not stop the rest
    # the champions are scored on the new ratings before any training; the alert runs beside the training
    assert link.downstream_task_ids == {"score_champions"}
    assert dag.get_task("score_champions").downstream_task_ids == {"check_champions", "choose_engine",
                                                                   "train_default_predictor"}
    assert dag.get_task("check_champions").downstream_task_ids == set()
    assert dag.get_task("choose_engine").downstream_task_ids == {"train_default_model", "train_default_model_on_spark"}
    assert dag.get_task("train_default_model").downstream_task_ids == {"evaluate_and_promote"}
    assert dag.get_task("train_default_model_on_spark").downstream_task_ids == {"spark_training_result"}
    assert dag.get_task("spark_training_result").downstream_task_ids == {"evaluate_and_promote"}
    # whichever engine trained, the other's branch is skipped
    assert dag.get_task("evaluate_and_promote").trigger_rule == "none_failed_min_one_success"
    # the rating predictor is promoted after the ranker, one promotion at a time, then serving reloads both
    assert dag.get_task("evaluate_and_promote").downstream_task_ids == {"promote_predictor"}
    assert dag.get_task("train_default_predictor").downstream_task_ids == {"promote_predictor"}
    assert dag.get_task("promote_predictor").downstream_task_ids == {"reload_serving"}
    assert dag.get_task("train_default_model_on_spark")._conn_id == "movierec_spark"
    assert dag.schedule == "@weekly"
    assert dag.get_task("ingest_movielens").execution_timeout == settings.ETL_TIMEOUT
    assert dag.get_task("train_default_model").execution_timeout == settings.TRAINING_TIMEOUT


def test_weekly_refresh_declares_the_data_and_the_model_as_assets(dagbag):
    dag = dagbag.get_dag("weekly_refresh")
    outlets = {task.task_id: [asset.name for asset in task.outlets] for task in dag.tasks}
    assert outlets["ingest_tmdb"] == ["movierec_tmdb_data"]
    assert outlets["link_sources"] == ["movierec_linked_data"]
    assert outlets["train_default_model"] == ["movierec_model"]
    assert outlets["train_default_model_on_spark"] == ["movierec_model"]


def test_the_train_model_form_offers_every_model_with_its_hyper_parameters_and_bounds(dagbag):
    dag = dagbag.get_dag("train_model")
    assert dag.schedule is None
    params = dag.params
    assert params.get_param("model_type").schema["enum"] == sorted(MODELS)
    assert params["tune"] is False and params["promote"] is True and params["trials"] == 10
    factors = params.get_param("mf_factors")
    assert (factors.value, factors.schema["type"], factors.schema["minimum"], factors.schema["maximum"]) == \
        (100, "integer", 1, 1000)
    assert params.get_param("dae_dropout").schema["maximum"] == 0.95
    assert params.get_param("als_implicit_alpha").value == 0.34
    assert set(dag.task_ids) == {"choose_engine", "train", "train_on_spark", "spark_result"}
    assert dag.get_task("choose_engine").downstream_task_ids == {"train", "train_on_spark"}
    assert dag.get_task("train_on_spark").downstream_task_ids == {"spark_result"}


@pytest.mark.skipif(not TRAINING_JAR.exists(), reason="training.jar not built (./mvnw -DskipTests package)")
def test_the_hyper_parameters_match_the_training_jars_help():
    """Names and defaults of the form are those `training.jar --help` lists for every model."""
    help_text = subprocess.run(["java", "-jar", str(TRAINING_JAR), "--help"], capture_output=True, text=True,
                               check=True).stdout
    listed = dict(re.findall(r"^  ([\w-]+): (.*)$", help_text, re.MULTILINE))
    assert set(listed) == set(MODELS) - set(SPARK_MODELS)
    assert_same_hyper_parameters(listed)


@pytest.mark.skipif(not SPARK_JOB_JAR.exists(), reason="training-spark.jar not built (./mvnw -DskipTests package)")
def test_the_spark_models_hyper_parameters_match_the_spark_jobs_help():
    """Names and defaults of the Spark models are those `bin/spark submit train --help` lists."""
    help_text = subprocess.run(["bash", str(REPO / "bin" / "spark"), "submit", "train", "--help"],
                               env={**os.environ, "SPARK_MASTER_URL": "local[1]", "SPARK_JOB_JAR": str(SPARK_JOB_JAR)},
                               capture_output=True, text=True, check=True).stdout
    listed = dict(re.findall(r"^  ([\w-]+): (.*)$", help_text, re.MULTILINE))
    assert set(listed) == set(SPARK_MODELS)
    assert_same_hyper_parameters(listed)


def assert_same_hyper_parameters(listed: dict):
    for model, words in listed.items():
        jar = dict(word.split("=") for word in words.split())
        assert list(jar) == [hp.name for hp in MODELS[model][1]], model
        for hp in MODELS[model][1]:
            assert float(jar[hp.name]) == hp.default, f"{model} {hp.name}"
            assert param_key(model, hp.name) == f"{model.replace('-', '_')}_{hp.name}"


def form_renderer(dag):
    """render(template, **form changes): a template of the DAG as a run with the form's values renders it."""
    from airflow.sdk.definitions._internal.templater import FILTERS
    from jinja2 import Environment
    env = Environment()
    env.filters.update(FILTERS)
    params = {key: dag.params[key] for key in dag.params}

    def render(template, **changes):
        return env.from_string(template).render(params={**params, **changes}, **dag.user_defined_macros,
                                                logical_date=datetime(2026, 1, 1, tzinfo=timezone.utc), dag=dag,
                                                run_id="manual__2026-01-01T00:00:00+00:00")
    return render


def test_train_model_renders_the_chosen_models_fields_and_the_switches(dagbag):
    dag = dagbag.get_dag("train_model")
    template = dag.get_task("train").bash_command
    form = form_renderer(dag)

    def render(**changes):
        return " ".join(form(template, **changes).split())

    train = render(model_type="popularity", popularity_half_life_days=3.0, promote=False)
    assert 'train --model=popularity liked_rating=3.5 half_life_days=3.0 --no-promote ' \
           '--run-name="popularity-20260101T000000"' in train
    # train passes every field of the model; tune only those changed from their defaults
    assert "train --model=mf factors=100 epochs=40 learning_rate=0.01 reg=0.05 init_std=0.1 fold_in_reg=0.0 " \
           "fold_in_reg_per_rating=0.15 seed=42 --run-name" in render(model_type="mf")
    assert "tune --trials=3 --model=mf epochs=2 --run-name" in render(model_type="mf", mf_epochs=2, tune=True, trials=3)


def test_train_model_renders_the_spark_jobs_arguments(dagbag):
    dag = dagbag.get_dag("train_model")
    arguments = dag.get_task("train_on_spark").application_args
    form = form_renderer(dag)

    def render(**changes):
        return [form(arg, **changes).strip() for arg in arguments]

    train = render(model_type="als-implicit", als_implicit_alpha=4.0, promote=False)
    assert train[:3] == ["train", "--model=als-implicit", ""]
    assert train[3] == "factors=70 iterations=13 reg=0.044 alpha=4.0 blocks=10 seed=42"
    assert train[4:6] == ["--no-promote", "--run-name=als-implicit-20260101T000000"]
    assert train[6].startswith("--result-file=") and train[6].endswith("/train_model/manual__2026-01-01T00-00-00-00-00.json")
    # tune passes only the fields changed from their defaults
    assert render(model_type="als", als_factors=8, tune=True, trials=3)[:5] == \
        ["tune", "--model=als", "--trials=3", "factors=8", ""]


def test_check_champions_fails_with_the_drops_and_posts_them_to_the_webhook():
    """The alert alone, on a result as `training.jar monitor` writes it, with a webhook on a local server."""
    import http.server
    import json
    import threading

    from airflow.sdk.exceptions import AirflowException

    from movierec_dags.monitoring import check_champions

    received = []

    class Hook(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            received.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Hook)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    message = ("DROP: ranker champion movierec version 3 (ease): ndcg_at_10 0.05000 is 37.5% worse than the baseline's "
               "0.08000 on the same new ratings (tolerance 2.0%)")
    check = {"role": "ranker", "message": message, "run_url": "http://mlflow/#/experiments/1/runs/r", "drop": "..."}
    fine = {"role": "predictor", "message": "predictor champion movierec version 2 (mf): rmse = 0.9", "run_url": "u",
            "drop": None}
    try:
        assert check_champions.function({"checks": [fine], "drops": []}, "") == [fine["message"]]
        assert received == []
        with pytest.raises(AirflowException, match=r"ndcg_at_10 0\.05000 is 37\.5% worse"):
            check_champions.function({"checks": [check, fine], "drops": [message]},
                                     f"http://127.0.0.1:{server.server_port}/hook")
    finally:
        server.shutdown()
    assert received == [{"text": "movierec: a champion dropped on the ratings made after its training snapshot:\n"
                                 + message, "drops": [message], "runs": ["http://mlflow/#/experiments/1/runs/r"]}]
